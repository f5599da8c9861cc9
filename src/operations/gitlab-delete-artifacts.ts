import * as log from '../log.js'
import { deleteUrl } from '../gitlab/api.js'
import { changeArtifacts } from '../gitlab/artifacts.js'
import type { JobArtifactsSettings } from '../settings/index.js'
import type { OperationResult } from './types.js'

/** Deletes a job's artifacts (DELETE .../artifacts, sent at most once). */
export async function deleteArtifacts(settings: JobArtifactsSettings): Promise<OperationResult> {
  const startedAt = Date.now()
  const { gitlab, jobId } = settings
  await changeArtifacts({ gitlab, jobId, method: 'DELETE', url: deleteUrl(gitlab, jobId), what: `delete the artifacts of job ${jobId} of ${gitlab.project}`, access: 'delete' })
  log.info(`Deleted the artifacts of job ${jobId} of ${gitlab.project}`)
  return {
    outputs: {},
    summary: { operation: settings.operation, target: `${gitlab.project} job ${jobId}`, status: 'Deleted', passed: true, durationMs: Date.now() - startedAt }
  }
}
