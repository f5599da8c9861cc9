import * as log from '../log.js'
import { keepUrl } from '../gitlab/api.js'
import { changeArtifacts } from '../gitlab/artifacts.js'
import { parseJsonObject } from '../http/json.js'
import type { JobArtifactsSettings } from '../settings/index.js'
import type { OperationResult } from './types.js'

interface KeptJob {
  web_url?: string
  artifacts_expire_at?: string | null
}

function parseJob(text: string): KeptJob {
  return (parseJsonObject(text) ?? {}) as KeptJob
}

/** Keeps a job's artifacts from expiring (POST .../artifacts/keep, sent at most once). */
export async function keepArtifacts(settings: JobArtifactsSettings): Promise<OperationResult> {
  const startedAt = Date.now()
  const { gitlab, jobId } = settings
  const job = parseJob(
    await changeArtifacts({ gitlab, jobId, method: 'POST', url: keepUrl(gitlab, jobId), what: `keep the artifacts of job ${jobId} of ${gitlab.project}`, access: 'keep' })
  )
  const expires = job.artifacts_expire_at ?? 'never'
  log.info(`Kept the artifacts of job ${jobId} of ${gitlab.project} (expire: ${expires})`)
  return {
    outputs: {},
    summary: {
      operation: settings.operation,
      target: `${gitlab.project} job ${jobId}`,
      status: 'Kept',
      passed: true,
      durationMs: Date.now() - startedAt,
      details: [['Artifacts expire', expires]],
      links: job.web_url ? [{ text: `Job ${jobId} in GitLab`, href: job.web_url }] : undefined
    }
  }
}
