import * as log from '../log.js'
import { outside } from '../log.js'
import { ActionError } from '../errors.js'
import { exportedVariables, failingNode, isSecretValue, type ExportedVariables, type GraphNode } from '../harness/execution-graph.js'
import { LogUnavailable, readLogTail, type LogTail } from '../harness/log-service.js'
import type { NextGenClient } from '../harness/nextgen.js'
import { registerSecret } from '../secrets.js'
import type { HarnessConnection } from '../settings/index.js'
import { formatDuration } from '../summary.js'

/** Where a NextGen execution failed, as the failure line, the summary and the link name it. */
export interface FailingStep {
  stage?: string
  step?: string
  status: string
  message?: string
  /** The step (or stage) in the NextGen UI. */
  url?: string
}

/** What the full graph of an ended execution tells: where it failed, what its steps exported, the failed step's log. */
export interface ExecutionDetail {
  failing?: FailingStep
  variables: ExportedVariables
  log?: { title: string; lines: string[] }
}

export interface DetailPlan {
  client: NextGenClient
  harness: HarnessConnection
  id: string
  pipeline?: string
  /** The execution did not pass: look for the failing step and its log. */
  failed: boolean
  failingStatuses: ReadonlySet<string>
  /** Last lines of the failing step's log to show; 0 reads none. */
  logLines: number
  /** How long the reads may take in all (DETAIL_BUDGET_MS unless a test says otherwise). */
  budgetMs?: number
  signal?: AbortSignal
}

const NO_VARIABLES: ExportedVariables = { outputs: {}, listed: [] }

/** ANSI colour and cursor sequences, which a step's log keeps; shown as text they would be noise. */
// eslint-disable-next-line no-control-regex -- the escape character is what these sequences start with
const ANSI_SEQUENCE = /\u001b\[[0-9;?]*[ -/]*[@-~]/g

/**
 * How long reading the graph and the failing step's log may take, retries included, once the
 * execution has ended: it is extra information, which must not hold the step for minutes when
 * Harness or its log service is slow.
 */
export const DETAIL_BUDGET_MS = 60_000

/**
 * Reads the full graph of an ended execution once and what it tells. This is extra information:
 * a graph or a log that cannot be read (in time) is one line saying so, and never fails the step.
 */
export async function readExecutionDetail(plan: DetailPlan): Promise<ExecutionDetail> {
  const budget = AbortSignal.timeout(plan.budgetMs ?? DETAIL_BUDGET_MS)
  const bounded: DetailPlan = { ...plan, signal: plan.signal ? AbortSignal.any([plan.signal, budget]) : budget }
  return readWithin(bounded, plan.signal)
}

/** `cancel` is the job's own cancel, which stops the step; the budget running out only skips what is left. */
async function readWithin(plan: DetailPlan, cancel?: AbortSignal): Promise<ExecutionDetail> {
  let nodes: GraphNode[]
  try {
    nodes = await plan.client.executionGraph(plan.id, plan.signal)
  } catch (error) {
    if (cancel?.aborted) throw error
    log.warning(`${message(error, plan)} Its failing step and output variables are not shown; the step goes on without them.${hintOf(error)}`, {
      title: 'Execution details unavailable'
    })
    return { variables: NO_VARIABLES }
  }
  maskSecretValues(nodes)
  const variables = exportedVariables(nodes)
  logVariables(variables)
  if (!plan.failed) return { variables }
  const found = failingNode(nodes, plan.failingStatuses)
  if (!found) return { variables }
  const { stage, step } = found
  const failing: FailingStep = {
    stage: stage?.name,
    step: step?.name,
    status: (step ?? stage)?.status ?? '',
    message: found.message,
    url: plan.pipeline && stage?.setupId ? plan.client.stepUrl(plan.pipeline, plan.id, stage.setupId, step?.uuid) : undefined
  }
  const tail = step && plan.logLines > 0 ? await printLogTail(plan, step, failing, cancel) : undefined
  return { failing, variables, log: tail }
}

/** A secret output's value is Harness's ciphertext expression, not the secret; masked all the same, so no log line can carry it. */
function maskSecretValues(nodes: GraphNode[]): void {
  for (const node of nodes) for (const value of Object.values(node.outputVariables)) if (isSecretValue(value)) registerSecret(value)
}

/** One line about what the steps exported; the values are in the summary and the `outputs` output. */
function logVariables(variables: ExportedVariables): void {
  if (variables.listed.length === 0) return
  const hidden = variables.listed.filter(variable => variable.value === undefined).length
  log.info(
    `Output variables: ${variables.listed.length}${hidden ? ` (${hidden} secret, left out of 'outputs' and not shown)` : ''}, in the 'outputs' output and the job summary.`
  )
}

/** The failing step's last log lines, in a log group, each line as outside text. */
async function printLogTail(
  plan: DetailPlan,
  step: GraphNode,
  failing: FailingStep,
  cancel?: AbortSignal
): Promise<{ title: string; lines: string[] } | undefined> {
  const where = `step '${step.name}'${failing.stage ? ` of stage '${failing.stage}'` : ''}`
  if (!step.logKey) {
    log.info(`Harness reports no log for ${where}.`)
    return undefined
  }
  let tail: LogTail
  try {
    tail = await readLogTail(plan.harness, step.logKey, plan.logLines, plan.signal)
  } catch (error) {
    if (cancel?.aborted) throw error
    reportUnreadableLog(where, error, plan)
    return undefined
  }
  if (tail.lines.length === 0) {
    log.info(`The log of ${where} is empty.`)
    return undefined
  }
  const lines = tail.lines.map(line => outside(line.replace(ANSI_SEQUENCE, ''), 1000))
  const shown = tail.lines.length < tail.total ? `Last ${lines.length} of ${tail.total} lines` : `All ${lines.length} lines`
  const title = `${shown} of the log of ${where}${tail.cut ? ' (the log is longer than the action reads; these are the last lines read)' : ''}`
  await log.group(title, () => {
    for (const line of lines) log.info(line)
    return Promise.resolve()
  })
  return { title, lines }
}

/** One line: the log service's refusal in its own words, with what to check; a missing log is not a problem. */
function reportUnreadableLog(where: string, error: unknown, plan: DetailPlan): void {
  if (error instanceof LogUnavailable && error.status === 404) {
    log.info(`Harness has no log stored for ${where} (${error.message}).`)
    return
  }
  const hint =
    error instanceof LogUnavailable && (error.status === 401 || error.status === 403)
      ? " The log service checks 'harness-api-key' for the account; a key that may view the pipeline can normally read its logs. Set 'failure-log-lines: 0' to stop asking."
      : ''
  const why = error instanceof LogUnavailable ? `${error.message}.` : message(error, plan)
  const what = `Could not read the log of ${where} from the Harness log service: ${why}`
  log.warning(`${what}${hint || hintOf(error)}`, { title: 'Step log unavailable' })
}

/** The error's words; for a read stopped by the budget, that Harness did not answer in time. */
function message(error: unknown, plan: DetailPlan): string {
  if (plan.signal?.aborted) {
    return `Harness did not answer within ${formatDuration(plan.budgetMs ?? DETAIL_BUDGET_MS)}, the time the action gives these reads once the execution has ended.`
  }
  const text = error instanceof Error ? error.message : String(error)
  return /[.!?]$/.test(text) ? text : `${text}.`
}

function hintOf(error: unknown): string {
  return error instanceof ActionError && error.hint ? ` ${error.hint}` : ''
}
