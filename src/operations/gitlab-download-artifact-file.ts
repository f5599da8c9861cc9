import * as log from '../log.js'
import path from 'node:path'
import { artifactFileUrl, describeJob } from '../gitlab/api.js'
import { downloadArtifact, fetchedResult, jobTarget } from '../gitlab/artifacts.js'
import { assertDownloadable } from '../gitlab/jobs.js'
import { notActedOn, withJob } from './gitlab-job.js'
import { settleJob } from './gitlab-job-follower.js'
import type { Operation, OperationContext, OperationResult } from './types.js'
import { InputError } from '../errors.js'
import type { GitLabConnection, GitLabWaitSettings, JobSelector } from '../settings/index.js'
import { readConnection, readGitLabWait, readJobSelector, readTargetFolder } from '../settings/gitlab.js'
import { GITLAB_CONNECTION, GITLAB_JOB } from '../settings/inputs.js'
import { duration, required } from '../settings/reader.js'

/** One file from inside the job's artifacts, saved in `path` under its own name. */
export async function downloadArtifactFile(settings: DownloadArtifactFileSettings, context: OperationContext): Promise<OperationResult> {
  const startedAt = Date.now()
  const { gitlab, artifactPath } = settings
  const target = `${jobTarget(gitlab, settings.job)}: ${artifactPath}`
  const settled = await settleJob({ gitlab, selector: settings.job, wait: settings.wait, operation: settings.operation, gitlabMayPick: true }, context)
  if (settled.failure) return notActedOn(settings.operation, target, startedAt, settled)
  const { located } = settled
  assertDownloadable(located)
  const file = await log.group(`Download ${artifactPath} from the artifacts of ${describeJob(gitlab, located.selector)}`, () =>
    downloadArtifact({
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
  )
  log.info(`Saved ${artifactPath} as ${file.file}`)
  const result = fetchedResult({
    operation: settings.operation,
    target,
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
  wait: GitLabWaitSettings
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
    wait: readGitLabWait(),
    artifactPath: readArtifactPath(),
    path: readTargetFolder(),
    stallMs: duration('stall-timeout')
  }
}

export const operation: Operation<DownloadArtifactFileSettings> = {
  name: 'gitlab-download-artifact-file',
  inputs: [...GITLAB_CONNECTION, ...GITLAB_JOB, 'artifact-path', 'path', 'stall-timeout'],
  read: readDownloadArtifactFile,
  run: downloadArtifactFile
}
