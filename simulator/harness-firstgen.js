// @ts-check
// A local Harness FirstGen GraphQL server. Every query is parsed and validated against
// harness-firstgen.graphql, which mirrors the names and types of the real schema, so a query that
// works here works against Harness. Tests script its data, each execution's status sequence and
// failures; it records every request it receives.
import { readFileSync } from 'node:fs'
import { buildSchema, graphql, Kind, parse } from 'graphql'
import { sendJson, startServer } from './server.js'

const schema = buildSchema(readFileSync(new URL('./harness-firstgen.graphql', import.meta.url), 'utf8'))

/** Stream types Harness can clean up; any other type gets its "not supported" answer. */
const CLEANABLE_STREAM_TYPES = ['DOCKER', 'ECR', 'GCR', 'ACR', 'ARTIFACTORY', 'NEXUS', 'AMI', 'AZURE_MACHINE_IMAGE', 'CUSTOM']

/**
 * One poll's answer: a status alone, or with the stages' statuses (pipelines) and a failure reason.
 * @typedef {string | { status: string, stages?: string[], failureDetails?: string }} StatusStep
 */

/**
 * A pipeline stage: a workflow to run or an approval to wait for.
 * @typedef {{ stage: string, step: string, approval?: boolean }} StageSpec
 */

/**
 * @typedef {object} EntitySpec  A pipeline or workflow that can be started.
 * @property {string} id
 * @property {string} name
 * @property {StatusStep[]} [statuses]  What its executions go through, one step per poll; the last repeats.
 * @property {number} [stepMs]  Advance one step every stepMs after the start instead of one per poll,
 *   as a real deployment does (a benchmark scales time down this way).
 * @property {StageSpec[]} [stages]      Pipelines only.
 * @property {string} [environmentId]    Workflows only: the environment it deploys to.
 */

/**
 * @typedef {object} ApplicationSpec
 * @property {string} id
 * @property {string} name
 * @property {EntitySpec[]} [pipelines]
 * @property {EntitySpec[]} [workflows]
 */

/**
 * @typedef {object} ExecutionSpec  An execution that exists before the test starts (for status reads).
 * @property {string} id
 * @property {string} applicationId
 * @property {'PIPELINE' | 'WORKFLOW'} type
 * @property {string} entityId
 * @property {StatusStep[]} [statuses]
 */

/**
 * A scripted failure, answered instead of the Nth request for a root field (the next one when nth
 * is not given); each fires once.
 * @typedef {object} Fault
 * @property {string} field      Root field: execution, startExecution, applicationByName, artifactCleanup...
 * @property {number} [nth]      1-based count of requests for that field.
 * @property {number} [status]   HTTP status to answer with.
 * @property {unknown} [body]    JSON body (default a Harness-style message for the status).
 * @property {Record<string, string>} [headers]
 * @property {boolean} [reset]   Drop the connection after reading the request instead of answering.
 */

/**
 * @typedef {object} Scenario
 * @property {string} accountId
 * @property {string} apiKey
 * @property {ApplicationSpec[]} applications
 * @property {ExecutionSpec[]} [executions]
 * @property {Array<{ id: string, type: string, failure?: string }>} [artifactStreams]
 * @property {StatusStep[]} [defaultStatuses]  For entities that script none.
 * @property {Fault[]} [faults]
 * @property {string} [pathPrefix]  Serve under a path, as a vanity URL does (e.g. /harness).
 * @property {boolean} [refuseAbort]  Answer the REST abort as Harness does when the key lacks the
 *   permission (HTTP 403, ACCESS_DENIED), instead of aborting.
 */

