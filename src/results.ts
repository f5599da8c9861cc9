// What operations return and report, below them: the clients (harness/, gitlab/, github/), the
// summary and main use these types too, and never import from operations/.

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

export interface SummaryLink {
  text: string
  href: string
}

export interface SummaryReport {
  operation: string
  /** What was acted on: "app / pipeline", "group/project job 42". */
  target: string
  status: string
  passed: boolean
  durationMs: number
  links?: SummaryLink[]
  /** Extra facts as label/value rows (size, sha256, files, message). */
  details?: Array<[string, string]>
  /** The execution's stages, when Harness reports them. */
  stages?: Array<{ name: string; status: string }>
  /** Variables the execution's steps exported; a secret has no `value` and shows as hidden. */
  variables?: Array<{ stage: string; step: string; name: string; value?: string }>
  /** The end of a log (a failed step's), shown folded as preformatted outside text. */
  log?: { title: string; lines: string[] }
}

/** Every output the action declares; handlers return the ones they produce. */
export type OutputName =
  | 'execution-id'
  | 'status'
  | 'status-normalized'
  | 'execution-url'
  | 'application-id'
  | 'message'
  | 'download-path'
  | 'size-bytes'
  | 'sha256'
  | 'files'
  | 'deployment-id'
  | 'job-id'
  | 'pipeline-id'
  | 'job-url'
  | 'outputs'
  | 'event-id'
  | 'job-status'
  | 'commit-sha'

export type Outputs = Partial<Record<OutputName, string | number>>

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
