import * as log from '../log.js'
import path from 'node:path'
import { artifactFileUrl, describeJob } from '../gitlab/api.js'
import { downloadArtifact, fetchedResult, jobTarget } from '../gitlab/artifacts.js'
import type { DownloadArtifactFileSettings } from '../settings/index.js'
import type { OperationContext, OperationResult } from './types.js'

/** One file from inside the job's artifacts, saved in `path` under its own name. */
export async function downloadArtifactFile(settings: DownloadArtifactFileSettings, context: OperationContext): Promise<OperationResult> {
  const startedAt = Date.now()
  const { gitlab, job, artifactPath } = settings
  const what = `download '${artifactPath}' from the artifacts of ${describeJob(gitlab, job)}`
  const file = await log.group(`Download ${artifactPath} from the artifacts of ${describeJob(gitlab, job)}`, () =>
    downloadArtifact({
      gitlab,
      job,
      url: artifactFileUrl(gitlab, job, artifactPath),
      what,
      folder: settings.path,
      saveAs: { fallbackName: path.posix.basename(artifactPath) },
      artifactPath,
      signal: context.signal
    })
  )
  log.info(`Saved ${artifactPath} as ${file.file}`)
  return fetchedResult({
    operation: settings.operation,
    target: `${jobTarget(gitlab, job)}: ${artifactPath}`,
    status: 'Downloaded',
    startedAt,
    downloadPath: file.file,
    file,
    files: 1
  })
}
