import { ActionError } from '../errors.js'
import { readJsonAnswer } from '../http/body.js'
import { send, type HttpRequest, type HttpResponse } from '../http/client.js'
import { apiUrl } from '../http/url.js'
import type { HarnessConnection, NextGenScope } from '../settings/index.js'
import { HARNESS, harnessHttpError, harnessMessage, type HarnessErrorContext } from './errors.js'
import { isSuccess } from '../http/failure.js'
import { graphNodes, type GraphNode } from './execution-graph.js'

/** A stage of a NextGen execution, as the execution's layout graph shows it. */
export interface NgStage {
  identifier: string
  name: string
  status: string
  /** Harness's reason when the stage failed. */
  failureMessage?: string
}

/** What a poll of a NextGen execution tells. */
export interface NgExecution {
  id: string
  status: string
  pipeline: string
  /** Harness's reason when the execution failed (`executionErrorInfo.message`). */
  errorMessage?: string
  stages: NgStage[]
  startTs?: number
  endTs?: number
}

export interface NgRunRequest {
  pipeline: string
  /** Runtime input YAML, sent byte for byte; '' for a pipeline without runtime inputs. */
  runtimeInputs: string
  inputSets: string[]
  notes: string
  branch?: string
}

/**
 * The `moduleType` query parameter of the execute endpoints, sent empty on purpose.
 *
 * What it changes server-side (harness-core, pipeline-service): it is copied into the execution's
 * `ExecutionMetadata.moduleType` (ExecutionHelper.buildExecutionMetadata) and read in three places
 * only: the module segment of the execution and pipeline links in notifications and
 * `<+pipeline.executionUrl>` (PipelineExpressionHelper.getModuleName, which falls back to the
 * execution's own modules, else `cd`, when it is empty), the `stageType` of stage start/end events
 * (NodeExecutionEventUtils), and the child run of a pipeline-chaining stage (PipelineStageStep). It
 * does not choose how CI, CD or STO stages run: their plan creators do, from the stage type.
 *
 * Builds before 20 Oct 2022 (PIE-5890, harness-core commits 4ca1a1263b7 and 41681937b7f) declared it
 * `@NotNull` and passed it to a protobuf setter that rejects null, so a request without it fails on
 * older self-managed Harness; harness-go-sdk always sends it. An empty value passes `@NotNull`, and
 * every build treats it as absent (`EmptyPredicate.isEmpty(moduleType) ? "" : moduleType`), so the
 * links keep the module Harness derives from the pipeline itself. Sending `cd` instead would label
 * the links and stage events of a CI or STO pipeline as CD.
 */
const MODULE_TYPE_UNSPECIFIED = ''

/**
 * Harness cannot find the execution (yet). Right after a start, harness-core builds since 7 Apr 2022
 * (PIE-3081, commit b4cc42f9612) answer 404 (`EntityNotFoundException`); older builds answer HTTP 400
 * `INVALID_REQUEST` with "Plan Execution Summary does not exist…" (`InvalidRequestException` in
 * PMSExecutionServiceImpl). The follower rides this out for a while after a start; anywhere else it is
 * a plain failure.
 */
export class ExecutionNotFoundError extends ActionError {}

const NOT_FOUND_MESSAGE = /Plan Execution( Summary)? does not exist/i

export interface NgStarted {
  id: string
  /** The status the execute answer gave, spelled as the execution statuses are (Running, Queued). */
  status: string
}

/**
 * The NextGen pipeline REST API under `<harness-url>/gateway`, for one organization and project.
 * Every call carries the key as `x-api-key` and the scope as query parameters.
 */
export class NextGenClient {
  constructor(
    private readonly harness: HarnessConnection,
    private readonly scope: NextGenScope
  ) {}

  /** Starts a pipeline; sent once, because a second request would deploy twice. */
  async run(request: NgRunRequest): Promise<NgStarted> {
    const pipeline = segment(request.pipeline)
    const query = { moduleType: MODULE_TYPE_UNSPECIFIED, branch: request.branch, notesForPipelineExecution: request.notes }
    const byInputSets = request.inputSets.length > 0
    const response = await this.send({
      method: 'POST',
      url: this.url(`/pipeline/api/pipeline/execute/${pipeline}${byInputSets ? '/inputSetList' : ''}`, query),
      what: `start NextGen pipeline '${request.pipeline}'`,
      headers: { 'content-type': byInputSets ? 'application/json' : 'application/yaml' },
      body: byInputSets ? JSON.stringify({ inputSetReferences: request.inputSets, withMergedPipelineYaml: true }) : request.runtimeInputs,
      retry: 'once'
    })
    const data = (await readData(response, `start NextGen pipeline '${request.pipeline}'`, this.errorContext('Pipelines: Execute'))) as
      { planExecution?: { uuid?: unknown; status?: unknown } } | undefined
    const id = data?.planExecution?.uuid
    if (typeof id !== 'string' || id === '') {
      throw new ActionError(`Harness accepted the run of pipeline '${request.pipeline}' but answered without a planExecution id`, {
        title: 'Unexpected answer from Harness',
        hint: 'Look for the execution in Harness before re-running: it may have started.'
      })
    }
    const status = data?.planExecution?.status
    return { id, status: typeof status === 'string' ? executionStatusSpelling(status) : 'Running' }
  }

