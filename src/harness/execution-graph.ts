// The full execution graph of a NextGen execution (`GET …/pipelines/execution/v2/{id}?renderFullBottomGraph=true`),
// read once an execution has ended: which step failed (and where its log is), and the output
// variables its steps exported. Shapes from harness-core (checked at vigneswara-propelo/harness-core
// 1dcec145): orchestration-visualization ExecutionGraph/ExecutionNode, pms-contracts
// executable_response.proto, ShellScriptHelperService and CommonAbstractStepExecutable; and from the
// clients that read the same graph: harness/mcp-server (diagnose/pipeline.ts) and harness/harness-cli
// (util/client/iacm/iacm-client.go).

/** One node of `executionGraph.nodeMap`: a stage, a step, a step group, or a section Harness adds. */
export interface GraphNode {
  /** The node execution's uuid: its key in `nodeMap`, and the `step` of a UI link. */
  uuid: string
  /** The plan node's id: for a stage, its key in `layoutNodeMap` and the `stage` of a UI link. */
  setupId?: string
  name: string
  identifier: string
  /** Level identifiers joined by dots: `pipeline.stages.deploy.spec.execution.steps.smoke_test`. */
  baseFqn: string
  stepType: string
  status: string
  /** Harness's reason; harness-core sends `failureInfo` on every node, with an empty message when nothing failed. */
  failureMessage?: string
  /** Where its log is, most telling first (see logKeyOf). */
  logKey?: string
  /** `outcomes.output.outputVariables` (or YAML v1 `output_vars`), as Harness reports them. */
  outputVariables: Record<string, string>
  startTs?: number
  endTs?: number
}

/**
 * Step types that group or frame steps rather than run: a step group, the execution section, the
 * CI and IaCM stage wrappers (harness-cli's shouldIgnoreStepType list, and harness-core's
 * STEP_GROUP / NG_SECTION* / NG_EXECUTION step types).
 */
const CONTAINER_STEP_TYPES = /^(STEP_GROUP|NG_SECTION.*|NG_EXECUTION|NG_FORK|IntegrationStageStepPMS|IACMIntegrationStageStepPMS|IACMPrepareExecution)$/

/** The literal Harness puts in place of a secret output variable's value (harness-core SWEEPING_OUTPUT_SECRET_OBTAIN_PREFIX). */
const SECRET_VALUE_PREFIX = '${sweepingOutputSecrets.obtain('

const STAGE_FQN = /^pipeline\.stages\.([^.]+)$/

export function isSecretValue(value: string): boolean {
  return value.startsWith(SECRET_VALUE_PREFIX)
}

/**
 * The nodes of an execution graph read with `renderFullBottomGraph=true`: `data.executionGraph`,
 * or, when Harness left it out because the execution rolled back the pipeline,
 * `data.rollbackGraph.executionGraph` (harness-core ExecutionHelper.getResponseDTO). Anything not
 * shaped as expected is skipped rather than trusted.
 */
export function graphNodes(data: unknown): GraphNode[] {
  const fields = asRecord(data)
  const graph = asRecord(fields.executionGraph).nodeMap ? fields.executionGraph : asRecord(fields.rollbackGraph).executionGraph
  const nodeMap = asRecord(asRecord(graph).nodeMap)
  const nodes: GraphNode[] = []
  for (const [uuid, value] of Object.entries(nodeMap)) {
    if (uuid.startsWith('__')) continue
    const node = asRecord(value)
    const identifier = text(node.identifier) ?? uuid
    nodes.push({
      uuid: text(node.uuid) ?? uuid,
      setupId: text(node.setupId),
      name: text(node.name) ?? identifier,
      identifier,
      baseFqn: text(node.baseFqn) ?? '',
      stepType: text(node.stepType) ?? '',
      status: text(node.status) ?? '',
      failureMessage: text(asRecord(node.failureInfo).message),
      logKey: logKeyOf(node),
      outputVariables: outputVariablesOf(node.outcomes),
      startTs: typeof node.startTs === 'number' ? node.startTs : undefined,
      endTs: typeof node.endTs === 'number' ? node.endTs : undefined
    })
  }
  return nodes
}

/** A node that runs as a step: under a `.steps.` level, and not a group or section (research: MCP and the CLI agree). */
export function isStep(node: GraphNode): boolean {
  return node.baseFqn.includes('.steps.') && !CONTAINER_STEP_TYPES.test(node.stepType)
}

/** The stage identifier a node belongs to: the level after `pipeline.stages.` (MCP reads it the same way). */
export function stageIdentifierOf(node: GraphNode): string | undefined {
  return /^pipeline\.stages\.([^.]+)/.exec(node.baseFqn)?.[1]
}

/** The stage's own node, for its name and layout id. */
export function stageNodeOf(nodes: GraphNode[], node: GraphNode): GraphNode | undefined {
  const stage = stageIdentifierOf(node)
  return stage === undefined ? undefined : nodes.find(candidate => STAGE_FQN.exec(candidate.baseFqn)?.[1] === stage)
}

export interface FailingNode {
  stage?: GraphNode
  /** The failing step, when one could be told; otherwise only the stage failed (a stage-level error). */
  step?: GraphNode
  /** Harness's words: the step's, else the stage's. */
  message?: string
}

