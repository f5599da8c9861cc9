import * as log from '../log.js'
import { keepUrl } from '../gitlab/api.js'
import { changeArtifacts } from '../gitlab/artifacts.js'
import type { GitLabJob } from '../gitlab/jobs.js'
import { parseJsonObject } from '../http/json.js'
import type { JobArtifactsSettings } from '../settings/index.js'
import { withJob } from './gitlab-job.js'
import type { OperationResult } from './types.js'

/** The job GitLab answers keep with (Entities::Ci::Job), with its id at least. */
function parseJob(text: string, jobId: string): GitLabJob {
  const job = (parseJsonObject(text) ?? {}) as Partial<GitLabJob>
  return { ...job, id: typeof job.id === 'number' ? job.id : Number(jobId) }
}

/** Keeps a job's artifacts from expiring (POST .../artifacts/keep, sent at most once). */
export async function keepArtifacts(settings: JobArtifactsSettings): Promise<OperationResult> {
  const startedAt = Date.now()
  const { gitlab, jobId } = settings
  const answer = await changeArtifacts({ gitlab, jobId, method: 'POST', url: keepUrl(gitlab, jobId), what: `keep the artifacts of job ${jobId} of ${gitlab.project}`, access: 'keep' })
  const job = parseJob(answer, jobId)
  const expires = job.artifacts_expire_at ?? 'never'
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
  return withJob(result, { selector: { by: 'id', jobId }, job })
}
