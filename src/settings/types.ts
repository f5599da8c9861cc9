export { OPERATIONS, type OperationName } from './inputs.js'

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

interface HarnessExecutionBase {
  harness: HarnessConnection
  wait: WaitSettings
  abort: AbortPolicy
  github?: GitHubDeploymentSettings
}

export interface StartExecutionSettings extends HarnessExecutionBase {
  operation: 'harness-start-execution'
  application: EntityRef
  target: { type: 'PIPELINE' | 'WORKFLOW'; ref: EntityRef }
  variables: ExecutionVariable[]
  serviceArtifacts: ServiceArtifact[]
  notes: string
}

export interface ExecutionStatusSettings extends HarnessExecutionBase {
  operation: 'harness-execution-status'
  executionId: string
}

export interface ArtifactCleanupSettings {
  operation: 'harness-artifact-cleanup'
  harness: HarnessConnection
  artifactStreamId: string
}

export interface NextGenScope {
  org: string
  project: string
}

interface NextGenBase extends HarnessExecutionBase {
  scope: NextGenScope
}

export interface NgRunPipelineSettings extends NextGenBase {
  operation: 'harness-ng-run-pipeline'
  pipeline: string
  /** Runtime input YAML, passed to Harness unchanged ('' when none). */
  runtimeInputs: string
  inputSets: string[]
  notes: string
  branch?: string
}

export interface NgExecutionStatusSettings extends NextGenBase {
  operation: 'harness-ng-execution-status'
  executionId: string
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

export type JobSelector = { by: 'id'; jobId: string } | { by: 'ref'; ref: string; job: string; searchRecentSuccessfulPipelines: boolean }

export interface ExtractionLimits {
  maxBytes: number
  maxFiles: number
}

export interface DownloadArtifactsSettings {
  operation: 'gitlab-download-artifacts'
  gitlab: GitLabConnection
  job: JobSelector
  /** Absolute folder: extracted into, or the zip saved in. */
  path: string
  /** `stall-timeout`: the longest the download may go without receiving a byte. */
  stallMs: number
  extract: boolean
  limits: ExtractionLimits
}

export interface DownloadArtifactFileSettings {
  operation: 'gitlab-download-artifact-file'
  gitlab: GitLabConnection
  job: JobSelector
  /** Path inside the archive, `/`-separated, not yet encoded. */
  artifactPath: string
  /** Absolute folder the file is saved in under its own name. */
  path: string
  /** `stall-timeout`: the longest the download may go without receiving a byte. */
  stallMs: number
}

export interface JobArtifactsSettings {
  operation: 'gitlab-keep-artifacts' | 'gitlab-delete-artifacts'
  gitlab: GitLabConnection
  jobId: string
}

export type Settings =
  | StartExecutionSettings
  | ExecutionStatusSettings
  | ArtifactCleanupSettings
  | NgRunPipelineSettings
  | NgExecutionStatusSettings
  | DownloadArtifactsSettings
  | DownloadArtifactFileSettings
  | JobArtifactsSettings