/**
 * @typedef {object} SimExecution
 * @property {string} id
 * @property {ApplicationSpec} application
 * @property {'PIPELINE' | 'WORKFLOW'} type
 * @property {EntitySpec} entity
 * @property {StatusStep[]} statuses
 * @property {number} polls
 * @property {string} createdAt
 * @property {number} createdAtMs  performance.now() at its creation.
 * @property {number} [stepMs]  See EntitySpec.
 * @property {number} [finalSeenAt]  performance.now() of the first poll answered with a final status.
 * @property {string} [notes]
 * @property {boolean} [aborted]  ABORT_ALL was accepted: every later read answers ABORTED.
 */

const DEFAULT_STATUSES = ['QUEUED', 'RUNNING', 'SUCCESS']
const FINAL = new Set(['SUCCESS', 'FAILED', 'ERROR', 'ABORTED', 'REJECTED', 'EXPIRED', 'SKIPPED'])

/** Harness-style bodies for scripted HTTP failures. */
const FAULT_BODIES = /** @type {Record<number, unknown>} */ ({
  400: { errors: [{ message: 'Feature not enabled' }] },
  401: { errors: [{ message: 'Invalid Api Key' }] },
  429: { errors: [{ message: "You've reached your account's rate limit for data queries. Please try again later." }] },
  500: {
    code: 'DEFAULT_ERROR_CODE',
    message: 'An error has occurred. Please contact the Harness support team.',
    responseMessages: [{ code: 'DEFAULT_ERROR_CODE', level: 'ERROR', message: 'An error has occurred. Please contact the Harness support team.' }]
  }
})

/** A demo account: one application with a pipeline that waits for an approval, a workflow, and streams. */
export function demoScenario() {
  return /** @type {Scenario} */ ({
    accountId: 'demo-account',
    apiKey: 'demo-api-key',
    applications: [
      {
        id: 'app-shop',
        name: 'shop',
        pipelines: [
          {
            id: 'pl-release',
            name: 'Release to production',
            stages: [
              { stage: 'STAGE 1', step: 'Deploy to staging' },
              { stage: 'STAGE 2', step: 'Approve production', approval: true },
              { stage: 'STAGE 3', step: 'Deploy to production' }
            ],
            statuses: [
              { status: 'QUEUED', stages: ['QUEUED', 'QUEUED', 'QUEUED'] },
              { status: 'RUNNING', stages: ['RUNNING', 'QUEUED', 'QUEUED'] },
              { status: 'PAUSED', stages: ['SUCCESS', 'PAUSED', 'QUEUED'] },
              { status: 'RUNNING', stages: ['SUCCESS', 'SUCCESS', 'RUNNING'] },
              { status: 'SUCCESS', stages: ['SUCCESS', 'SUCCESS', 'SUCCESS'] }
            ]
          }
        ],
        workflows: [{ id: 'wf-api', name: 'Deploy api', environmentId: 'env-staging', statuses: ['QUEUED', 'RUNNING', 'SUCCESS'] }]
      }
    ],
    artifactStreams: [
      { id: 'stream-docker-api', type: 'DOCKER' },
      { id: 'stream-jenkins', type: 'JENKINS' }
    ]
  })
}

/**
 * Starts the simulator on 127.0.0.1; the GraphQL endpoint is `<url>/gateway/api/graphql`.
 * @param {Scenario} [scenario]
 * @param {import('./server.js').ServerOptions} [options]  Address, port, HTTPS, public name.
 */
