import * as log from '../log.js'
import path from 'node:path'
import { artifactFileUrl, describeJob } from '../gitlab/api.js'
import { downloadArtifact, fetchedResult, jobTarget } from '../gitlab/artifacts.js'
import { assertDownloadable, locateJob } from '../gitlab/jobs.js'
import type { DownloadArtifactFileSettings } from '../settings/index.js'
import { withJob } from './gitlab-job.js'
import type { Operation, OperationContext, OperationResult } from './types.js'
import { inputsOf } from '../settings/inputs.js'
import { readDownloadArtifactFile } from '../settings/gitlab.js'

/** One file from inside the job's artifacts, saved in `path` under its own name. */
export async function downloadArtifactFile(settings: DownloadArtifactFileSettings, context: OperationContext): Promise<OperationResult> {
  const startedAt = Date.now()
  const { gitlab, artifactPath } = settings
  const { located, file } = await log.group(`Download ${artifactPath} from the artifacts of ${describeJob(gitlab, settings.job)}`, async () => {
    const located = await locateJob(gitlab, settings.job, context.signal)
    assertDownloadable(located)
    const file = await downloadArtifact({
      gitlab,
      job: located.selector,
      url: artifactFileUrl(gitlab, located.selector, artifactPath),
      what: `download '${artifactPath}' from the artifacts of ${describeJob(gitlab, located.selector)}`,
      folder: settings.path,
      saveAs: { fallbackName: path.posix.basename(artifactPath) },
      artifactPath,
      stallMs: settings.stallMs,
      signal: context.signal
    })
    return { located, file }
  })
  log.info(`Saved ${artifactPath} as ${file.file}`)
  const result = fetchedResult({
    operation: settings.operation,
    target: `${jobTarget(gitlab, settings.job)}: ${artifactPath}`,
    status: 'Downloaded',
    startedAt,
    downloadPath: file.file,
    file,
    files: 1
  })
  return withJob(result, located)
}

export const operation: Operation<DownloadArtifactFileSettings> = {
  name: 'gitlab-download-artifact-file',
  inputs: inputsOf('gitlab-download-artifact-file'),
  read: readDownloadArtifactFile,
  run: downloadArtifactFile
}
