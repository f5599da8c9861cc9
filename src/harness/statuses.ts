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
