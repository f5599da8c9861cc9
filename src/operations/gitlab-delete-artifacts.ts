import * as log from '../log.js'
import { deleteUrl } from '../gitlab/api.js'
import { changeArtifacts, jobTarget, unexpectedAnswer } from '../gitlab/artifacts.js'
import { foundJobId, notActedOn, withJob } from './gitlab-job.js'
import { settleJob } from './gitlab-job-follower.js'
import type { Operation, OperationContext, OperationResult } from './types.js'
import { readJobArtifacts } from '../settings/gitlab.js'
import type { JobArtifactsSettings } from '../settings/index.js'
import { GITLAB_CONNECTION, GITLAB_JOB } from '../settings/inputs.js'

export type DeleteArtifactsSettings = JobArtifactsSettings<'gitlab-delete-artifacts'>

/**
 * Deletes a job's artifacts (DELETE .../artifacts, sent at most once). GitLab answers 204 with no
 * body, so the job is found or read first (reads, retried as reads are) for its pipeline and web URL.
 */
export async function deleteArtifacts(settings: DeleteArtifactsSettings, context: OperationContext): Promise<OperationResult> {
  const startedAt = Date.now()
  const { gitlab } = settings
  const settled = await settleJob({ gitlab, selector: settings.job, wait: settings.wait, operation: settings.operation, gitlabMayPick: false }, context)
  if (settled.failure) return notActedOn(settings.operation, jobTarget(gitlab, settings.job), startedAt, settled)
  const { located } = settled
  const jobId = foundJobId(located)
  const what = `delete the artifacts of job ${jobId} of ${gitlab.project}`
  const response = await changeArtifacts({ gitlab, jobId, method: 'DELETE', url: deleteUrl(gitlab, jobId), what, access: 'delete', signal: context.signal })
  // GitLab answers 204 No Content (lib/api/ci/job_artifacts.rb: `status :no_content`); a 200 came from something else.
  if (response.status !== 204) throw await unexpectedAnswer(what, response, 'HTTP 204 (No Content)')
  await response.body.dump()
  log.info(`Deleted the artifacts of job ${jobId} of ${gitlab.project}`)
  const result: OperationResult = {
    outputs: {},
    summary: { operation: settings.operation, target: `${gitlab.project} job ${jobId}`, status: 'Deleted', passed: true, durationMs: Date.now() - startedAt }
  }
  return withJob(result, located)
}

export const operation: Operation<DeleteArtifactsSettings> = {
  name: 'gitlab-delete-artifacts',
  inputs: [...GITLAB_CONNECTION, ...GITLAB_JOB],
  read: () => readJobArtifacts('gitlab-delete-artifacts'),
  run: deleteArtifacts
}