  /** Reads an execution; "not found" in any of the ways Harness says it becomes an ExecutionNotFoundError. */
  async execution(id: string, signal?: AbortSignal): Promise<NgExecution> {
    const what = `read NextGen execution ${id}`
    const response = await this.send({
      method: 'GET',
      url: this.url(`/pipeline/api/pipelines/execution/v2/${segment(id)}`),
      what,
      retry: 'idempotent',
      signal
    })
    let data: { pipelineExecutionSummary?: unknown } | undefined
    try {
      data = (await readData(response, what, this.errorContext('Pipelines: View'))) as typeof data
    } catch (error) {
      if (error instanceof ActionError && (response.status === 404 || NOT_FOUND_MESSAGE.test(error.message))) {
        throw new ExecutionNotFoundError(error.message, { title: error.title, hint: error.hint, cause: error })
      }
      throw error
    }
    return parseExecution(id, data?.pipelineExecutionSummary, what)
  }

  /**
   * Reads the execution's full graph once (`renderFullBottomGraph=true`: every stage's and step's
   * node, with failure info, log keys and outcomes; harness-core ExecutionDetailsResource, the same
   * call harness/mcp-server and harness-cli make). The answer is size-capped like every API answer.
   */
  async executionGraph(id: string, signal?: AbortSignal): Promise<GraphNode[]> {
    const what = `read the execution graph of NextGen execution ${id}`
    const response = await this.send({
      method: 'GET',
      url: this.url(`/pipeline/api/pipelines/execution/v2/${segment(id)}`, { renderFullBottomGraph: 'true' }),
      what,
      retry: 'idempotent',
      signal
    })
    return graphNodes(await readData(response, what, this.errorContext('Pipelines: View')))
  }

  /**
   * A step's page in the NextGen UI: the execution page with the stage (its layout node id, the
   * stage node's `setupId`) and the step (its node execution uuid) selected. The parameters are
   * those the UI itself puts in its address when a step is opened; evidence beyond the UI:
   * lorenyeung/go-execution-url (main.go) builds `…/executions/<id>/pipeline?stage=<layoutNodeMap
   * key>&step=<nodeMap key>` from the same v2 answer.
   */
  stepUrl(pipeline: string, id: string, stageSetupId: string, stepUuid?: string): string {
    const url = new URL(this.executionUrl(pipeline, id))
    url.searchParams.set('stage', stageSetupId)
    if (stepUuid) url.searchParams.set('step', stepUuid)
    return url.href
  }

  /** Sends AbortAll; sent once, as an interrupt is not a read. */
  async abort(id: string): Promise<void> {
    const what = `abort NextGen execution ${id}`
    const response = await this.send({
      method: 'PUT',
      url: this.url(`/pipeline/api/pipeline/execute/interrupt/${segment(id)}`, { interruptType: 'AbortAll' }),
      what,
      retry: 'once'
    })
    await readData(response, what, this.errorContext('Pipelines: Execute'))
  }

  /** The execution's page in the NextGen UI. */
  executionUrl(pipeline: string, id: string): string {
    const { accountId } = this.harness
    const { org, project } = this.scope
    const path = `/ng/account/${segment(accountId)}/all/orgs/${segment(org)}/projects/${segment(project)}/pipelines/${segment(pipeline)}/executions/${segment(id)}/pipeline`
    return apiUrl(this.harness.url, path).href
  }

  /** NextGen checks core_pipeline_execute to run or interrupt, core_pipeline_view to read (harness-core PipelineRbacPermissions). */
  private errorContext(permission: string): HarnessErrorContext {
    return { harness: this.harness, scope: this.scope, permission }
  }

  private url(path: string, query: Record<string, string | undefined> = {}): URL {
    return apiUrl(this.harness.url, `/gateway${path}`, {
      accountIdentifier: this.harness.accountId,
      orgIdentifier: this.scope.org,
      projectIdentifier: this.scope.project,
      ...query
    })
  }

  private send(request: Omit<HttpRequest, 'credentials'>): Promise<HttpResponse> {
    return send({ ...request, headers: { accept: 'application/json', ...request.headers }, credentials: { 'x-api-key': this.harness.apiKey } })
  }
}

export function segment(value: string): string {
  return encodeURIComponent(value)
}

/** The `data` of a success envelope; anything else becomes one line with Harness's code and message. */
export async function readData(response: HttpResponse, what: string, context: HarnessErrorContext): Promise<unknown> {
  if (!isSuccess(response.status)) throw await harnessHttpError(what, response, context)
  const envelope = (await readJsonAnswer(what, response, HARNESS)) as { status?: unknown; data?: unknown }
  if (envelope.status === 'ERROR' || envelope.status === 'FAILURE') {
    throw new ActionError(`Could not ${what}: ${harnessMessage(envelope) ?? `Harness answered ${envelope.status}`}`, { title: `Could not ${what}` })
  }
  return envelope.data
}

