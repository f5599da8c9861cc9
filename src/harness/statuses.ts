import type { DeploymentState } from '../operations/types.js'

/** FirstGen `ExecutionStatus` values that end an execution. */
export const FIRSTGEN_FINAL_STATUSES = ['SUCCESS', 'FAILED', 'ERROR', 'ABORTED', 'REJECTED', 'EXPIRED', 'SKIPPED'] as const
export const FIRSTGEN_DEFAULT_PASSING = ['SUCCESS']

/** NextGen execution statuses that end an execution; every other value is still in progress. */
export const NEXTGEN_FINAL_STATUSES = [
  'Success',
  'IgnoreFailed',
  'Skipped',
  'Failed',
  'Errored',
  'Aborted',
  'AbortedByFreeze',
  'Expired',
  'ApprovalRejected'
] as const
export const NEXTGEN_DEFAULT_PASSING = ['Success', 'IgnoreFailed', 'Skipped']

export function isFirstGenFinal(status: string): boolean {
  return (FIRSTGEN_FINAL_STATUSES as readonly string[]).includes(status)
}

export function isNextGenFinal(status: string): boolean {
  return (NEXTGEN_FINAL_STATUSES as readonly string[]).includes(status)
}

/** How a FirstGen status shows on a GitHub deployment. */
export function firstGenDeploymentState(status: string): DeploymentState {
  switch (status) {
    case 'SUCCESS':
    case 'SKIPPED':
      return 'success'
    case 'FAILED':
    case 'REJECTED':
    case 'EXPIRED':
      return 'failure'
    case 'ERROR':
      return 'error'
    case 'ABORTED':
      return 'inactive'
    default:
      return 'in_progress'
  }
}

/** How a NextGen status shows on a GitHub deployment. */
export function nextGenDeploymentState(status: string): DeploymentState {
  switch (status) {
    case 'Success':
    case 'IgnoreFailed':
    case 'Skipped':
      return 'success'
    case 'Failed':
    case 'Expired':
    case 'ApprovalRejected':
      return 'failure'
    case 'Errored':
      return 'error'
    case 'Aborted':
    case 'AbortedByFreeze':
      return 'inactive'
    default:
      return 'in_progress'
  }
}
