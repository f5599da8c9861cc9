import type { LocatedJob } from '../gitlab/jobs.js'
import type { Outputs } from '../results.js'
import type { OperationResult } from './types.js'

/** job-id, pipeline-id and job-url of the job an operation acted on, as far as GitLab told us. */
export function jobOutputs({ selector, job }: LocatedJob): Outputs {
  return {
    'job-id': job?.id ?? (selector.by === 'id' ? selector.jobId : undefined),
    'pipeline-id': job?.pipeline?.id,
    'job-url': job?.web_url
  }
}

/**
 * A GitLab operation's result with the job it acted on: its outputs, a link to the job in the
 * summary, and the job and pipeline among the details.
 */
export function withJob(result: OperationResult, located: LocatedJob): OperationResult {
  const { job } = located
  const outputs = jobOutputs(located)
  const details: Array<[string, string]> = []
  if (outputs['job-id'] !== undefined) details.push(['Job', `${outputs['job-id']}${job?.name ? ` (${job.name})` : ''}`])
  if (job?.pipeline)
    details.push([
      'Pipeline',
      `${job.pipeline.id}${job.pipeline.ref ? ` for ${job.pipeline.ref}` : ''}${job.pipeline.sha ? ` at ${job.pipeline.sha.slice(0, 8)}` : ''}`
    ])
  const link = job?.web_url ? [{ text: `Job ${job.id} in GitLab`, href: job.web_url }] : []
  return {
    ...result,
    outputs: { ...result.outputs, ...outputs },
    summary: {
      ...result.summary,
      links: [...link, ...(result.summary.links ?? [])],
      details: [...details, ...(result.summary.details ?? [])]
    }
  }
}
