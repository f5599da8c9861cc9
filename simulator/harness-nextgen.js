// @ts-check
// A local stand-in for the Harness NextGen pipeline API: execute (runtime input YAML or input sets),
// execution status and interrupts, under <url>/gateway, answering with Harness's envelopes.
// It is strict on purpose: a wrong path, query parameter, header or body is refused the way Harness
// refuses it, so that tests catch what the real API would.
import { randomBytes } from 'node:crypto'
import { parseAllDocuments } from 'yaml'
import { sendJson, startServer } from './server.js'

/**
 * A step of a stage, for the full execution graph (`renderFullBottomGraph=true`) and the log service.
 * @typedef {object} StepSpec
 * @property {string} identifier
 * @property {string} name
 * @property {string} [group]  The identifier of the step group it sits in (a STEP_GROUP node is added).
 * @property {string} [stepType]  Default ShellScript.
 * @property {'task' | 'async'} [kind]  How harness-core reports its executable response: `task`
 *   (a CD task step: one log key per command unit, Initialize and Execute, its log under Execute) or
 *   `async` (a CI or async step: one log key, the base key itself). Default task.
 * @property {boolean} [fails]  The step that fails when its stage fails (its message: `failureMessage`,
 *   else the pipeline's `failure.message`); the steps after it do not run.
 * @property {string} [failureMessage]
 * @property {Record<string, string>} [outputs]  Output variables it exports when it succeeds.
 * @property {string[]} [secretOutputs]  Names of secret output variables: reported, as harness-core
 *   does, as `${sweepingOutputSecrets.obtain("NAME","<ciphertext>")}`.
 * @property {string[]} [log]  Its log lines, served by the log service as NDJSON.
 */

/**
 * @typedef {object} StageSpec
 * @property {string} identifier
 * @property {string} name
 * @property {string} [type]  Layout node type, e.g. Deployment, Approval, CI.
 * @property {StepSpec[]} [steps]  Its steps in the full execution graph (none by default).
 * @property {'MATRIX' | 'LOOP' | 'PARALLELISM'} [strategy]  Laid out inside a strategy wrapper node, as
 *   harness-core's StrategyUtils.modifyStageLayoutNodeGraph does: the wrapper has nodeGroup STRATEGY
 *   and the stage's own name and identifier, and the stage is its only child.
 */

/**
 * A parallel group of stages, laid out as harness-core's ParallelPlanCreator does: a node with
 * nodeType parallel, nodeGroup STAGE and no name, whose children are the stages.
 * @typedef {{ parallel: StageSpec[] }} ParallelSpec
 */

/**
 * @typedef {object} PipelineSpec
 * @property {string} name
 * @property {Array<StageSpec | ParallelSpec>} stages  In the order they run.
 * @property {string} [startStatus]  The engine status the execute answer reports (default RUNNING),
 *   e.g. FREEZE_FAILED for a run a deployment freeze stops at once.
 * @property {string[]} script  The statuses successive polls report; the last one repeats.
 *   Each change of status moves on to the next stage; a failing final status fails `failure.stage`
 *   (default the last stage), a passing one passes every stage.
 * @property {{ stage?: string, message: string }} [failure]  Reported when the script ends in a failing status.
 * @property {string[]} [inputSets]  Input set identifiers that exist for this pipeline.
 */

/**
 * @typedef {object} NotVisibleAtFirst
 * @property {number} polls
 * @property {'EntityNotFoundException' | 'InvalidRequestException'} answer
 */

/**
 * @typedef {object} NextGenOptions
 * @property {string} [accountId]
 * @property {string} [apiKey]
 * @property {string} [org]
 * @property {string} [project]
 * @property {string} [prefix]  Path before /gateway, as behind a vanity or self-managed URL.
 * @property {Record<string, PipelineSpec>} [pipelines]
 * @property {boolean} [moduleTypeRequired]  Answer an execute request without `moduleType` as harness-core
 *   builds before 20 Oct 2022 (PIE-5890) did, which declared it NotNull: HTTP 400. An empty value passes.
 * @property {'refuse' | 'hang'} [logService]  `refuse`: the log service refuses every read with 403
 *   `{"error_msg"}`, as harness-core's AuthMiddleware does for an API key it does not accept; `hang`:
 *   it sends the headers of a log and then nothing (an overloaded service, a stalled proxy).
 * @property {Record<string, TriggerSpec>} [triggers]  Custom webhook triggers, by identifier.
 * @property {WebhookOptions} [webhook]  How the custom webhook endpoints behave.
 * @property {NotVisibleAtFirst} [notVisibleAtFirst]
 *   The first `polls` reads of each new execution answer "does not exist", as Harness does before it
 *   has written the execution summary: current builds with 404 (EntityNotFoundException), older ones
 *   with HTTP 400 INVALID_REQUEST (InvalidRequestException).
 */

/**
 * A custom webhook trigger (harness-core NGTriggerEntity, type Custom).
 * @typedef {object} TriggerSpec
 * @property {string} pipeline  The pipeline it belongs to and runs.
 * @property {boolean} [disabled]  A disabled trigger is not found (NO_ENABLED_CUSTOM_TRIGGER_FOUND).
 * @property {string} [finalStatus]  The FinalStatus its events end in instead of running the pipeline,
 *   e.g. SKIPPED, NO_MATCHING_TRIGGER_FOR_PAYLOAD_CONDITIONS, INVALID_RUNTIME_INPUT_YAML.
 * @property {string} [message]  Harness's message with that status.
 */

