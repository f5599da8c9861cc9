import * as log from '../log.js'
import { CancelledError } from '../errors.js'
import { ExecutionNotFoundError, type NextGenClient, type NgExecution } from '../harness/nextgen.js'
import { isNextGenFinal, NEXTGEN_DEFAULT_PASSING, NEXTGEN_FINAL_STATUSES, nextGenDeploymentState, normalizedStatus } from '../harness/statuses.js'
import { formatDuration } from '../summary.js'
import type { NgExecutionStatusSettings, NgRunPipelineSettings } from '../settings/index.js'
import { ExecutionAborter } from './abort.js'
import { executionFailure } from './execution-outcome.js'
import { logStageList, namesList } from './stage-lines.js'
import type { OperationContext, OperationResult } from './types.js'
import { waitForFinalStatus, type WaitResult } from './wait.js'

type NgSettings = NgRunPipelineSettings | NgExecutionStatusSettings

const FAILING_STATUSES = new Set<string>(NEXTGEN_FINAL_STATUSES.filter(status => !NEXTGEN_DEFAULT_PASSING.includes(status)))

/**
 * How long after a start "execution not found" is waited out. Harness writes the execution summary a
 * moment after it answers the start; a minute covers a busy cluster, and bounds a real problem.
 */
const NOT_VISIBLE_GRACE_MS = 60_000

/** The permission Harness checks for an interrupt (PlanExecutionResourceImpl.handleInterrupt). */
const ABORT_PERMISSION = "the 'Pipelines: Execute' permission (core_pipeline_execute) on the pipeline"

/** Statuses in which the execution stands still until a person acts in Harness. */
const PERSON_MUST_ACT: Record<string, string> = {
  ApprovalWaiting: 'is waiting for an approval: a person must approve or reject it',
  InterventionWaiting: 'is waiting for a manual intervention after a failure: a person must choose how it goes on',
  InputWaiting: 'is waiting for runtime input: a person must provide it'
}

export interface FollowPlan {
  client: NextGenClient
  id: string
  /** Known when this run started the pipeline; otherwise read from the first poll. */
  pipeline?: string
  /** The execution was started a moment ago, so Harness may not list it yet. */
  justStarted: boolean
  settings: NgSettings
  context: OperationContext
  startedAtMs: number
}

/**
 * One NextGen execution followed for an operation: mirrors its progress, waits for it when asked,
 * aborts it on timeout or cancel when its abort policy allows, and reports it.
 */
export class NgExecutionFollower {
  private pipeline?: string
  private announced = false
  private lastReported?: string
  private aborter?: ExecutionAborter

  constructor(private readonly plan: FollowPlan) {
    this.pipeline = plan.pipeline
  }

  get url(): string | undefined {
    return this.pipeline ? this.plan.client.executionUrl(this.pipeline, this.plan.id) : undefined
  }

  /** Tells the progress listener (a GitHub deployment) about the execution and each new status. */
  async report(snapshot: Pick<NgExecution, 'status' | 'pipeline'>): Promise<void> {
    this.pipeline ||= snapshot.pipeline || undefined
    const { progress } = this.plan.context
    if (!this.announced && this.url) {
      await progress.started({ id: this.plan.id, url: this.url })
      this.announced = true
    }
    if (snapshot.status === this.lastReported) return
    this.lastReported = snapshot.status
    await progress.changed(snapshot.status, nextGenDeploymentState(snapshot.status))
  }

  /** Reads the execution once, for `wait: false`. */
  async read(): Promise<OperationResult> {
    const snapshot = await log.group(`Read NextGen execution ${this.plan.id}`, async () => {
      const execution = await this.plan.client.execution(this.plan.id)
      log.info(`Status: ${describeStatus(execution)}`)
      return execution
    })
    await this.report(snapshot)
    this.noteIfPersonMustAct(snapshot)
    return this.result(snapshot)
  }

  /** Waits for a final status; on timeout or cancel aborts once, when the abort policy allows. */
  async wait(): Promise<OperationResult> {
    const { id, settings } = this.plan
    const { wait } = settings
    let outcome: WaitResult<NgExecution>
    const header = `Wait for NextGen execution ${id} (poll every ${formatDuration(wait.pollIntervalMs)}, timeout ${formatDuration(wait.timeoutMs)})`
    try {
      outcome = await log.group(header, () => this.waitForFinal())
    } catch (error) {
      if (error instanceof CancelledError) await this.abort('cancel')
      throw error
    }
    const abortNote = outcome.outcome === 'timeout' ? await this.abort('timeout') : undefined
    logStageList(`Stages of execution ${outcome.last.id}:`, outcome.last.stages.map(stageLine))
    return this.result(outcome.last, outcome, abortNote)
  }

