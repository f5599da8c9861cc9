import type { WaitSettings } from '../settings/index.js'
import { formatDuration } from '../summary.js'
import type { OperationResult } from './types.js'
import type { WaitResult } from './wait.js'

/**
 * Whether a waited-for execution fails the step: a timeout always does, a final status unless it is
 * one of the passing ones. `detail` is Harness's own reason, when it gave one.
 */
export function executionFailure(
  what: string,
  result: WaitResult<{ status: string }>,
  wait: WaitSettings,
  detail?: string
): OperationResult['failure'] {
  const reason = detail ? `: ${detail}` : ''
  if (result.outcome === 'timeout') {
    return {
      title: 'Timed out',
      message: `Timed out after ${formatDuration(wait.timeoutMs)} waiting for ${what}; last status ${result.last.status}${reason}`,
      hint: "Raise 'timeout', or run with 'wait: false' and check later with the status operation."
    }
  }
  if (wait.passingStatuses.has(result.last.status)) return undefined
  return {
    title: `Deployment ${result.last.status}`,
    message: `${what} ended with status ${result.last.status}${reason}`,
    hint: `Passing statuses: ${[...wait.passingStatuses].join(', ')} (input 'passing-statuses').`
  }
}