/**
 * Where the execution failed. A failing step (one of `failing` statuses) with Harness's reason is
 * preferred, and among several the one that ended first (a later failure is usually a consequence:
 * a rollback, a step of a parallel branch stopped by the first); then a failing step without a
 * reason; then the failing stage.
 */
export function failingNode(nodes: GraphNode[], failing: ReadonlySet<string>): FailingNode | undefined {
  const failed = nodes.filter(node => failing.has(node.status))
  const steps = failed.filter(isStep).sort(byReasonThenEnd)
  const step = steps[0]
  if (step) {
    const stage = stageNodeOf(nodes, step)
    return { stage, step, message: step.failureMessage ?? stage?.failureMessage }
  }
  const stage = failed.filter(node => STAGE_FQN.test(node.baseFqn)).sort(byReasonThenEnd)[0]
  return stage ? { stage, message: stage.failureMessage } : undefined
}

function byReasonThenEnd(a: GraphNode, b: GraphNode): number {
  const reason = Number(b.failureMessage !== undefined) - Number(a.failureMessage !== undefined)
  return reason || (a.endTs ?? Infinity) - (b.endTs ?? Infinity)
}

/** Output variables by stage identifier, then step key, then name; secret values are listed apart, never with their value. */
export interface ExportedVariables {
  outputs: Record<string, Record<string, Record<string, string>>>
  /** Every variable, in graph order, for the summary: `value` is undefined for a secret. */
  listed: Array<{ stage: string; step: string; name: string; value?: string }>
}

/**
 * The output variables of every step. A step is keyed by its own identifier (for a matrix or
 * looped step Harness's identifier already carries the iteration's suffix, so each iteration is
 * its own key); when two steps of a stage share an identifier (the same step id in two step
 * groups), each is keyed by its path of step and step group identifiers, joined by dots
 * (`canary.smoke_test`). Keys Harness adds for its own use (`__recast`) are left out.
 */
export function exportedVariables(nodes: GraphNode[]): ExportedVariables {
  const withVariables = nodes.filter(node => isStep(node) && Object.keys(node.outputVariables).length > 0)
  const clashes = new Set<string>()
  const seen = new Set<string>()
  for (const node of withVariables) {
    const id = `${stageIdentifierOf(node)}\u0000${node.identifier}`
    if (seen.has(id)) clashes.add(id)
    seen.add(id)
  }
  const result: ExportedVariables = { outputs: {}, listed: [] }
  for (const node of withVariables) {
    const stage = stageIdentifierOf(node) ?? ''
    const step = clashes.has(`${stage}\u0000${node.identifier}`) ? stepPath(node) : node.identifier
    for (const [name, value] of Object.entries(node.outputVariables)) {
      if (isSecretValue(value)) {
        result.listed.push({ stage, step, name })
        continue
      }
      const stageOutputs = (result.outputs[stage] ??= {})
      ;(stageOutputs[step] ??= {})[name] = value
      result.listed.push({ stage, step, name, value })
    }
  }
  return result
}

/** A step's identifiers below its stage's execution: the step groups it sits in, then its own. */
function stepPath(node: GraphNode): string {
  const levels = node.baseFqn.split('.')
  const path: string[] = []
  for (let index = 0; index < levels.length - 1; index++) {
    if (levels[index] === 'steps') path.push(levels[index + 1])
  }
  return path.length > 0 ? path.join('.') : node.identifier
}

/**
 * `outcomes.output.outputVariables` (ShellScript and CI steps), or `outcomes.output.output_vars`
 * (a ShellScript step of a YAML v1 pipeline). Values are strings in harness-core
 * (Map<String, String>); numbers and booleans are kept as text, anything else left out.
 */
function outputVariablesOf(outcomes: unknown): Record<string, string> {
  const output = asRecord(asRecord(outcomes).output)
  const variables = asRecord(output.outputVariables ?? output.output_vars)
  const result: Record<string, string> = {}
  for (const [name, value] of Object.entries(variables)) {
    if (name.startsWith('__')) continue
    if (typeof value === 'string') result[name] = value
    else if (typeof value === 'number' || typeof value === 'boolean') result[name] = String(value)
  }
  return result
}

/**
 * The log key of a node. `executableResponses[]` is a oneof (`async`, `task`, `taskChain`, `sync`,
 * `child`, …; harness-core executable_response.proto), each with `logKeys`: one per command unit
 * (`<logBaseKey>-commandUnit:<unit>`), or just the base key for a step without units (CI, async
 * steps). The key of the unit whose progress failed is taken, else the last (units run in order,
 * so the last one is where a failed step stopped); without keys, `logBaseKey` (the CLI does the same).
 */
function logKeyOf(node: Record<string, unknown>): string | undefined {
  const keys: string[] = []
  for (const response of asArray(node.executableResponses)) {
    for (const kind of Object.values(asRecord(response))) {
      for (const key of asArray(asRecord(kind).logKeys)) if (typeof key === 'string' && key !== '') keys.push(key)
    }
  }
  const failedUnit = asArray(node.unitProgresses)
    .map(asRecord)
    .find(unit => typeof unit.status === 'string' && /fail|error/i.test(unit.status))
  const failedUnitName = text(failedUnit?.unitName)
  const ofFailedUnit = failedUnitName ? keys.find(key => key.endsWith(`-commandUnit:${failedUnitName}`)) : undefined
  return ofFailedUnit ?? keys.at(-1) ?? text(node.logBaseKey)
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {}
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : []
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined
}