/**
 * @typedef {object} WebhookOptions
 * @property {boolean} [mandateApiKey]  The account setting mandate_custom_webhook_authorization: a
 *   webhook without X-Api-Key is refused with HTTP 400 INVALID_REQUEST.
 * @property {number} [pendingPolls]  Detail reads answered before the event is processed (default 2):
 *   the v1 path answers HTTP 400 "Trigger event history doesn't exist", the V2 path status QUEUED.
 * @property {'v2' | 'v1' | 'none'} [apiUrl]  What `apiUrl` the webhook answer names: the V2 details
 *   path of newer builds (default), the v1 path of Dec 2023 builds, or none.
 * @property {string} [apiUrlBase]  The base URL `apiUrl` is built on (default this server), as Harness
 *   builds it from the account's base URL, which may be another host.
 * @property {boolean} [unrecognized]  Answer eventCorrelationId "Unrecognized Webhook" (no event was made).
 */

/**
 * @typedef {object} TriggerEvent
 * @property {string} id
 * @property {string} trigger
 * @property {string} pipeline
 * @property {string} body  The webhook's body, as received.
 * @property {number} createdAt
 * @property {number} reads  Detail reads answered so far.
 * @property {string} [status]  Its FinalStatus, once processed.
 * @property {string} [message]
 * @property {string} [executionId]  The execution it started.
 */

/**
 * @typedef {object} Execution
 * @property {string} id
 * @property {string} pipeline
 * @property {PipelineSpec} spec
 * @property {number} polls  Status reads answered so far.
 * @property {number} hidden  Status reads answered "does not exist" so far (see notVisibleAtFirst).
 * @property {number} startTs
 * @property {number} [endTs]
 * @property {string} [abortedStatus]  Set by AbortAll: the execution then reports Aborted.
 * @property {string} body  The execute request's body, as received.
 * @property {URLSearchParams} query  The execute request's query.
 */

/** @typedef {{ httpStatus: number, code: string, message: string }} InjectedError */
/** @typedef {'execute' | 'status' | 'graph' | 'interrupt' | 'webhook' | 'event'} CallKind */

const PASSING = new Set(['Success', 'IgnoreFailed', 'Skipped', 'Suspended'])
const FINAL = new Set([...PASSING, 'Failed', 'Errored', 'Aborted', 'AbortedByFreeze', 'Expired', 'ApprovalRejected'])
const SCOPE_PARAMS = ['accountIdentifier', 'orgIdentifier', 'projectIdentifier']
const GRAPH_PARAMS = [...SCOPE_PARAMS, 'renderFullBottomGraph', 'stageNodeId']
const WEBHOOK_PARAMS = [...SCOPE_PARAMS, 'pipelineIdentifier', 'triggerIdentifier']
const WEBHOOK_CONTENT_TYPES = ['application/json', 'application/yaml', 'text/plain']
const EXECUTE_PARAMS = [...SCOPE_PARAMS, 'moduleType', 'branch', 'repoIdentifier', 'getDefaultFromOtherRepo', 'useFQNIfError', 'notesForPipelineExecution']

/**
 * Demo data: a pipeline with an approval that passes, and one whose deployment fails.
 * @type {Required<Omit<NextGenOptions, 'prefix' | 'moduleTypeRequired' | 'notVisibleAtFirst' | 'logService' | 'webhook'>>}
 */
export const DEMO_NEXTGEN = {
  accountId: 'demo-account',
  apiKey: 'pat.demo-account.demo-nextgen-key',
  org: 'default',
  project: 'payments',
  pipelines: {
    deploy_payments: {
      name: 'Deploy payments',
      stages: [
        { identifier: 'build', name: 'Build', type: 'CI' },
        { identifier: 'approve_prod', name: 'Approve production', type: 'Approval' },
        { identifier: 'deploy_prod', name: 'Deploy production', type: 'Deployment' }
      ],
      script: ['Running', 'ApprovalWaiting', 'ApprovalWaiting', 'Running', 'Success'],
      inputSets: ['prod', 'canary']
    },
    deploy_broken: {
      name: 'Deploy broken build',
      stages: [
        { identifier: 'build', name: 'Build', type: 'CI', steps: [{ identifier: 'compile', name: 'Compile', kind: 'async', outputs: { IMAGE_TAG: '1.4.2' } }] },
        {
          identifier: 'deploy_prod',
          name: 'Deploy production',
          type: 'Deployment',
          steps: [
            { identifier: 'rollout', name: 'Rollout', outputs: { REPLICAS: '3' } },
            {
              identifier: 'smoke_test',
              name: 'Smoke test',
              group: 'verify',
              fails: true,
              log: [
                'Executing command ...',
                'curl -fsS https://payments.internal/health',
                'curl: (22) The requested URL returned error: 503',
                'Command finished with status FAILURE'
              ]
            }
          ]
        }
      ],
      script: ['Running', 'Running', 'Failed'],
      failure: { stage: 'deploy_prod', message: "Shell Script step 'smoke_test' failed: exit status 1" }
    }
  },
  triggers: {
    on_release: { pipeline: 'deploy_payments' },
    on_broken_release: { pipeline: 'deploy_broken' }
  }
}

/**
 * The NextGen API as a request handler, so that it can share a server with other fakes.
 * @param {NextGenOptions} [options]
 */