export async function startHarnessFirstGen(scenario = demoScenario(), options = {}) {
  const faults = scenario.faults ?? []
  /** @type {Map<string, SimExecution>} */
  const executions = new Map()
  /** @type {Map<string, number>} */
  const requestsPerField = new Map()
  /** Every startExecution input that Harness accepted, in order. */
  const started = /** @type {Record<string, any>[]} */ ([])

  for (const spec of scenario.executions ?? []) {
    const application = findApplication(scenario, spec.applicationId)
    const entity = application && findEntity(application, spec.type, spec.entityId)
    if (!application || !entity) throw new Error(`scenario execution ${spec.id} names an unknown application or ${spec.type.toLowerCase()}`)
    executions.set(spec.id, newExecution(spec.id, application, spec.type, entity, spec.statuses ?? entity.statuses ?? scenario.defaultStatuses))
  }

  const root = {
    /** @param {{ executionId: string }} args */
    execution: ({ executionId }) => {
      const execution = executions.get(executionId)
      if (!execution) throw new Error('Execution does not exist or access is denied')
      const view = executionView(execution, currentStep(execution))
      execution.polls++
      if (FINAL.has(view.status)) execution.finalSeenAt ??= performance.now()
      return view
    },
    /** @param {{ name: string }} args */
    applicationByName: ({ name }) => scenario.applications.find(app => app.name === name) ?? null,
    /** @param {{ pipelineName: string, applicationId: string }} args */
    pipelineByName: ({ pipelineName, applicationId }) => entityByName(scenario, applicationId, 'PIPELINE', pipelineName),
    /** @param {{ workflowName: string, applicationId: string }} args */
    workflowByName: ({ workflowName, applicationId }) => entityByName(scenario, applicationId, 'WORKFLOW', workflowName),
    /**
     * The fields of StartExecutionInput (harness-firstgen.graphql) the simulator reads; GraphQL has
     * already checked the required ones and the ExecutionType enum.
     * @param {{ input: { applicationId: string, entityId: string, executionType: 'PIPELINE' | 'WORKFLOW', notes?: string, clientMutationId?: string } }} args
     */
    startExecution: ({ input }) => {
      const application = findApplication(scenario, input.applicationId)
      if (!application) throw new Error('Application does not exist or access is denied')
      const entity = findEntity(application, input.executionType, input.entityId)
      if (!entity) throw new Error(`${input.executionType === 'PIPELINE' ? 'Pipeline' : 'Workflow'} does not exist or access is denied`)
      const id = `exec-${executions.size + 1}`
      const execution = newExecution(id, application, input.executionType, entity, entity.statuses ?? scenario.defaultStatuses)
      execution.notes = input.notes
      executions.set(id, execution)
      started.push(input)
      return { clientMutationId: input.clientMutationId, execution: executionView(execution, 0), warningMessage: null }
    },
    /** @param {{ input: { artifactStreamId: string } }} args */
    artifactCleanup: ({ input }) => ({ message: cleanupMessage(scenario, input.artifactStreamId) })
  }

  /** Every abort Harness received, in order. */
  const aborts = /** @type {Array<{ executionId: string, appId: string | null, routingId: string | null, body: unknown }>} */ ([])

  const prefix = scenario.pathPrefix ?? ''
  const server = await startServer(async (request, res) => {
    const abortPath = `${prefix}/gateway/api/executions/`
    if (request.method === 'PUT' && request.path.startsWith(abortPath)) {
      return abort(request, res, decodeURIComponent(request.path.slice(abortPath.length)))
    }
    if (request.method !== 'POST' || request.path !== `${prefix}/gateway/api/graphql`) {
      return sendJson(res, 404, {
        code: 'RESOURCE_NOT_FOUND',
        message: 'Resource not found',
        responseMessages: [{ code: 'RESOURCE_NOT_FOUND', level: 'ERROR', message: 'Resource not found' }]
      })
    }
    if (request.headers['x-api-key'] !== scenario.apiKey || request.query.get('accountId') !== scenario.accountId) {
      return sendJson(res, 401, FAULT_BODIES[401])
    }
    /** @type {unknown} */
    let parsed
    try {
      parsed = JSON.parse(request.body)
    } catch {
      return sendJson(res, 400, { errors: [{ message: 'Request body is not JSON' }] })
    }
    const body = /** @type {{ query?: string, variables?: Record<string, unknown>, operationName?: string }} */ (parsed)
    const field = rootField(body.query ?? '', body.operationName)
    const count = (requestsPerField.get(field) ?? 0) + 1
    requestsPerField.set(field, count)
    const fault = faults.find(candidate => candidate.field === field && (candidate.nth === undefined || candidate.nth === count))
    if (fault) {
      faults.splice(faults.indexOf(fault), 1)
      if (fault.reset) {
        res.destroy()
        return
      }
      const status = fault.status ?? 500
      return sendJson(res, status, fault.body ?? FAULT_BODIES[status] ?? { errors: [{ message: `HTTP ${status}` }] }, fault.headers)
    }
    const result = await graphql({ schema, source: body.query ?? '', variableValues: body.variables, operationName: body.operationName, rootValue: root })
    sendJson(res, 200, result)
  }, options)

  /**
   * FirstGen's REST interrupt (harness-core ExecutionResource.triggerWorkflowExecutionInterrupt), as
   * harness-go-sdk's AbortWorkflowOrPipelineById calls it. Answers with Harness's RestResponse.
   * @param {import('./server.js').RecordedRequest} request
   * @param {import('node:http').ServerResponse} res
   * @param {string} executionId
   */
  function abort(request, res, executionId) {
    const refuse = (/** @type {number} */ status, /** @type {string} */ code, /** @type {string} */ message) =>
      sendJson(res, status, { metaData: null, resource: null, responseMessages: [{ code, level: 'ERROR', message }] })
    if (request.headers['x-api-key'] !== scenario.apiKey || request.query.get('routingId') !== scenario.accountId) {
      return refuse(401, 'INVALID_TOKEN', 'Invalid token')
    }
    /** @type {unknown} */
    let body
    try {
      body = JSON.parse(request.body)
    } catch {
      return refuse(400, 'INVALID_REQUEST', 'Unable to process JSON')
    }
    aborts.push({ executionId, appId: request.query.get('appId'), routingId: request.query.get('routingId'), body })
    const execution = executions.get(executionId)
    if (!execution || execution.application.id !== request.query.get('appId')) {
      return refuse(400, 'INVALID_ARGUMENT', 'Execution does not exist or access is denied')
    }
    if (scenario.refuseAbort) return refuse(403, 'ACCESS_DENIED', 'Not authorized to perform this action')
    const type = /** @type {{ executionInterruptType?: unknown } | null} */ (body)?.executionInterruptType
    if (type === 'ABORT') return refuse(400, 'INVALID_ARGUMENT', 'stateExecutionInstanceId is required for ABORT')
    if (type !== 'ABORT_ALL') return refuse(400, 'INVALID_ARGUMENT', `Unsupported executionInterruptType: ${String(type)}`)
    execution.aborted = true
    sendJson(res, 200, {
      metaData: {},
      resource: { uuid: `interrupt-${aborts.length}`, appId: execution.application.id, executionUuid: executionId, executionInterruptType: 'ABORT_ALL' },
      responseMessages: []
    })
  }

  return { ...server, faults, executions, started, aborts }
}

