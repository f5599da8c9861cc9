import { ActionError } from '../errors.js'
import { readJsonAnswer } from '../http/body.js'
import { send } from '../http/client.js'
import { apiUrl } from '../http/url.js'
import type { ExecutionVariable, HarnessConnection, ServiceArtifact } from '../settings/index.js'
import { HARNESS, harnessHttpError, harnessMessage } from './errors.js'
import { graphql } from './graphql.js'
import { isSuccess } from '../http/failure.js'

export type ExecutionKind = 'PIPELINE' | 'WORKFLOW'

export interface Named {
  id: string
  name?: string
}

export interface ExecutionStage {
  /** "STAGE 2: Approve production" */
  name: string
  status: string
  approval: boolean
}

/** A FirstGen execution as one read of it saw it. */
export interface FirstGenExecution {
  id: string
  kind: ExecutionKind
  status: string
  application: Named
  /** The pipeline or workflow that runs. */
  target?: Named
  failureDetails?: string
  startedAt?: number
  endedAt?: number
  /** Workflows: the environment deployed to, once Harness reports it (it is part of the UI link). */
  environmentId?: string
  /** Pipelines: each stage with its status. */
  stages: ExecutionStage[]
}

// One selection for every read of an execution, so a start and a poll report the same facts.
const EXECUTION_FIELDS = `
fragment ExecutionFields on Execution {
  __typename
  id
  status
  failureDetails
  startedAt
  endedAt
  application { id name }
  ... on PipelineExecution {
    pipeline { id name }
    pipelineStageExecutions {
      __typename
      pipelineStageName
      pipelineStepName
      ... on WorkflowStageExecution { status }
      ... on ApprovalStageExecution { status }
    }
  }
  ... on WorkflowExecution {
    workflow { id name }
    outcomes { nodes { ... on DeploymentOutcome { environment { id } } } }
  }
}`

const APPLICATION_BY_NAME = `query ApplicationByName($name: String!) {
  applicationByName(name: $name) { id name }
}`

const PIPELINE_BY_NAME = `query PipelineByName($name: String!, $applicationId: String!) {
  pipelineByName(pipelineName: $name, applicationId: $applicationId) { id name }
}`

const WORKFLOW_BY_NAME = `query WorkflowByName($name: String!, $applicationId: String!) {
  workflowByName(workflowName: $name, applicationId: $applicationId) { id name }
}`

// Only the top-level input type is named: an older live schema misspelled a nested one.
const START_EXECUTION = `mutation StartExecution($input: StartExecutionInput!) {
  startExecution(input: $input) {
    warningMessage
    execution { ...ExecutionFields }
  }
}
${EXECUTION_FIELDS}`

const EXECUTION = `query Execution($executionId: String!) {
  execution(executionId: $executionId) { ...ExecutionFields }
}
${EXECUTION_FIELDS}`

const ARTIFACT_CLEANUP = `mutation ArtifactCleanup($input: ArtifactCleanupInput!) {
  artifactCleanup(input: $input) { message }
}`

type Maybe<T> = T | null | undefined

interface RawNamed {
  id?: Maybe<string>
  name?: Maybe<string>
}

export interface RawExecution {
  __typename?: string
  id?: Maybe<string>
  status?: Maybe<string>
  failureDetails?: Maybe<string>
  startedAt?: Maybe<string | number>
  endedAt?: Maybe<string | number>
  application?: Maybe<RawNamed>
  pipeline?: Maybe<RawNamed>
  workflow?: Maybe<RawNamed>
  pipelineStageExecutions?: Maybe<
    Array<Maybe<{ __typename?: string; pipelineStageName?: Maybe<string>; pipelineStepName?: Maybe<string>; status?: Maybe<string> }>>
  >
  outcomes?: Maybe<{ nodes?: Maybe<Array<Maybe<{ environment?: Maybe<RawNamed> }>>> }>
}

interface Lookup {
  query: string
  operationName: string
  variables: Record<string, string>
  /** "application", "pipeline", "workflow" */
  kind: string
  name: string
  /** The input the name came from. */
  input: string
}

/** Resolves a name to its id; Harness answers an unknown name with null. */
async function lookUp(harness: HarnessConnection, lookup: Lookup): Promise<Named> {
  const data = await graphql<Record<string, Maybe<RawNamed>>>(harness, {
    query: lookup.query,
    operationName: lookup.operationName,
    variables: lookup.variables,
    what: `find the Harness ${lookup.kind} '${lookup.name}'`,
    retry: 'idempotent',
    permission: `${lookup.kind === 'application' ? 'Applications' : lookup.kind === 'pipeline' ? 'Pipelines' : 'Workflows'}: Read`
  })
  const found = Object.values(data)[0] // each lookup document has a single field
  if (!found?.id) {
    throw new ActionError(`Harness ${lookup.kind} '${lookup.name}' was not found (input '${lookup.input}')`, {
      title: `Harness ${lookup.kind} not found`,
      hint: `Names must match exactly, case included; check that the API key can see the ${lookup.kind}, or give '${lookup.input}-id'.`
    })
  }
  return { id: found.id, name: found.name ?? lookup.name }
}