export function createNextGenApi(options = {}) {
  /** @type {NextGenOptions & typeof DEMO_NEXTGEN & { prefix: string }} */
  const settings = { ...DEMO_NEXTGEN, prefix: '', ...options }
  /** @type {Map<string, Execution>} */
  const executions = new Map()
  /** @type {Map<string, TriggerEvent>} */
  const events = new Map()
  /** @type {Record<CallKind, InjectedError[]>} */
  const injected = { execute: [], status: [], graph: [], interrupt: [], webhook: [], event: [] }
  /** Step logs by log key, as the log service stores them (NDJSON), filled as graphs are built. */
  /** @type {Map<string, string>} */
  const logs = new Map()

  /**
   * @param {import('./server.js').RecordedRequest} request
   * @param {import('node:http').ServerResponse} res
   * @returns {boolean} whether the request was for this API
   */
  function handle(request, res) {
    if (request.path.startsWith(`${settings.prefix}/gateway/log-service/`)) {
      logService(request, res)
      return true
    }
    const base = `${settings.prefix}/gateway/pipeline/api/`
    if (!request.path.startsWith(base)) return false
    const segments = request.path.slice(base.length).split('/').map(decodeURIComponent)
    const route = routeOf(request.method, segments, request.query)
    if (!route) {
      fail(res, 404, 'RESOURCE_NOT_FOUND', `No ${request.method} route for ${request.path}`)
      return true
    }
    if (route.kind === 'webhook' || route.kind === 'event') {
      handleWebhook(request, res, route)
      return true
    }
    const refusal = checkCredentialsAndScope(
      request,
      route.kind === 'execute'
        ? EXECUTE_PARAMS
        : route.kind === 'graph'
          ? GRAPH_PARAMS
          : [...SCOPE_PARAMS, ...(route.kind === 'interrupt' ? ['interruptType'] : [])]
    )
    if (refusal) {
      fail(res, refusal.httpStatus, refusal.code, refusal.message)
      return true
    }
    const error = injected[route.kind].shift()
    if (error) {
      fail(res, error.httpStatus, error.code, error.message)
      return true
    }
    if (route.kind === 'execute') execute(request, res, route.target, route.inputSetList)
    else if (route.kind === 'status') status(res, route.target)
    else if (route.kind === 'graph') graph(res, route.target)
    else interrupt(request, res, route.target)
    return true
  }

  /**
   * @param {string} method
   * @param {string[]} s
   * @param {URLSearchParams} query
   * @returns {{ kind: CallKind, target: string, inputSetList?: boolean, v2?: boolean } | undefined}
   */
  function routeOf(method, s, query) {
    if (method === 'POST' && s[0] === 'pipeline' && s[1] === 'execute' && s.length === 3 && s[2] !== 'interrupt') return { kind: 'execute', target: s[2] }
    if (method === 'POST' && s[0] === 'pipeline' && s[1] === 'execute' && s.length === 4 && s[3] === 'inputSetList') {
      return { kind: 'execute', target: s[2], inputSetList: true }
    }
    if (method === 'GET' && s[0] === 'pipelines' && s[1] === 'execution' && s[2] === 'v2' && s.length === 4) {
      return { kind: query.has('renderFullBottomGraph') ? 'graph' : 'status', target: s[3] }
    }
    if (method === 'PUT' && s[0] === 'pipeline' && s[1] === 'execute' && s[2] === 'interrupt' && s.length === 4) return { kind: 'interrupt', target: s[3] }
    if (method === 'POST' && s[0] === 'webhook' && s[1] === 'custom' && s[2] === 'v2' && s.length === 3) return { kind: 'webhook', target: '' }
    if (method === 'GET' && s[0] === 'webhook' && s[1] === 'triggerExecutionDetails' && s.length === 3) return { kind: 'event', target: s[2] }
    if (method === 'GET' && s[0] === 'webhook' && s[1] === 'triggerExecutionDetailsV2' && s.length === 3) return { kind: 'event', target: s[2], v2: true }
    return undefined
  }

  /**
   * @param {import('./server.js').RecordedRequest} request
   * @param {string[]} allowedParams
   * @returns {InjectedError | undefined}
   */
  function checkCredentialsAndScope(request, allowedParams) {
    if (request.headers['x-api-key'] !== settings.apiKey) return { httpStatus: 401, code: 'INVALID_TOKEN', message: 'Token is not valid.' }
    const unknown = [...request.query.keys()].find(name => !allowedParams.includes(name))
    if (unknown) return { httpStatus: 400, code: 'INVALID_REQUEST', message: `Unknown query parameter: ${unknown}` }
    const account = request.query.get('accountIdentifier')
    if (account !== settings.accountId) {
      return { httpStatus: 403, code: 'NG_ACCESS_DENIED', message: `The API key does not belong to account '${account ?? ''}'.` }
    }
    const org = request.query.get('orgIdentifier')
    const project = request.query.get('projectIdentifier')
    if (org !== settings.org || project !== settings.project) {
      return {
        httpStatus: 404,
        code: 'RESOURCE_NOT_FOUND_EXCEPTION',
        message: `Project with orgIdentifier [${org ?? ''}] and identifier [${project ?? ''}] not found`
      }
    }
    return undefined
  }

  /**
   * @param {import('./server.js').RecordedRequest} request
   * @param {import('node:http').ServerResponse} res
   * @param {string} pipeline
   * @param {boolean} [inputSetList]
   */
  function execute(request, res, pipeline, inputSetList) {
    const spec = settings.pipelines[pipeline]
    if (!spec) {
      return fail(
        res,
        404,
        'RESOURCE_NOT_FOUND_EXCEPTION',
        `Pipeline [${pipeline}] under Project[${settings.project}], Organization [${settings.org}] doesn't exist or has been deleted.`
      )
    }
    const contentType = (request.headers['content-type'] ?? '').split(';')[0].trim()
    const expected = inputSetList ? 'application/json' : 'application/yaml'
    if (contentType !== expected)
      return fail(res, 415, 'UNSUPPORTED_MEDIA_TYPE', `Content-Type ${contentType || '(none)'} is not supported here; send ${expected}`)
    if (settings.moduleTypeRequired && request.query.get('moduleType') === null) {
      return fail(res, 400, 'INVALID_REQUEST', 'moduleType: must not be null')
    }
    const problem = inputSetList ? inputSetProblem(spec, request.body) : runtimeYamlProblem(request.body)
    if (problem) return fail(res, problem.httpStatus, problem.code, problem.message)
    const execution = startExecution(pipeline, spec, request.body, request.query)
    const status = spec.startStatus ?? 'RUNNING'
    sendJson(res, 200, success({ planExecution: { uuid: execution.id, planId: randomBytes(16).toString('base64url'), status, startTs: execution.startTs } }))
  }

  /**
   * @param {string} pipeline
   * @param {PipelineSpec} spec
   * @param {string} body
   * @param {URLSearchParams} query
   */
  function startExecution(pipeline, spec, body, query) {
    const id = randomBytes(16).toString('base64url')
    /** @type {Execution} */
    const execution = { id, pipeline, spec, polls: 0, hidden: 0, startTs: Date.now(), body, query }
    executions.set(id, execution)
    return execution
  }

  /**
   * The custom webhook trigger endpoints (harness-core NGTriggerWebhookConfigResourceImpl): the key is
   * optional unless the account mandates it, and checked when given.
   * @param {import('./server.js').RecordedRequest} request
   * @param {import('node:http').ServerResponse} res
   * @param {{ kind: CallKind, target: string, v2?: boolean }} route
   */
  function handleWebhook(request, res, route) {
    const key = request.headers['x-api-key']
    if (key !== undefined && key !== settings.apiKey) return fail(res, 401, 'INVALID_TOKEN', 'Token is not valid.')
    const allowed = route.kind === 'webhook' ? WEBHOOK_PARAMS : ['accountIdentifier']
    const unknown = [...request.query.keys()].find(name => !allowed.includes(name))
    if (unknown) return fail(res, 400, 'INVALID_REQUEST', `Unknown query parameter: ${unknown}`)
    if (request.query.get('accountIdentifier') !== settings.accountId) {
      return fail(res, 403, 'NG_ACCESS_DENIED', `The API key does not belong to account '${request.query.get('accountIdentifier') ?? ''}'.`)
    }
    const error = injected[route.kind].shift()
    if (error) return fail(res, error.httpStatus, error.code, error.message)
    if (route.kind === 'webhook') return receiveWebhook(request, res, key !== undefined)
    return eventDetails(res, route.target, route.v2 ?? false)
  }

  /**
   * @param {import('./server.js').RecordedRequest} request
   * @param {import('node:http').ServerResponse} res
   * @param {boolean} withKey
   */
  function receiveWebhook(request, res, withKey) {
    const { webhook = {} } = settings
    const org = request.query.get('orgIdentifier') ?? ''
    const project = request.query.get('projectIdentifier') ?? ''
    if (!withKey && webhook.mandateApiKey) {
      return fail(
        res,
        400,
        'INVALID_REQUEST',
        `Invalid request: Authorization is mandatory for custom triggers in ${settings.accountId}:${org}:${project}. Please add X-Api-Key header in the request`
      )
    }
    const contentType = (request.headers['content-type'] ?? '').split(';')[0].trim()
    if (!WEBHOOK_CONTENT_TYPES.includes(contentType)) {
      return fail(res, 415, 'UNSUPPORTED_MEDIA_TYPE', `Content-Type ${contentType || '(none)'} is not supported here`)
    }
    if (webhook.unrecognized) return sendJson(res, 200, success({ eventCorrelationId: 'Unrecognized Webhook' }))
    const id = randomBytes(12).toString('hex')
    const trigger = request.query.get('triggerIdentifier') ?? ''
    events.set(id, { id, trigger, pipeline: request.query.get('pipelineIdentifier') ?? '', body: request.body, createdAt: Date.now(), reads: 0 })
    const base = webhook.apiUrlBase ?? `http://${request.headers.host ?? '127.0.0.1'}${settings.prefix}`
    const details = webhook.apiUrl === 'v1' ? 'triggerExecutionDetails' : 'triggerExecutionDetailsV2'
    const apiUrl = `${base}/gateway/pipeline/api/webhook/${details}/${id}?accountIdentifier=${settings.accountId}`
    const uiUrl = `${base}/ng/#/account/${settings.accountId}/home/orgs/${org}/projects/${project}/pipelines/${request.query.get('pipelineIdentifier') ?? ''}/triggers/${trigger}/activity-history`
    sendJson(res, 200, success({ eventCorrelationId: id, ...(webhook.apiUrl === 'none' ? {} : { apiUrl, uiUrl }) }))
  }

  /**
   * What Harness made of the event: processed after `pendingPolls` reads; the v1 path answers the
   * 400 until then, V2 status QUEUED.
   * @param {import('node:http').ServerResponse} res
   * @param {string} id
   * @param {boolean} v2
   */
  function eventDetails(res, id, v2) {
    const event = events.get(id)
    const pending = event === undefined || event.reads < (settings.webhook?.pendingPolls ?? 2)
    if (event) event.reads++
    if (pending && !(v2 && event)) {
      return fail(res, 400, 'INVALID_REQUEST', `Invalid request: Trigger event history doesn't exist for event with eventId ${id}`)
    }
    if (!pending && event) processEvent(event)
    const processing = {
      eventFound: true,
      eventId: id,
      accountIdentifier: settings.accountId,
      orgIdentifier: settings.org,
      projectIdentifier: settings.project,
      triggerIdentifier: event?.trigger,
      pipelineIdentifier: event?.pipeline,
      pipelineExecutionId: event?.executionId ?? null,
      exceptionOccured: false,
      status: pending ? 'QUEUED' : event?.status,
      message: pending ? 'Trigger execution is queued.' : event?.message,
      payload: event?.body,
      eventCreatedAt: event?.createdAt,
      runtimeInput: null,
      warningMsg: null
    }
    const execution = event?.executionId ? executions.get(event.executionId) : undefined
    const executionDetails = execution
      ? { pipelineExecutionSummary: { planExecutionId: execution.id, pipelineIdentifier: execution.pipeline, status: 'Running' } }
      : null
    sendJson(res, 200, success({ webhookProcessingDetails: processing, executionDetails }))
  }

  /**
   * Decides once, as Harness's trigger filters do: no enabled trigger, a status the trigger is set to
   * end in, or the pipeline's execution.
   * @param {TriggerEvent} event
   */
  function processEvent(event) {
    if (event.status) return
    const trigger = settings.triggers?.[event.trigger]
    if (!trigger || trigger.disabled || (event.pipeline && trigger.pipeline !== event.pipeline)) {
      event.status = 'NO_ENABLED_CUSTOM_TRIGGER_FOUND'
      event.message = `No enabled custom trigger found for Account:${settings.accountId}, Org: ${settings.org}, Project: ${settings.project}, Pipeline: ${event.pipeline}, Trigger: ${event.trigger}`
      return
    }
    if (trigger.finalStatus) {
      event.status = trigger.finalStatus
      event.message = trigger.message
      return
    }
    const spec = settings.pipelines[trigger.pipeline]
    if (!spec) {
      event.status = 'TARGET_DID_NOT_EXECUTE'
      event.message = `Pipeline [${trigger.pipeline}] doesn't exist or has been deleted.`
      return
    }
    const query = new URLSearchParams({ accountIdentifier: settings.accountId, orgIdentifier: settings.org, projectIdentifier: settings.project })
    const execution = startExecution(trigger.pipeline, spec, '', query)
    event.status = 'TARGET_EXECUTION_REQUESTED'
    event.message = 'Pipeline execution was requested successfully'
    event.executionId = execution.id
  }

  /**
   * @param {import('node:http').ServerResponse} res
   * @param {string} id
   */
  function status(res, id) {
    const execution = executions.get(id)
    const notVisible = settings.notVisibleAtFirst
    const hidden = execution !== undefined && notVisible !== undefined && execution.hidden < notVisible.polls
    if (execution && hidden) execution.hidden++
    if (hidden && notVisible?.answer === 'InvalidRequestException') {
      return fail(res, 400, 'INVALID_REQUEST', 'Invalid request: Plan Execution Summary does not exist or has been deleted for given planExecutionId')
    }
    if (!execution || hidden) {
      return fail(res, 404, 'RESOURCE_NOT_FOUND_EXCEPTION', `Plan Execution Summary does not exist or has been deleted for planExecutionId: ${id}`)
    }
    const step = Math.min(execution.polls, execution.spec.script.length - 1)
    execution.polls++
    const current = execution.abortedStatus ?? execution.spec.script[step]
    if (FINAL.has(current)) execution.endTs ??= Date.now()
    sendJson(res, 200, success({ pipelineExecutionSummary: summaryOf(execution, current, step), executionGraph: null }))
  }

  /**
   * The execution with its full graph, as `renderFullBottomGraph=true` answers it: the status last
   * reported (a graph read does not move the script on) and `executionGraph.nodeMap`.
   * @param {import('node:http').ServerResponse} res
   * @param {string} id
   */
  function graph(res, id) {
    const execution = executions.get(id)
    if (!execution) {
      return fail(res, 404, 'RESOURCE_NOT_FOUND_EXCEPTION', `Plan Execution Summary does not exist or has been deleted for planExecutionId: ${id}`)
    }
    const step = Math.min(Math.max(execution.polls - 1, 0), execution.spec.script.length - 1)
    const current = execution.abortedStatus ?? execution.spec.script[step]
    const summary = summaryOf(execution, current, step)
    const executionGraph = executionGraphOf(execution, current, step, settings, logs)
    sendJson(res, 200, success({ pipelineExecutionSummary: summary, executionGraph }))
  }

  /**
   * `GET /gateway/log-service/blob?accountID&key` as harness-core's log service answers it: the
   * x-api-key checked for the account (403 `{"error_msg"}` otherwise), 404 for a key with no log.
   * @param {import('./server.js').RecordedRequest} request
   * @param {import('node:http').ServerResponse} res
   */
  function logService(request, res) {
    /** @param {number} code @param {string} message */
    const refuse = (code, message) => sendJson(res, code, { error_msg: message })
    if (request.method !== 'GET' || request.path !== `${settings.prefix}/gateway/log-service/blob`) return refuse(404, '404 page not found')
    const account = request.query.get('accountID')
    if (!account) return refuse(400, 'no account ID in query params')
    if (settings.logService === 'refuse' || request.headers['x-api-key'] !== settings.apiKey || account !== settings.accountId) {
      return refuse(403, 'apikey in request not authorized for receiving tokens')
    }
    if (settings.logService === 'hang') {
      res.writeHead(200, { 'content-type': 'application/octet-stream' })
      res.flushHeaders()
      return
    }
    const key = request.query.get('key') ?? ''
    const blob = logs.get(key)
    if (blob === undefined) return refuse(404, `cannot find key ${account}/${key}: object not found`)
    res.writeHead(200, { 'content-type': 'application/octet-stream' })
    res.end(blob)
  }

  /**
   * @param {import('./server.js').RecordedRequest} request
   * @param {import('node:http').ServerResponse} res
   * @param {string} id
   */
  function interrupt(request, res, id) {
    const type = request.query.get('interruptType')
    if (type !== 'AbortAll') return fail(res, 400, 'INVALID_REQUEST', `Interrupt type ${type ?? '(none)'} is not supported by this simulator`)
    const execution = executions.get(id)
    if (!execution) return fail(res, 404, 'RESOURCE_NOT_FOUND_EXCEPTION', `Plan Execution does not exist for planExecutionId: ${id}`)
    execution.abortedStatus = 'Aborted'
    sendJson(res, 200, success({ id: randomBytes(16).toString('base64url'), type: 'ABORT_ALL', planExecutionId: id }))
  }

  return {
    handle,
    /** Executions started so far, by planExecutionId. */
    executions,
    /** Custom webhook trigger events received so far, by eventCorrelationId. */
    events,
    /**
     * The next `times` calls of a kind answer with a Harness failure envelope. An arrow function, so
     * it can be handed on without its object (startHarnessNextGen does).
     * @param {CallKind} kind
     * @param {InjectedError} error
     */
    failNext: (kind, error, times = 1) => {
      for (let i = 0; i < times; i++) injected[kind].push(error)
    }
  }
}

