import type { DeploymentState } from '../results.js'

// Status sets follow Harness's own source:
// - FirstGen: the GraphQL `ExecutionStatus` enum (ABORTED … EXPIRED).
// - NextGen: harness-core `io.harness.pms.execution.ExecutionStatus` (the display names the REST API
//   sends) and `StatusUtils.FINAL_STATUSES` / `POSITIVE_STATUSES` (pms-commons), which count
//   SUSPENDED as final and positive; Harness's mcp-server (src/utils/poll-execution.ts) lists
//   `Suspended` as terminal too.

/** FirstGen `ExecutionStatus` values that end an execution. */
export const FIRSTGEN_FINAL_STATUSES = ['SUCCESS', 'FAILED', 'ERROR', 'ABORTED', 'REJECTED', 'EXPIRED', 'SKIPPED'] as const
export const FIRSTGEN_DEFAULT_PASSING = ['SUCCESS']

/** NextGen execution statuses that end an execution; every other value is still in progress. */
export const NEXTGEN_FINAL_STATUSES = [
  'Success',
  'IgnoreFailed',
  'Skipped',
  'Suspended',
  'Failed',
  'Errored',
  'Aborted',
  'AbortedByFreeze',
  'Expired',
  'ApprovalRejected'
] as const
/** Harness's positive statuses (StatusUtils.POSITIVE_STATUSES): a pipeline made only of these ends Success. */
export const NEXTGEN_DEFAULT_PASSING = ['Success', 'IgnoreFailed', 'Skipped', 'Suspended']

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
    case 'Suspended':
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

/**
 * The `status-normalized` output: one spelling for both generations, so that a workflow can switch
 * from FirstGen to NextGen without changing the conditions that read it.
 */
export type NormalizedStatus = 'success' | 'skipped' | 'failed' | 'rejected' | 'expired' | 'aborted' | 'queued' | 'running' | 'waiting' | 'unknown'

/** Every FirstGen `ExecutionStatus` of the GraphQL schema. */
const FIRSTGEN_NORMALIZED: Record<string, NormalizedStatus> = {
  SUCCESS: 'success',
  SKIPPED: 'skipped',
  FAILED: 'failed',
  ERROR: 'failed',
  REJECTED: 'rejected',
  EXPIRED: 'expired',
  ABORTED: 'aborted',
  QUEUED: 'queued',
  RUNNING: 'running',
  RESUMED: 'running',
  // PAUSED: an approval or a manual intervention; WAITING: a wait step or a resource another deployment holds.
  PAUSED: 'waiting',
  WAITING: 'waiting'
}

/** Every display name of harness-core's NextGen `ExecutionStatus`, and the newer ones seen since. */
const NEXTGEN_NORMALIZED: Record<string, NormalizedStatus> = {
  Success: 'success',
  IgnoreFailed: 'success',
  Suspended: 'success',
  Skipped: 'skipped',
  Failed: 'failed',
  Errored: 'failed',
  ApprovalRejected: 'rejected',
  Expired: 'expired',
  Aborted: 'aborted',
  AbortedByFreeze: 'aborted',
  NotStarted: 'queued',
  Queued: 'queued',
  QueuedLicenseLimitReached: 'queued',
  QueuedExecutionConcurrencyReached: 'queued',
  QueuedGlobalInfraCapacityReached: 'queued',
  Running: 'running',
  AsyncWaiting: 'running',
  TaskWaiting: 'running',
  TimedWaiting: 'running',
  WaitStepRunning: 'running',
  UploadWaiting: 'running',
  Discontinuing: 'running',
  Pausing: 'running',
  Paused: 'waiting',
  ApprovalWaiting: 'waiting',
  InterventionWaiting: 'waiting',
  InputWaiting: 'waiting',
  ResourceWaiting: 'waiting',
  // Old spellings harness-core still knows (@JsonIgnore aliases), should an older server send them.
  Waiting: 'waiting'
}

/** `unknown` for a status this version does not know; the action treats such a status as still going. */
export function normalizedStatus(generation: 'firstgen' | 'nextgen', status: string): NormalizedStatus {
  const table = generation === 'firstgen' ? FIRSTGEN_NORMALIZED : NEXTGEN_NORMALIZED
  return Object.hasOwn(table, status) ? table[status] : 'unknown'
}

/** For the README and its test: each normalized value with the statuses of each generation that map to it. */
export function normalizedStatusTable(): Array<{ normalized: NormalizedStatus; firstgen: string[]; nextgen: string[] }> {
  const order: NormalizedStatus[] = ['success', 'skipped', 'failed', 'rejected', 'expired', 'aborted', 'queued', 'running', 'waiting']
  const of = (table: Record<string, NormalizedStatus>, value: NormalizedStatus): string[] => Object.keys(table).filter(status => table[status] === value)
  return order.map(normalized => ({ normalized, firstgen: of(FIRSTGEN_NORMALIZED, normalized), nextgen: of(NEXTGEN_NORMALIZED, normalized) }))
}
