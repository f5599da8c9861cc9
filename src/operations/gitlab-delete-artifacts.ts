import * as log from '../log.js'
import { deleteUrl } from '../gitlab/api.js'
import { changeArtifacts } from '../gitlab/artifacts.js'
import { locateJob } from '../gitlab/jobs.js'
import type { JobArtifactsSettings } from '../settings/index.js'
import { withJob } from './gitlab-job.js'
import type { OperationResult } from './types.js'

/**
 * Deletes a job's artifacts (DELETE .../artifacts, sent at most once). GitLab answers 204 with no
 * body, so the job is read first (a read, retried as reads are) for its pipeline and web URL.
 */
export async function deleteArtifacts(settings: JobArtifactsSettings): Promise<OperationResult> {
  const startedAt = Date.now()
  const { gitlab, jobId } = settings
  const located = await locateJob(gitlab, { by: 'id', jobId })
  await changeArtifacts({ gitlab, jobId, method: 'DELETE', url: deleteUrl(gitlab, jobId), what: `delete the artifacts of job ${jobId} of ${gitlab.project}`, access: 'delete' })
  log.info(`Deleted the artifacts of job ${jobId} of ${gitlab.project}`)
  const result: OperationResult = {
    outputs: {},
    summary: { operation: settings.operation, target: `${gitlab.project} job ${jobId}`, status: 'Deleted', passed: true, durationMs: Date.now() - startedAt }
  }
  return withJob(result, located)
}