export function findApplication(harness: HarnessConnection, name: string): Promise<Named> {
  return lookUp(harness, {
    query: APPLICATION_BY_NAME,
    operationName: 'ApplicationByName',
    variables: { name },
    kind: 'application',
    name,
    input: 'application'
  })
}

export function findPipelineOrWorkflow(harness: HarnessConnection, applicationId: string, kind: ExecutionKind, name: string): Promise<Named> {
  const variables = { name, applicationId }
  return kind === 'PIPELINE'
    ? lookUp(harness, { query: PIPELINE_BY_NAME, operationName: 'PipelineByName', variables, kind: 'pipeline', name, input: 'pipeline' })
    : lookUp(harness, { query: WORKFLOW_BY_NAME, operationName: 'WorkflowByName', variables, kind: 'workflow', name, input: 'workflow' })
}

export interface StartRequest {
  applicationId: string
  kind: ExecutionKind
  entityId: string
  variables: ExecutionVariable[]
  serviceArtifacts: ServiceArtifact[]
  notes: string
  /** For messages: "pipeline 'Release'". */
  label: string
}

/** The StartExecutionInput; lists are left out when empty rather than sent as []. */
function startInput(start: StartRequest): Record<string, unknown> {
  const input: Record<string, unknown> = {
    applicationId: start.applicationId,
    entityId: start.entityId,
    executionType: start.kind,
    notes: start.notes
  }
  if (start.variables.length > 0) {
    input.variableInputs = start.variables.map(variable => ({ name: variable.name, variableValue: { type: variable.type, value: variable.value } }))
  }
  if (start.serviceArtifacts.length > 0) {
    input.serviceInputs = start.serviceArtifacts.map(artifact => ({
      name: artifact.service,
      artifactValueInput: {
        valueType: 'BUILD_NUMBER',
        buildNumber: { artifactSourceName: artifact.artifactSource, buildNumber: artifact.buildNumber }
      }
    }))
  }
  return input
}

/** Starts the pipeline or workflow; sent once, never again (a second send could deploy twice). */
export async function startExecution(harness: HarnessConnection, start: StartRequest): Promise<{ execution: FirstGenExecution; warning?: string }> {
  const what = `start the Harness ${start.label}`
  const data = await graphql<{ startExecution: Maybe<{ warningMessage?: Maybe<string>; execution?: Maybe<RawExecution> }> }>(harness, {
    query: START_EXECUTION,
    operationName: 'StartExecution',
    variables: { input: startInput(start) },
    what,
    retry: 'once',
    permission: start.kind === 'PIPELINE' ? 'Deployments: Execute Pipeline' : 'Deployments: Execute Workflow'
  })
  const payload = data.startExecution
  if (!payload?.execution?.id) {
    throw new ActionError(`Harness accepted the request to ${what} but returned no execution`, {
      title: `Could not ${what}`,
      hint: 'Check in Harness whether it started before re-running this job, or it may deploy twice.'
    })
  }
  return { execution: toExecution(payload.execution, what), warning: payload.warningMessage ?? undefined }
}

export async function readExecution(harness: HarnessConnection, executionId: string, signal?: AbortSignal): Promise<FirstGenExecution> {
  const what = `read Harness execution ${executionId}`
  const data = await graphql<{ execution: Maybe<RawExecution> }>(harness, {
    query: EXECUTION,
    operationName: 'Execution',
    variables: { executionId },
    what,
    retry: 'idempotent',
    permission: 'Deployments: Read',
    signal
  })
  if (!data.execution) {
    throw new ActionError(`Harness execution ${executionId} was not found (input 'execution-id')`, {
      title: 'Harness execution not found',
      hint: "Check 'execution-id' (the execution-id output of harness-start-execution) and that the API key can see its application; a NextGen planExecutionId needs harness-ng-execution-status."
    })
  }
  return toExecution(data.execution, what)
}

/**
 * Runs artifactCleanup and returns Harness's message, which says whether it worked. Retried like a
 * query: cleanup removes from Harness the artifacts that are gone from the repository, so a second
 * run finds nothing more to remove and leaves the same result.
 */
export async function cleanUpArtifactStream(harness: HarnessConnection, artifactStreamId: string): Promise<string | undefined> {
  const data = await graphql<{ artifactCleanup: Maybe<{ message?: Maybe<string> }> }>(harness, {
    query: ARTIFACT_CLEANUP,
    operationName: 'ArtifactCleanup',
    variables: { input: { artifactStreamId } },
    what: `clean up Harness artifact stream ${artifactStreamId}`,
    retry: 'idempotent',
    // harness-core's ArtifactCleanupDataFetcher checks the SERVICE permission type.
    permission: 'Services: Update'
  })
  return data.artifactCleanup?.message ?? undefined
}