/**
 * The first root field of the operation that will run, to match scripted faults; '' when the
 * document does not parse (GraphQL validation then answers it).
 * @param {string} query
 * @param {string | undefined} operationName
 */
function rootField(query, operationName) {
  try {
    const operations = parse(query).definitions.filter(definition => definition.kind === Kind.OPERATION_DEFINITION)
    const operation = operations.find(op => !operationName || op.name?.value === operationName)
    const first = operation?.selectionSet.selections.find(selection => selection.kind === Kind.FIELD)
    return first?.kind === Kind.FIELD ? first.name.value : ''
  } catch {
    return ''
  }
}

/**
 * @param {Scenario} scenario
 * @param {string} id
 */
function findApplication(scenario, id) {
  return scenario.applications.find(app => app.id === id)
}

/**
 * @param {ApplicationSpec} application
 * @param {'PIPELINE' | 'WORKFLOW'} type
 * @param {string} id
 */
function findEntity(application, type, id) {
  return (type === 'PIPELINE' ? application.pipelines : application.workflows)?.find(entity => entity.id === id)
}

/**
 * @param {Scenario} scenario
 * @param {string} applicationId
 * @param {'PIPELINE' | 'WORKFLOW'} type
 * @param {string} name
 */
function entityByName(scenario, applicationId, type, name) {
  const application = findApplication(scenario, applicationId)
  if (!application) throw new Error('Application does not exist or access is denied')
  const entity = (type === 'PIPELINE' ? application.pipelines : application.workflows)?.find(candidate => candidate.name === name)
  return entity ? { id: entity.id, name: entity.name } : null
}

