// The shapes several operations' settings share; each operation's own settings type is in its file.

export interface HarnessConnection {
  /** The Harness base URL (`harness-url`), e.g. https://app.harness.io or a vanity URL. */
  url: URL
  accountId: string
  apiKey: string
}

export interface WaitSettings {
  /** Follow the execution to a final status. */
  enabled: boolean
  pollIntervalMs: number
  timeoutMs: number
  /** Final statuses that pass the step, as Harness spells them. */
  passingStatuses: ReadonlySet<string>
}

/** Mirror the Harness execution onto a GitHub deployment (both inputs set), else undefined. */
export interface GitHubDeploymentSettings {
  token: string
  environment: string
}

export type EntityRef = { by: 'id'; id: string } | { by: 'name'; name: string }

export type VariableValueType = 'NAME' | 'ID' | 'EXPRESSION'

export interface ExecutionVariable {
  name: string
  type: VariableValueType
  value: string
}

export interface ServiceArtifact {
  service: string
  artifactSource: string
  buildNumber: string
}

/**
 * When the step aborts the execution it follows. Only the step that started an execution aborts it
 * by default; a status operation aborts only when asked.
 */
export interface AbortPolicy {
  /** `abort-on-timeout`: abort when the wait times out. */
  onTimeout: boolean
  /** `abort-on-cancel`: abort when the GitHub job is cancelled while the step waits. */
  onCancel: boolean
}

/** What every operation that follows a Harness execution reads. */
export interface HarnessExecutionBase {
  harness: HarnessConnection
  wait: WaitSettings
  abort: AbortPolicy
  github?: GitHubDeploymentSettings
}

export interface NextGenScope {
  org: string
  project: string
}

/** What every NextGen execution operation reads. */
export interface NextGenBase extends HarnessExecutionBase {
  scope: NextGenScope
  /** Last lines of a failed step's log to show; 0 reads no log. */
  failureLogLines: number
}

export interface GitLabConnection {
  /** `<gitlab-url>/api/v4` */
  apiUrl: URL
  /** The credential header: a personal/project/group access token, or a CI job token. */
  auth: { header: 'PRIVATE-TOKEN' | 'JOB-TOKEN'; token: string }
  /** Numeric id or full path (`group/sub/project`), not yet encoded. */
  project: string
  /** `timeout`: the longest the whole GitLab step may take. */
  timeoutMs: number
}

/**
 * Which GitLab job: by id, or by name in the newest successful pipeline of a ref, in the newest
 * pipeline of a commit (`sha`, full and lower case), or in a given pipeline.
 */
export type JobSelector =
  | { by: 'id'; jobId: string }
  | { by: 'ref'; ref: string; job: string; searchRecentSuccessfulPipelines: boolean }
  | { by: 'sha'; sha: string; job: string }
  | { by: 'pipeline'; pipelineId: string; job: string }

/** `wait` and `poll-interval` of a GitLab operation; `timeout` (GitLabConnection) bounds the whole step, the wait included. */
export interface GitLabWaitSettings {
  /** Wait for the job to finish before acting on it. */
  enabled: boolean
  pollIntervalMs: number
}

export interface ExtractionLimits {
  maxBytes: number
  maxFiles: number
}

/** The settings of an operation on one job's artifacts (keep, delete). */
export interface JobArtifactsSettings<Name extends string = string> {
  operation: Name
  gitlab: GitLabConnection
  job: JobSelector
  wait: GitLabWaitSettings
}
