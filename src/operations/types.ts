import type { OperationName, Outputs, Settings } from '../settings/index.js'
import type { SummaryReport } from '../summary.js'

/** How a Harness status shows on a GitHub deployment. */
export type DeploymentState = 'in_progress' | 'success' | 'failure' | 'error' | 'inactive'

/** Receives what an execution does, for mirroring onto a GitHub deployment. */
export interface ExecutionProgress {
  started(execution: { id: string; url: string }): Promise<void>
  /** Every status change, the final one included. */
  changed(status: string, state: DeploymentState): Promise<void>
}

export const NO_PROGRESS: ExecutionProgress = {
  started: () => Promise.resolve(),
  changed: () => Promise.resolve()
}

/** Receives an execution's progress, and hears when the step fails before Harness gave a final status. */
export interface GitHubDeployment extends ExecutionProgress {
  /** Ends a deployment still in progress as `error`: the step failed (timeout, cancel, lost contact) without a final status. */
  interrupted(reason: string): Promise<void>
}

export const NO_DEPLOYMENT: GitHubDeployment = { ...NO_PROGRESS, interrupted: () => Promise.resolve() }

export interface OperationContext {
  progress: ExecutionProgress
  /** Aborted when the runner cancels the job. */
  signal: AbortSignal
}

/** Why the step fails: the annotation's title, the failure in the service's own words, one line of advice. */
export interface StepFailure {
  title: string
  message: string
  hint?: string
}

export interface OperationResult {
  outputs: Outputs
  summary: SummaryReport
  /** Set when the operation ran to its end but the outcome fails the step (a failed deployment). */
  failure?: StepFailure
}

/**
 * An operation's registry entry, in the operation's own file: its name, the inputs it reads (the
 * table in src/settings/inputs.ts, which is known before any operation's code is loaded), the
 * reader of its settings and the function that runs it.
 */
export interface Operation<S extends Settings = Settings> {
  name: OperationName
  inputs: readonly string[]
  read(): S | Promise<S>
  run(settings: S, context: OperationContext): Promise<OperationResult>
}
