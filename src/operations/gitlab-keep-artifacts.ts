import * as log from '../log.js'
import { keepUrl } from '../gitlab/api.js'
import { ActionError } from '../errors.js'
import { changeArtifacts, jobTarget } from '../gitlab/artifacts.js'
import { GITLAB } from '../gitlab/errors.js'
import type { GitLabJob } from '../gitlab/jobs.js'
import { readJsonAnswer } from '../http/body.js'
import { foundJobId, notActedOn, withJob } from './gitlab-job.js'
import { settleJob } from './gitlab-job-follower.js'
import type { Operation, OperationContext, OperationResult } from './types.js'
import { readJobArtifacts } from '../settings/gitlab.js'
import type { JobArtifactsSettings } from '../settings/index.js'
import { GITLAB_CONNECTION, GITLAB_JOB } from '../settings/inputs.js'

export type KeepArtifactsSettings = JobArtifactsSettings<'gitlab-keep-artifacts'>

/**
 * Keeps a job's artifacts from expiring (POST .../artifacts/keep, sent at most once). A job given by
 * id without a wait is kept at once: GitLab's answer describes it. Otherwise it is found (and waited
 * for) first.
 */
export async function keepArtifacts(settings: KeepArtifactsSettings, context: OperationContext): Promise<OperationResult> {
  const startedAt = Date.now()
  const { gitlab } = settings
  let jobId: string
  if (settings.job.by === 'id' && !settings.wait.enabled) {
    jobId = settings.job.jobId
  } else {
    const settled = await settleJob({ gitlab, selector: settings.job, wait: settings.wait, operation: settings.operation, gitlabMayPick: false }, context)
    if (settled.failure) return notActedOn(settings.operation, jobTarget(gitlab, settings.job), startedAt, settled)
    jobId = foundJobId(settled.located)
  }
  const what = `keep the artifacts of job ${jobId} of ${gitlab.project}`
  const response = await changeArtifacts({ gitlab, jobId, method: 'POST', url: keepUrl(gitlab, jobId), what, access: 'keep', signal: context.signal })
  // GitLab answers 200 with the job (lib/api/ci/job_artifacts.rb: `present build, with: Entities::Ci::Job`);
  // anything else did not come from its API.
  const job = (await readJsonAnswer(what, response, GITLAB)) as Partial<GitLabJob>
  if (String(job.id) !== jobId) {
    throw new ActionError(`Could not ${what}: ${response.url.host} answered HTTP ${response.status} with JSON that is not job ${jobId}`, {
      title: `Could not ${what}`,
      hint: `Check ${GITLAB.inputs}, and any proxy in between; then check the job's artifacts in GitLab.`
    })
  }
  const expires = typeof job.artifacts_expire_at === 'string' ? job.artifacts_expire_at : 'never'
  log.info(`Kept the artifacts of job ${jobId} of ${gitlab.project} (expire: ${expires})`)
  const result: OperationResult = {
    outputs: {},
    summary: {
      operation: settings.operation,
      target: `${gitlab.project} job ${jobId}`,
      status: 'Kept',
      passed: true,
      durationMs: Date.now() - startedAt,
      details: [['Artifacts expire', expires]]
    }
  }
  return withJob(result, { selector: { by: 'id', jobId }, job: job as GitLabJob })
}

export const operation: Operation<KeepArtifactsSettings> = {
  name: 'gitlab-keep-artifacts',
  inputs: [...GITLAB_CONNECTION, ...GITLAB_JOB],
  read: () => readJobArtifacts('gitlab-keep-artifacts'),
  run: keepArtifacts
}