/**
 * Engine statuses (`io.harness.pms.contracts.execution.Status`) whose display name (harness-core
 * `ExecutionStatus`) is not the engine name in CamelCase.
 */
const DISPLAY_NAMES: Record<string, string> = { SUCCEEDED: 'Success', FREEZE_FAILED: 'AbortedByFreeze' }

/**
 * The execute answer spells statuses as the engine does (RUNNING, ASYNC_WAITING, FREEZE_FAILED);
 * polls use the display names (Running, AsyncWaiting, AbortedByFreeze).
 */
export function executionStatusSpelling(status: string): string {
  if (Object.hasOwn(DISPLAY_NAMES, status)) return DISPLAY_NAMES[status]
  if (!/^[A-Z_]+$/.test(status)) return status
  return status
    .toLowerCase()
    .split('_')
    .map(word => word.charAt(0).toUpperCase() + word.slice(1))
    .join('')
}

interface LayoutNode {
  nodeIdentifier?: unknown
  name?: unknown
  nodeType?: unknown
  nodeGroup?: unknown
  status?: unknown
  failureInfo?: { message?: unknown }
  edgeLayoutList?: { currentNodeChildren?: unknown; nextIds?: unknown }
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined
}

/** An execution from the `pipelineExecutionSummary` of a v2 read; exported for tests of large graphs. */
export function parseExecution(id: string, summary: unknown, what: string): NgExecution {
  const fields = (summary ?? {}) as Record<string, unknown>
  const status = text(fields.status)
  if (!status) {
    throw new ActionError(`Could not ${what}: Harness's answer has no pipelineExecutionSummary.status`, { title: 'Unexpected answer from Harness' })
  }
  return {
    id,
    status,
    pipeline: text(fields.pipelineIdentifier) ?? '',
    errorMessage: text((fields.executionErrorInfo as { message?: unknown } | undefined)?.message),
    stages: stagesInOrder(fields.layoutNodeMap, fields.startingNodeId),
    startTs: typeof fields.startTs === 'number' ? fields.startTs : undefined,
    endTs: typeof fields.endTs === 'number' ? fields.endTs : undefined
  }
}

/**
 * The stages of `layoutNodeMap` in the order they run: from the starting node, into the children of
 * each node (`currentNodeChildren`: the stages of a parallel group, the stage a strategy wraps), then
 * along `nextIds`. Nodes the walk does not reach follow in map order.
 *
 * The walk keeps its own stack and a set of nodes seen, so that it takes time and memory in
 * proportion to the graph: a chain 100,000 stages deep neither recurses nor rescans.
 */
function stagesInOrder(layoutNodeMap: unknown, startingNodeId: unknown): NgStage[] {
  if (typeof layoutNodeMap !== 'object' || layoutNodeMap === null) return []
  const nodes = layoutNodeMap as Record<string, LayoutNode>
  const seen = new Set<string>()
  const stages: NgStage[] = []
  const walkFrom = (start: unknown): void => {
    const pending: unknown[] = [start]
    while (pending.length > 0) {
      const uuid = pending.pop()
      if (typeof uuid !== 'string' || seen.has(uuid) || !Object.hasOwn(nodes, uuid)) continue
      seen.add(uuid)
      const node = nodes[uuid] ?? {}
      if (isStage(node)) stages.push(stageOf(uuid, node))
      const edges = node.edgeLayoutList ?? {}
      // Pushed in reverse, so that children come off the stack first and in their order, then the next nodes.
      pushReversed(pending, asArray(edges.nextIds))
      pushReversed(pending, asArray(edges.currentNodeChildren))
    }
  }
  walkFrom(startingNodeId)
  for (const uuid of Object.keys(nodes)) walkFrom(uuid)
  return stages
}

/**
 * A stage that runs: `nodeGroup: STAGE` and not a parallel group. harness-core's ParallelPlanCreator
 * gives a parallel group `nodeType: parallel` and `nodeGroup: STAGE` too (with no name); a matrix,
 * loop or parallelism wrapper (StrategyUtils.modifyStageLayoutNodeGraph) has `nodeGroup: STRATEGY`
 * and the stage's own name, and its child is the stage itself. A node without `nodeGroup` counts as
 * a stage unless it is a parallel group.
 */
function isStage(node: LayoutNode): boolean {
  if (typeof node.nodeType === 'string' && node.nodeType.toLowerCase() === 'parallel') return false
  return typeof node.nodeGroup !== 'string' || node.nodeGroup.toUpperCase() === 'STAGE'
}

function stageOf(uuid: string, node: LayoutNode): NgStage {
  const identifier = text(node.nodeIdentifier) ?? uuid
  return { identifier, name: text(node.name) ?? identifier, status: text(node.status) ?? 'NotStarted', failureMessage: text(node.failureInfo?.message) }
}

function pushReversed(stack: unknown[], items: unknown[]): void {
  for (let index = items.length - 1; index >= 0; index--) stack.push(items[index])
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : []
}