/**
 * Starts the fake NextGen API on 127.0.0.1. Without options it serves the demo data.
 * @param {NextGenOptions & { port?: number, server?: import('./server.js').ServerOptions }} [options]  `server`: HTTPS, public name.
 */
export async function startHarnessNextGen(options = {}) {
  const api = createNextGenApi(options)
  const server = await startServer(
    (request, res) => {
      if (!api.handle(request, res)) fail(res, 404, 'RESOURCE_NOT_FOUND', `Not a NextGen API path: ${request.path}`)
    },
    { ...options.server, port: options.port }
  )
  /** @param {CallKind | 'log'} kind */
  const calls = kind =>
    server.requests.filter(request => {
      const isLog = request.path.includes('/gateway/log-service/')
      if (kind === 'log') return isLog
      if (isLog) return false
      const webhook = request.path.includes('/pipeline/api/webhook/')
      if (kind === 'webhook') return webhook && request.method === 'POST'
      if (kind === 'event') return webhook && request.method === 'GET'
      if (webhook) return false
      if (kind === 'status') return request.method === 'GET' && !request.query.has('renderFullBottomGraph')
      if (kind === 'graph') return request.method === 'GET' && request.query.has('renderFullBottomGraph')
      if (kind === 'interrupt') return request.method === 'PUT'
      return request.method === 'POST'
    })
  return { ...server, executions: api.executions, events: api.events, failNext: api.failNext, calls }
}

