import * as log from '../log.js'
import { rm } from 'node:fs/promises'
import { archiveUrl, describeJob } from '../gitlab/api.js'
import { downloadArtifact, fetchedResult, jobTarget } from '../gitlab/artifacts.js'
import { extractArchive } from '../gitlab/extract.js'
import { assertDownloadable } from '../gitlab/jobs.js'
import { count } from '../gitlab/progress.js'
import { notActedOn, withJob } from './gitlab-job.js'
import { settleJob } from './gitlab-job-follower.js'
import type { Operation, OperationContext, OperationResult } from './types.js'
import type { ExtractionLimits, GitLabConnection, GitLabWaitSettings, JobSelector } from '../settings/index.js'
import { readConnection, readGitLabWait, readJobSelector, readTargetFolder } from '../settings/gitlab.js'
import { GITLAB_CONNECTION, GITLAB_JOB } from '../settings/inputs.js'
import { boolean, duration, positiveInteger, size } from '../settings/reader.js'

/** The job's artifacts archive, extracted into `path` (or, with `extract: false`, saved there as a zip). */
export async function downloadArtifacts(settings: DownloadArtifactsSettings, context: OperationContext): Promise<OperationResult> {
  const startedAt = Date.now()
  const { gitlab } = settings
  const target = jobTarget(gitlab, settings.job)
  const settled = await settleJob({ gitlab, selector: settings.job, wait: settings.wait, operation: settings.operation, gitlabMayPick: true }, context)
  if (settled.failure) return notActedOn(settings.operation, target, startedAt, settled)
  const { located } = settled
  assertDownloadable(located)
  const file = await log.group(`Download the artifacts of ${describeJob(gitlab, located.selector)}`, () =>
    downloadArtifact({
      gitlab,
      job: located.selector,
      url: archiveUrl(gitlab, located.selector),
      what: `download the artifacts of ${describeJob(gitlab, located.selector)}`,
      folder: settings.path,
      saveAs: settings.extract ? 'temporary' : { fallbackName: 'artifacts.zip' },
      stallMs: settings.stallMs,
      signal: context.signal
    })
  )
  const result = { operation: settings.operation, target, startedAt, file }
  if (!settings.extract) {
    log.info(`Saved the archive as ${file.file}`)
    return withJob(fetchedResult({ ...result, status: 'Downloaded', downloadPath: file.file, files: 1 }), located)
  }
  const extracted = await log.group(`Extract the artifacts into ${settings.path}`, async () => {
    try {
      return await extractArchive(file.file, settings.path, settings.limits, context.signal)
    } finally {
      await rm(file.file, { force: true })
    }
  })
  log.info(`Extracted ${count(extracted.files, 'file')} into ${settings.path}`)
  return withJob(fetchedResult({ ...result, status: 'Extracted', downloadPath: settings.path, files: extracted.files }), located)
}

export interface DownloadArtifactsSettings {
  operation: 'gitlab-download-artifacts'
  gitlab: GitLabConnection
  job: JobSelector
  wait: GitLabWaitSettings
  /** Absolute folder: extracted into, or the zip saved in. */
  path: string
  /** `stall-timeout`: the longest the download may go without receiving a byte. */
  stallMs: number
  extract: boolean
  limits: ExtractionLimits
}

export function readDownloadArtifacts(): DownloadArtifactsSettings {
  return {
    operation: 'gitlab-download-artifacts',
    gitlab: readConnection(),
    job: readJobSelector(),
    wait: readGitLabWait(),
    path: readTargetFolder(),
    stallMs: duration('stall-timeout'),
    extract: boolean('extract'),
    limits: {
      maxBytes: size('max-extracted-size'),
      maxFiles: positiveInteger('max-extracted-files')
    }
  }
}

export const operation: Operation<DownloadArtifactsSettings> = {
  name: 'gitlab-download-artifacts',
  inputs: [...GITLAB_CONNECTION, ...GITLAB_JOB, 'path', 'stall-timeout', 'extract', 'max-extracted-size', 'max-extracted-files'],
  read: readDownloadArtifacts,
  run: downloadArtifacts
}