/**
 * @param {string} id
 * @param {ApplicationSpec} application
 * @param {'PIPELINE' | 'WORKFLOW'} type
 * @param {EntitySpec} entity
 * @param {StatusStep[] | undefined} statuses
 * @returns {SimExecution}
 */
function newExecution(id, application, type, entity, statuses) {
  return {
    id,
    application,
    type,
    entity,
    statuses: statuses ?? DEFAULT_STATUSES,
    polls: 0,
    createdAt: new Date().toISOString(),
    createdAtMs: performance.now(),
    stepMs: entity.stepMs
  }
}

/**
 * Which step of its statuses the execution is at now: one per poll, or one per `stepMs` elapsed.
 * @param {SimExecution} execution
 */
function currentStep(execution) {
  return execution.stepMs ? Math.floor((performance.now() - execution.createdAtMs) / execution.stepMs) : execution.polls
}

/**
 * The execution at the given step of its status sequence (the last step repeats).
 * @param {SimExecution} execution
 * @param {number} index
 */
function executionView(execution, index) {
  const raw = execution.aborted ? 'ABORTED' : execution.statuses[Math.min(index, execution.statuses.length - 1)]
  const step = typeof raw === 'string' ? { status: raw } : raw
  const final = FINAL.has(step.status)
  const common = {
    id: execution.id,
    application: { id: execution.application.id, name: execution.application.name },
    createdAt: execution.createdAt,
    startedAt: step.status === 'QUEUED' ? null : execution.createdAt,
    endedAt: final ? new Date().toISOString() : null,
    status: step.status,
    notes: execution.notes ?? null,
    failureDetails: step.failureDetails ?? null
  }
  const entity = { id: execution.entity.id, name: execution.entity.name }
  if (execution.type === 'WORKFLOW') {
    const environment = execution.entity.environmentId
    return {
      __typename: 'WorkflowExecution',
      ...common,
      workflow: entity,
      outcomes: { nodes: environment ? [{ __typename: 'DeploymentOutcome', environment: { id: environment, name: environment } }] : [] }
    }
  }
  const stages = (execution.entity.stages ?? []).map((stage, index) => ({
    __typename: stage.approval ? 'ApprovalStageExecution' : 'WorkflowStageExecution',
    pipelineStageElementId: `${execution.entity.id}-stage-${index + 1}`,
    pipelineStageName: stage.stage,
    pipelineStepName: stage.step,
    status: step.stages?.[index] ?? step.status,
    approvalStepType: stage.approval ? 'USER_GROUP' : null,
    workflowExecutionId: stage.approval ? null : `${execution.id}-${index + 1}`
  }))
  return { __typename: 'PipelineExecution', ...common, pipeline: entity, pipelineStageExecutions: stages }
}

/**
 * Harness's answers to artifactCleanup: problems come back as an ordinary message.
 * @param {Scenario} scenario
 * @param {string} id
 */
function cleanupMessage(scenario, id) {
  const stream = scenario.artifactStreams?.find(candidate => candidate.id === id)
  if (!stream) return `Artifact stream not found for the id: ${id}`
  if (!CLEANABLE_STREAM_TYPES.includes(stream.type)) return `Clean up not supported for artifact Stream type: ${stream.type}`
  if (stream.failure) return `Failed to cleanup artifacts for artifact stream. Reason ${stream.failure}`
  return `Cleanup successful for Artifact stream with id: ${id}`
}
