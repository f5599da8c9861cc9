import type { AbortPolicy, WaitSettings } from '../settings/index.js'
import { formatDuration } from '../summary.js'
import type { OperationResult } from './types.js'
import type { WaitResult } from './wait.js'

/** The operation that waits for an execution another step started. */
const STATUS_OPERATION_OF: Readonly<Record<string, string>> = {
  'harness-start-execution': 'harness-execution-status',
  'harness-ng-run-pipeline': 'harness-ng-execution-status',
  'harness-ng-trigger-webhook': 'harness-ng-execution-status'
}

export interface FollowedBy {
  operation: string
  wait: WaitSettings
  abort: AbortPolicy
}

/** What to do after a timeout: a start operation can hand the wait to a later job; a status operation is that later job. */
function timeoutHint(step: FollowedBy): string {
  const statusOperation = STATUS_OPERATION_OF[step.operation]
  if (statusOperation) return `Raise 'timeout', or start with 'wait: false' and gate a later job on the execution with '${statusOperation}'.`
  if (step.abort.onTimeout) return "Raise 'timeout' to wait longer next time."
  return "Raise 'timeout', or run this step again to keep waiting: the execution was left running in Harness."
}

/**
 * Whether a waited-for execution fails the step: a timeout always does, a final status unless it is
 * one of the passing ones. `detail` is Harness's own reason, when it gave one; `abortNote` says what
 * became of the execution after a timeout (aborted, or left running).
 */
export function executionFailure(
  what: string,
  result: WaitResult<{ status: string }>,
  step: FollowedBy,
  detail?: string,
  abortNote?: string
): OperationResult['failure'] {
  const { wait } = step
  const reason = detail ? `: ${detail}` : ''
  if (result.outcome === 'timeout') {
    return {
      title: 'Timed out',
      message: `Timed out after ${formatDuration(wait.timeoutMs)} waiting for ${what}; last status ${result.last.status}${reason}${abortNote ? `; ${abortNote}` : ''}`,
      hint: timeoutHint(step)
    }
  }
  if (wait.passingStatuses.has(result.last.status)) return undefined
  return {
    title: `Deployment ${result.last.status}`,
    message: `${what} ended with status ${result.last.status}${reason}`,
    hint: `Passing statuses: ${[...wait.passingStatuses].join(', ')} (input 'passing-statuses').`
  }
}