/**
 * Aborts a running FirstGen pipeline or workflow. FirstGen's GraphQL API has no abort, its REST API
 * has: `PUT <harness-url>/gateway/api/executions/{id}?appId=<application>&routingId=<account>` with
 * `{"executionInterruptType":"ABORT_ALL"}`, as harness-go-sdk's `AbortWorkflowOrPipelineById` sends it
 * (its constant is named ABORT, its value is ABORT_ALL). harness-core's
 * ExecutionResource.triggerWorkflowExecutionInterrupt takes API keys (`@ApiKeyAuthorized`) and checks
 * the application permission 'Abort Workflow' for a workflow, 'Execute Pipeline' for a pipeline.
 * A bare ABORT would need a state execution id. Sent once: an interrupt is not a read.
 */
export async function abortExecution(harness: HarnessConnection, execution: { id: string; applicationId: string }): Promise<void> {
  const what = `abort Harness execution ${execution.id}`
  const response = await send({
    method: 'PUT',
    url: apiUrl(harness.url, `/gateway/api/executions/${encodeURIComponent(execution.id)}`, {
      appId: execution.applicationId,
      routingId: harness.accountId
    }),
    what,
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    credentials: { 'x-api-key': harness.apiKey },
    body: JSON.stringify({ executionInterruptType: 'ABORT_ALL' }),
    retry: 'once'
  })
  if (!isSuccess(response.status)) {
    throw await harnessHttpError(what, response, { harness, permission: "'Abort Workflow' (a workflow) or 'Execute Pipeline' (a pipeline)" })
  }
  // A RestResponse: problems come back in responseMessages, errors at level ERROR.
  const body = (await readJsonAnswer(what, response, HARNESS)) as { responseMessages?: Array<{ level?: unknown }> } | undefined
  const errors = (body?.responseMessages ?? []).filter(message => message?.level === 'ERROR')
  if (errors.length > 0) {
    throw new ActionError(`Could not ${what}: ${harnessMessage({ responseMessages: errors }) ?? 'Harness refused it'}`, { title: `Could not ${what}` })
  }
}

/**
 * The execution's page in the FirstGen UI, in the shape Harness uses in its own links. A workflow's
 * link names its environment; before Harness reports one (or for a workflow without one) Harness's
 * own placeholder `empty` is used, which the UI accepts.
 */
export function executionUrl(harness: HarnessConnection, execution: FirstGenExecution): string {
  const base = harness.url.href.replace(/\/+$/, '')
  const [account, app, id] = [harness.accountId, execution.application.id, execution.id].map(encodeURIComponent)
  const route =
    execution.kind === 'PIPELINE'
      ? `pipeline-execution/${id}/workflow-execution/undefined/details`
      : `env/${encodeURIComponent(execution.environmentId ?? 'empty')}/executions/${id}/details`
  return `${base}/#/account/${account}/app/${app}/${route}`
}

function time(value: Maybe<string | number>): number | undefined {
  if (value === null || value === undefined) return undefined
  const ms = typeof value === 'number' ? value : Date.parse(value)
  return Number.isFinite(ms) ? ms : undefined
}

function named(raw: Maybe<RawNamed>): Named | undefined {
  return raw?.id ? { id: raw.id, name: raw.name ?? undefined } : undefined
}

/** An execution from a GraphQL `Execution`; exported for tests of long stage lists. */
export function toExecution(raw: RawExecution, what: string): FirstGenExecution {
  const application = named(raw.application)
  if (!raw.id || !raw.status || !application) {
    throw new ActionError(`Could not ${what}: Harness's answer lacks the execution's id, status or application`)
  }
  const pipeline = raw.__typename === 'PipelineExecution'
  return {
    id: raw.id,
    kind: pipeline ? 'PIPELINE' : 'WORKFLOW',
    status: raw.status,
    application,
    target: named(pipeline ? raw.pipeline : raw.workflow),
    failureDetails: raw.failureDetails ?? undefined,
    startedAt: time(raw.startedAt),
    endedAt: time(raw.endedAt),
    environmentId: raw.outcomes?.nodes?.find(node => node?.environment?.id)?.environment?.id ?? undefined,
    stages: (raw.pipelineStageExecutions ?? []).flatMap(stage =>
      stage
        ? [
            {
              name: [stage.pipelineStageName, stage.pipelineStepName].filter(Boolean).join(': ') || 'stage',
              status: stage.status ?? 'UNKNOWN',
              approval: stage.__typename === 'ApprovalStageExecution'
            }
          ]
        : []
    )
  }
}