/** @param {unknown} data */
function success(data) {
  return { status: 'SUCCESS', data, metaData: null, correlationId: randomBytes(8).toString('hex') }
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {number} httpStatus
 * @param {string} code
 * @param {string} message
 */
function fail(res, httpStatus, code, message) {
  sendJson(res, httpStatus, {
    status: 'ERROR',
    code,
    message,
    correlationId: randomBytes(8).toString('hex'),
    detailedMessage: null,
    responseMessages: [{ code, level: 'ERROR', message, exception: null, failureTypes: [] }],
    metadata: null
  })
}

/** @param {string} body */
function runtimeYamlProblem(body) {
  if (body.trim() === '') return undefined
  const documents = parseAllDocuments(body)
  const docs = Array.isArray(documents) ? documents : [documents]
  const error = docs.flatMap(doc => doc.errors)[0]
  /** @type {unknown} */
  const value = error ? undefined : docs[0]?.toJS()
  if (!value || typeof value !== 'object' || !('pipeline' in value)) {
    const reason = error ? error.message.split('\n')[0] : 'the YAML must have a top-level pipeline: key'
    return { httpStatus: 400, code: 'INVALID_REQUEST', message: `Invalid runtime input YAML: ${reason}` }
  }
  return undefined
}

/**
 * @param {PipelineSpec} spec
 * @param {string} body
 */
function inputSetProblem(spec, body) {
  /** @type {unknown} */
  let parsed
  try {
    parsed = JSON.parse(body)
  } catch {
    return { httpStatus: 400, code: 'INVALID_REQUEST', message: 'Unable to process JSON' }
  }
  const { inputSetReferences, withMergedPipelineYaml } = /** @type {Record<string, unknown>} */ (parsed ?? {})
  if (!Array.isArray(inputSetReferences) || inputSetReferences.length === 0 || typeof withMergedPipelineYaml !== 'boolean') {
    return { httpStatus: 400, code: 'INVALID_REQUEST', message: 'inputSetReferences (a non-empty list) and withMergedPipelineYaml are required' }
  }
  /** @type {unknown[]} */
  const references = inputSetReferences
  const missing = references.find(reference => typeof reference !== 'string' || !(spec.inputSets ?? []).includes(reference))
  if (missing !== undefined) {
    return {
      httpStatus: 404,
      code: 'RESOURCE_NOT_FOUND_EXCEPTION',
      message: `InputSet with the given ID: ${typeof missing === 'string' ? missing : JSON.stringify(missing)} does not exist or has been deleted`
    }
  }
  return undefined
}

/**
 * The execution summary as Harness's v2 endpoint returns it; stages advance with the script.
 * @param {Execution} execution
 * @param {string} current
 * @param {number} step
 */
function summaryOf(execution, current, step) {
  const { spec } = execution
  const stages = realStages(spec)
  const stageStatuses = stageStatusesOf(execution, current, step)
  const statusOf = (/** @type {StageSpec} */ stage) => stageStatuses[stages.indexOf(stage)]
  const failed = FINAL.has(current) && !PASSING.has(current) && !execution.abortedStatus
  /** @type {Record<string, unknown>} */
  const layoutNodeMap = {}
  /**
   * A stage's node, and its strategy wrapper when it has one; returns the uuid its predecessor points at.
   * @param {StageSpec} stage
   * @param {string[]} nextIds
   */
  const addStage = (stage, nextIds) => {
    const status = statusOf(stage)
    layoutNodeMap[nodeUuid(stage)] = {
      nodeType: stage.type ?? 'Deployment',
      nodeGroup: 'STAGE',
      nodeIdentifier: stage.identifier,
      name: stage.name,
      nodeUuid: nodeUuid(stage),
      status,
      module: 'cd',
      startTs: status === 'NotStarted' ? null : execution.startTs,
      endTs: FINAL.has(status) ? (execution.endTs ?? Date.now()) : null,
      edgeLayoutList: { currentNodeChildren: [], nextIds: stage.strategy ? [] : nextIds },
      ...(failed && status === current && spec.failure ? { failureInfo: { message: spec.failure.message } } : {})
    }
    if (!stage.strategy) return nodeUuid(stage)
    const wrapper = `strategy-${stage.identifier}`
    layoutNodeMap[wrapper] = {
      nodeType: stage.strategy,
      nodeGroup: 'STRATEGY',
      nodeIdentifier: stage.identifier,
      name: stage.name,
      nodeUuid: wrapper,
      status,
      module: 'cd',
      edgeLayoutList: { currentNodeChildren: [nodeUuid(stage)], nextIds }
    }
    return wrapper
  }
  // Laid out from the last item back, so that each item knows the uuid of the one after it.
  /** @type {string | undefined} */
  let following
  for (const item of [...spec.stages].reverse()) {
    const nextIds = following ? [following] : []
    if ('parallel' in item) {
      const group = `parallel-${item.parallel.map(stage => stage.identifier).join('-')}`
      layoutNodeMap[group] = {
        nodeType: 'parallel',
        nodeGroup: 'STAGE',
        nodeIdentifier: `parallel${group}`,
        nodeUuid: group,
        status: statusOf(item.parallel[0]),
        edgeLayoutList: { currentNodeChildren: item.parallel.map(stage => addStage(stage, [])), nextIds }
      }
      following = group
    } else {
      following = addStage(item, nextIds)
    }
  }
  return {
    pipelineIdentifier: execution.pipeline,
    orgIdentifier: execution.query.get('orgIdentifier'),
    projectIdentifier: execution.query.get('projectIdentifier'),
    planExecutionId: execution.id,
    name: spec.name,
    status: current,
    runSequence: 1,
    modules: ['cd'],
    executionTriggerInfo: { triggerType: 'MANUAL', triggeredBy: { identifier: 'github-action' } },
    startTs: execution.startTs,
    endTs: execution.endTs ?? null,
    startingNodeId: following ?? null,
    layoutNodeMap,
    ...(failed && spec.failure ? { executionErrorInfo: { message: spec.failure.message } } : {})
  }
}

/**
 * Stages before the current one succeeded, the current one shows the execution's status, later ones
 * have not started.
 * @param {Execution} execution
 * @param {string} current
 * @param {number} step
 */
function stageStatusesOf(execution, current, step) {
  const { spec } = execution
  const stages = realStages(spec)
  const count = stages.length
  // Each new status of the script moves the execution on to the next stage.
  const changes = spec.script.slice(0, step + 1).filter((status, index, script) => index > 0 && status !== script[index - 1]).length
  let at = Math.min(changes, count - 1)
  if (PASSING.has(current)) return stages.map(() => current)
  if (FINAL.has(current) && !execution.abortedStatus) {
    const failing = stages.findIndex(stage => stage.identifier === spec.failure?.stage)
    at = failing >= 0 ? failing : count - 1
  }
  return stages.map((_, index) => (index < at ? 'Success' : index === at ? current : 'NotStarted'))
}

/**
 * The stages that run, in order, with parallel groups opened.
 * @param {PipelineSpec} spec
 * @returns {StageSpec[]}
 */
function realStages(spec) {
  return spec.stages.flatMap(item => ('parallel' in item ? item.parallel : [item]))
}

/** @param {StageSpec} stage */
function nodeUuid(stage) {
  return `node-${stage.identifier}`
}

const STAGE_STEP_TYPES = /** @type {Record<string, string>} */ ({
  Deployment: 'DEPLOYMENT_STAGE_STEP',
  CI: 'IntegrationStageStepPMS',
  Approval: 'APPROVAL_STAGE',
  Custom: 'CUSTOM_STAGE'
})

/**
 * `executionGraph` as harness-core's v2 endpoint sends it with `renderFullBottomGraph=true`
 * (orchestration-visualization ExecutionGraph/ExecutionNode): a pipeline node, each stage (its
 * `setupId` is its layoutNodeMap key), its execution section, step groups and steps, with
 * `baseFqn`, `failureInfo` (present on every node, empty unless it failed), `logBaseKey`,
 * `executableResponses` (a oneof: `task` or `async`), `unitProgresses` and `outcomes`. Every
 * step's log goes into `logs` under the key the graph names.
 * @param {Execution} execution
 * @param {string} current
 * @param {number} step
 * @param {NextGenOptions & typeof DEMO_NEXTGEN} settings
 * @param {Map<string, string>} logs
 */
function executionGraphOf(execution, current, step, settings, logs) {
  const { spec } = execution
  const stages = realStages(spec)
  const statuses = stageStatusesOf(execution, current, step)
  const failed = FINAL.has(current) && !PASSING.has(current) && !execution.abortedStatus
  /** @type {Record<string, unknown>} */
  const nodeMap = {}
  const base = `accountId:${settings.accountId}/orgId:${settings.org}/projectId:${settings.project}/pipelineId:${execution.pipeline}/runSequence:1/level0:pipeline`
  /**
   * @param {string} uuid
   * @param {Record<string, unknown>} fields
   */
  const add = (uuid, fields) => {
    nodeMap[uuid] = {
      uuid,
      setupId: `setup-${uuid}`,
      failureInfo: { message: '', failureTypeList: [], responseMessages: [] },
      startTs: execution.startTs,
      endTs: execution.endTs ?? null,
      outcomes: {},
      executableResponses: [],
      unitProgresses: [],
      ...fields
    }
  }
  add(`exec-pipeline-${execution.id}`, { name: spec.name, identifier: 'pipeline', baseFqn: 'pipeline', stepType: 'PIPELINE_SECTION', status: current })
  stages.forEach((stage, index) => {
    const status = statuses[index]
    const stageFailed = failed && status === current
    const fqn = `pipeline.stages.${stage.identifier}`
    add(`exec-${stage.identifier}`, {
      setupId: nodeUuid(stage),
      name: stage.name,
      identifier: stage.identifier,
      baseFqn: fqn,
      stepType: STAGE_STEP_TYPES[stage.type ?? 'Deployment'] ?? 'CUSTOM_STAGE',
      status,
      ...(stageFailed && spec.failure ? { failureInfo: { message: spec.failure.message, failureTypeList: ['APPLICATION_ERROR'], responseMessages: [] } } : {})
    })
    if (!stage.steps?.length) return
    add(`exec-${stage.identifier}-execution`, {
      name: 'Execution',
      identifier: 'execution',
      baseFqn: `${fqn}.spec.execution`,
      stepType: 'NG_SECTION_WITH_ROLLBACK_INFO',
      status
    })
    const failingAt = stageFailed ? stage.steps.findIndex(candidate => candidate.fails) : -1
    stage.steps.forEach((stepSpec, stepIndex) => {
      const stepStatus = !FINAL.has(status)
        ? 'NotStarted'
        : failingAt < 0
          ? stageFailed
            ? 'Success'
            : status
          : stepIndex < failingAt
            ? 'Success'
            : stepIndex === failingAt
              ? current
              : 'NotStarted'
      const groupFqn = stepSpec.group ? `${fqn}.spec.execution.steps.${stepSpec.group}` : undefined
      if (groupFqn && !nodeMap[`exec-${stage.identifier}-${stepSpec.group}`]) {
        add(`exec-${stage.identifier}-${stepSpec.group}`, {
          name: stepSpec.group,
          identifier: stepSpec.group,
          baseFqn: groupFqn,
          stepType: 'STEP_GROUP',
          status: stepStatus
        })
      }
      const stepFqn = `${groupFqn ?? `${fqn}.spec.execution`}.steps.${stepSpec.identifier}`
      const logBaseKey = `${base}/level1:stages/level2:${stage.identifier}/level3:spec/level4:execution/level5:steps/${stepSpec.group ? `level6:${stepSpec.group}/level7:steps/level8:` : 'level6:'}${stepSpec.identifier}`
      const ran = stepStatus !== 'NotStarted'
      const stepFailed = stepIndex === failingAt
      const async = stepSpec.kind === 'async'
      const units = async ? [] : ['Initialize', 'Execute']
      const logKeys = async ? [logBaseKey] : units.map(unit => `${logBaseKey}-commandUnit:${unit}`)
      if (ran && stepSpec.log) logs.set(logKeys.at(-1) ?? logBaseKey, ndjson(stepSpec.log, execution.startTs))
      const message = stepSpec.failureMessage ?? spec.failure?.message ?? 'Step failed'
      add(`exec-${stage.identifier}-${stepSpec.identifier}`, {
        name: stepSpec.name,
        identifier: stepSpec.identifier,
        baseFqn: stepFqn,
        stepType: stepSpec.stepType ?? 'ShellScript',
        status: stepStatus,
        logBaseKey,
        ...(stepFailed
          ? { failureInfo: { message, failureTypeList: ['APPLICATION_ERROR'], responseMessages: [{ code: 'DEFAULT_ERROR_CODE', level: 'ERROR', message }] } }
          : {}),
        executableResponses: ran
          ? [
              async
                ? { async: { callbackIds: [`cb-${stepSpec.identifier}`], logKeys, units, timeout: '0', status: 'NO_OP' } }
                : { task: { taskId: `task-${stepSpec.identifier}`, taskCategory: 'DELEGATE_TASK_V2', logKeys, units, taskName: 'Shell Script Task' } }
            ]
          : [],
        unitProgresses: ran ? units.map((unitName, unit) => ({ unitName, status: stepFailed && unit === units.length - 1 ? 'FAILURE' : 'SUCCESS' })) : [],
        outcomes: stepStatus === 'Success' ? outcomesOf(stepSpec) : {}
      })
    })
  })
  return {
    rootNodeId: `exec-pipeline-${execution.id}`,
    nodeMap,
    nodeAdjacencyListMap: {},
    representationStrategy: 'camelCase',
    executionMetadata: {
      accountId: settings.accountId,
      orgIdentifier: settings.org,
      projectIdentifier: settings.project,
      pipelineIdentifier: execution.pipeline,
      planExecutionId: execution.id
    }
  }
}

/**
 * A succeeded step's outcomes: `output.outputVariables` as ShellScriptOutcome has it (with the
 * `__recast` class key OrchestrationMap values carry), secrets in harness-core's ciphertext form.
 * @param {StepSpec} step
 */
function outcomesOf(step) {
  if (!step.outputs && !step.secretOutputs) return {}
  /** @type {Record<string, string>} */
  const outputVariables = { ...step.outputs }
  for (const name of step.secretOutputs ?? []) {
    outputVariables[name] = `\${sweepingOutputSecrets.obtain("${name}","${randomBytes(24).toString('base64')}")}`
  }
  return { output: { __recast: 'io.harness.steps.shellscript.ShellScriptOutcome', outputVariables } }
}

/**
 * Log lines as the log service stores a closed stream: one `{level,pos,out,time,args}` per line (stream.go Line).
 * @param {string[]} lines
 * @param {number} startTs
 */
function ndjson(lines, startTs) {
  return lines
    .map((out, pos) => `${JSON.stringify({ level: 'INFO', pos, out: `${out}\n`, time: new Date(startTs + pos).toISOString(), args: null })}\n`)
    .join('')
}
