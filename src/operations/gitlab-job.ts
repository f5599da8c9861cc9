import type { LocatedJob } from '../gitlab/jobs.js'
import type { Outputs } from '../results.js'
import type { OperationResult, StepFailure } from './types.js'

/** job-id, pipeline-id, job-url, job-status and commit-sha of the job an operation acted on, as far as GitLab told us. */
export function jobOutputs({ selector, job }: LocatedJob): Outputs {
  return {
    'job-id': job?.id ?? (selector.by === 'id' ? selector.jobId : undefined),
    'pipeline-id': job?.pipeline?.id,
    'job-url': job?.web_url,
    'job-status': job?.status,
    // Entities::Commit `id` is the full SHA; the pipeline's `sha` is the same commit.
    'commit-sha': job?.commit?.id ?? job?.pipeline?.sha
  }
}

/**
 * A GitLab operation's result with the job it acted on: its outputs, a link to the job in the
 * summary, and the job and pipeline among the details.
 */
export function withJob(result: OperationResult, located: LocatedJob | undefined): OperationResult {
  if (!located) return result
  const { job } = located
  const outputs = jobOutputs(located)
  const details: Array<[string, string]> = []
  if (outputs['job-id'] !== undefined) details.push(['Job', `${outputs['job-id']}${job?.name ? ` (${job.name})` : ''}`])
  if (job?.status) details.push(['Job status', `${job.status}${job.failure_reason ? ` (${job.failure_reason})` : ''}`])
  if (job?.pipeline)
    details.push([
      'Pipeline',
      `${job.pipeline.id}${job.pipeline.ref ? ` for ${job.pipeline.ref}` : ''}${job.pipeline.sha ? ` at ${job.pipeline.sha.slice(0, 8)}` : ''}`
    ])
  if (outputs['commit-sha'] !== undefined) details.push(['Commit', String(outputs['commit-sha'])])
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

/**
 * The result of an operation that did not act on its job (not finished, not successful, a wait
 * that ran out): the job's outputs and summary as far as known, and the failure.
 */
export function notActedOn(operation: string, target: string, startedAt: number, settled: { located?: LocatedJob; failure: StepFailure }): OperationResult {
  const status = settled.located?.job?.status
  const result: OperationResult = {
    outputs: {},
    summary: { operation, target, status: status ? `Job ${status}` : 'Job not found', passed: false, durationMs: Date.now() - startedAt },
    failure: settled.failure
  }
  return withJob(result, settled.located)
}

/** The id of the job keep or delete acts on: always found by id, as GitLab has no by-ref endpoint for them to fall back to. */
export function foundJobId(located: LocatedJob): string {
  if (located.selector.by !== 'id') throw new Error(`Keep and delete act on a job found by id, not by ${located.selector.by}`)
  return located.selector.jobId
}