  private waitForFinal(): Promise<WaitResult<NgExecution>> {
    const { client, id, settings, context, justStarted, startedAtMs } = this.plan
    let seen = false
    return waitForFinalStatus<NgExecution>({
      what: `NextGen execution ${id}`,
      poll: async () => {
        const snapshot = await client.execution(id)
        seen = true
        return snapshot
      },
      // Only this step's own new execution may be missing, and only for a while after its start.
      isExpected: error => error instanceof ExecutionNotFoundError && justStarted && !seen && Date.now() - startedAtMs < NOT_VISIBLE_GRACE_MS,
      isFinal: isNextGenFinal,
      describe: describeStatus,
      onChange: async snapshot => {
        await this.report(snapshot)
        this.noteIfPersonMustAct(snapshot)
      },
      intervalMs: settings.wait.pollIntervalMs,
      timeoutMs: settings.wait.timeoutMs,
      signal: context.signal
    })
  }

  /** A waiting approval or intervention stalls the run until someone acts: an annotation makes it visible. */
  private noteIfPersonMustAct(snapshot: NgExecution): void {
    const action = PERSON_MUST_ACT[snapshot.status]
    if (!action) return
    const stages = notableStageNames(snapshot)
    const where = stages ? ` in stage ${stages}` : ''
    log.notice(`Harness execution ${this.plan.id}${where} ${action} in Harness${this.url ? `: ${this.url}` : '.'}`, {
      title: 'Action needed in Harness'
    })
  }

  /** Built on first use, when the link to the execution is known. */
  private abort(reason: 'timeout' | 'cancel'): Promise<string> {
    const { client, id, settings } = this.plan
    this.aborter ??= new ExecutionAborter(settings.abort, {
      what: `Harness execution ${id}`,
      url: this.url,
      interrupt: 'AbortAll',
      permission: ABORT_PERMISSION,
      send: () => client.abort(id)
    })
    return this.aborter.abort(reason)
  }

  /** Outputs, summary and, when the execution does not pass, the failure. */
  result(snapshot: NgExecution, waited?: WaitResult<NgExecution>, abortNote?: string): OperationResult {
    const { id, settings, startedAtMs } = this.plan
    const what = `Harness NextGen execution ${id}`
    const failure = waited ? executionFailure(what, waited, settings, failureDetail(snapshot), abortNote) : undefined
    const url = this.url
    const pipeline = this.pipeline ?? snapshot.pipeline
    const details: Array<[string, string]> = [['Execution id', id]]
    if (snapshot.errorMessage) details.push(['Error', snapshot.errorMessage])
    if (abortNote) details.push(['Abort', abortNote])
    return {
      outputs: { 'execution-id': id, status: snapshot.status, 'status-normalized': normalizedStatus('nextgen', snapshot.status), 'execution-url': url },
      summary: {
        operation: settings.operation,
        target: `${settings.scope.org}/${settings.scope.project} / ${pipeline || 'pipeline'}`,
        status: waited?.outcome === 'timeout' ? `${snapshot.status} (timed out)` : snapshot.status,
        passed: failure === undefined,
        durationMs: executionDurationMs(snapshot, startedAtMs),
        links: url ? [{ text: 'Execution in Harness', href: url }] : [],
        details,
        stages: snapshot.stages.map(stage => ({ name: stage.name, status: stage.status }))
      },
      failure
    }
  }
}

/** The stages a status line points at, by name: those under way, or at the end those that failed. */
function notableStageNames(snapshot: NgExecution): string {
  const final = isNextGenFinal(snapshot.status)
  const notable = snapshot.stages.filter(stage => (final ? FAILING_STATUSES.has(stage.status) : stage.status !== 'NotStarted' && !isNextGenFinal(stage.status)))
  return namesList(notable.map(stage => `'${stage.name}'`))
}

function describeStatus(snapshot: NgExecution): string {
  const stages = notableStageNames(snapshot)
  return stages ? `${snapshot.status} (stage ${stages})` : snapshot.status
}

function stageLine(stage: NgExecution['stages'][number]): string {
  return `${stage.name}: ${stage.status}${stage.failureMessage ? ` (${stage.failureMessage})` : ''}`
}

/** The stages that failed, with Harness's reasons, for the failure line. */
function failureDetail(snapshot: NgExecution): string | undefined {
  const failed = snapshot.stages.filter(stage => FAILING_STATUSES.has(stage.status))
  const parts = failed.map(stage => `stage '${stage.name}' (${stage.status})${stage.failureMessage ? `: ${stage.failureMessage}` : ''}`)
  const shown = namesList(parts, '; ')
  const withError =
    snapshot.errorMessage && !failed.some(stage => stage.failureMessage === snapshot.errorMessage)
      ? [shown, snapshot.errorMessage].filter(Boolean).join('; ')
      : shown
  return withError || undefined
}

/** How long the execution ran by Harness's clock, else how long this step looked at it. */
function executionDurationMs(snapshot: NgExecution, startedAtMs: number): number {
  if (snapshot.startTs === undefined) return Date.now() - startedAtMs
  return Math.max((snapshot.endTs ?? Date.now()) - snapshot.startTs, 0)
}
