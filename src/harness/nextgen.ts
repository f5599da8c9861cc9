import { ActionError } from '../errors.js'
import { readText, send, type HttpRequest, type HttpResponse } from '../http/client.js'
import { parseJsonObject } from '../http/json.js'
import { apiUrl } from '../http/url.js'
import type { HarnessConnection, NextGenScope } from '../settings/index.js'
import { harnessHttpError, harnessMessage, type HarnessErrorContext } from './errors.js'

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
    const query = { branch: request.branch, notesForPipelineExecution: request.notes }
    const byInputSets = request.inputSets.length > 0
    const response = await this.send({
      method: 'POST',
      url: this.url(`/pipeline/api/pipeline/execute/${pipeline}${byInputSets ? '/inputSetList' : ''}`, query),
      what: `start NextGen pipeline '${request.pipeline}'`,
      headers: { 'content-type': byInputSets ? 'application/json' : 'application/yaml' },
      body: byInputSets
        ? JSON.stringify({ inputSetReferences: request.inputSets, withMergedPipelineYaml: true })
        : request.runtimeInputs,
      retry: 'once'
    })
    const data = (await readData(response, `start NextGen pipeline '${request.pipeline}'`, this.errorContext('Pipelines: Execute'))) as
      | { planExecution?: { uuid?: unknown; status?: unknown } }
      | undefined
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

  /**
   * Reads an execution. Right after a start Harness may not list the execution yet, so `justStarted`
   * makes a 404 a passing condition that the wait loop rides out.
   */
  async execution(id: string, options: { justStarted?: boolean } = {}): Promise<NgExecution> {
    const what = `read NextGen execution ${id}`
    const response = await this.send({
      method: 'GET',
      url: this.url(`/pipeline/api/pipelines/execution/v2/${segment(id)}`),
      what,
      retry: 'idempotent'
    })
    if (response.status === 404 && options.justStarted) {
      const error = await harnessHttpError(what, response, this.errorContext('Pipelines: View'))
      throw new ActionError(`${error.message} (a new execution can take a moment to appear)`, { title: error.title, transient: true })
    }
    const data = (await readData(response, what, this.errorContext('Pipelines: View'))) as { pipelineExecutionSummary?: unknown } | undefined
    return parseExecution(id, data?.pipelineExecutionSummary, what)
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

function segment(value: string): string {
  return encodeURIComponent(value)
}

/** The `data` of a success envelope; anything else becomes one line with Harness's code and message. */
async function readData(response: HttpResponse, what: string, context: HarnessErrorContext): Promise<unknown> {
  if (response.status < 200 || response.status >= 300) throw await harnessHttpError(what, response, context)
  const text = await readText(response)
  const envelope = parseJsonObject(text) as { status?: unknown; data?: unknown } | undefined
  if (!envelope) {
    throw new ActionError(`Could not ${what}: Harness answered HTTP ${response.status} with something other than JSON: ${text.trim().slice(0, 200)}`, {
      title: `Could not ${what}`,
      hint: "Check 'harness-url': it should be the Harness address (such as https://app.harness.io), not a login or proxy page."
    })
  }
  if (envelope.status === 'ERROR' || envelope.status === 'FAILURE') {
    throw new ActionError(`Could not ${what}: ${harnessMessage(envelope) ?? `Harness answered ${envelope.status}`}`, { title: `Could not ${what}` })
  }
  return envelope.data
}

/** The execute answer spells statuses as the engine does (RUNNING, ASYNC_WAITING); polls say Running, AsyncWaiting. */
export function executionStatusSpelling(status: string): string {
  if (status === 'SUCCEEDED') return 'Success'
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
  status?: unknown
  failureInfo?: { message?: unknown }
  edgeLayoutList?: { currentNodeChildren?: unknown; nextIds?: unknown }
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined
}

function parseExecution(id: string, summary: unknown, what: string): NgExecution {
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
 * The stages of `layoutNodeMap` in the order they run: from the starting node along `nextIds`,
 * through the children of parallel groups. Nodes the walk does not reach follow in map order.
 */
function stagesInOrder(layoutNodeMap: unknown, startingNodeId: unknown): NgStage[] {
  if (typeof layoutNodeMap !== 'object' || layoutNodeMap === null) return []
  const nodes = layoutNodeMap as Record<string, LayoutNode>
  const order: string[] = []
  const visit = (uuid: unknown): void => {
    if (typeof uuid !== 'string' || order.includes(uuid) || !nodes[uuid]) return
    order.push(uuid)
    const edges = nodes[uuid].edgeLayoutList ?? {}
    for (const child of asArray(edges.currentNodeChildren)) visit(child)
    for (const next of asArray(edges.nextIds)) visit(next)
  }
  visit(startingNodeId)
  Object.keys(nodes).forEach(visit)
  return order.flatMap(uuid => {
    const node = nodes[uuid]
    // A parallel group is a layout container, not a stage that runs.
    if (node.nodeType === 'parallel') return []
    const identifier = text(node.nodeIdentifier) ?? uuid
    return [{ identifier, name: text(node.name) ?? identifier, status: text(node.status) ?? 'NotStarted', failureMessage: text(node.failureInfo?.message) }]
  })
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : []
}
