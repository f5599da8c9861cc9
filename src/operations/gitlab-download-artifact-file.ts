import * as log from '../log.js'
import path from 'node:path'
import { artifactFileUrl, describeJob } from '../gitlab/api.js'
import { downloadArtifact, fetchedResult, jobTarget } from '../gitlab/artifacts.js'
import { assertDownloadable, locateJob } from '../gitlab/jobs.js'
import { withJob } from './gitlab-job.js'
import type { Operation, OperationContext, OperationResult } from './types.js'
import { InputError } from '../errors.js'
import type { GitLabConnection, JobSelector } from '../settings/index.js'
import { readConnection, readJobSelector, readTargetFolder } from '../settings/gitlab.js'
import { GITLAB_CONNECTION, GITLAB_JOB_BY_REF } from '../settings/inputs.js'
import { duration, required } from '../settings/reader.js'

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

export interface DownloadArtifactFileSettings {
  operation: 'gitlab-download-artifact-file'
  gitlab: GitLabConnection
  job: JobSelector
  /** Path inside the archive, `/`-separated, not yet encoded. */
  artifactPath: string
  /** Absolute folder the file is saved in under its own name. */
  path: string
  /** `stall-timeout`: the longest the download may go without receiving a byte. */
  stallMs: number
}

function readArtifactPath(): string {
  const text = required('artifact-path', "the file's path inside the artifacts archive, e.g. dist/app.tar.gz")
  const segments = text
    .replace(/^\.?\/+/, '')
    .split('/')
    .filter(segment => segment !== '')
  if (segments.length === 0 || segments.some(segment => segment === '.' || segment === '..' || segment.includes('\0'))) {
    throw new InputError('artifact-path', `must be a file path inside the archive without '.' or '..' parts; got '${text}'.`)
  }
  return segments.join('/')
}

export function readDownloadArtifactFile(): DownloadArtifactFileSettings {
  return {
    operation: 'gitlab-download-artifact-file',
    gitlab: readConnection(),
    job: readJobSelector(),
    artifactPath: readArtifactPath(),
    path: readTargetFolder(),
    stallMs: duration('stall-timeout')
  }
}

export const operation: Operation<DownloadArtifactFileSettings> = {
  name: 'gitlab-download-artifact-file',
  inputs: [...GITLAB_CONNECTION, ...GITLAB_JOB_BY_REF, 'artifact-path', 'path', 'stall-timeout'],
  read: readDownloadArtifactFile,
  run: downloadArtifactFile
}
