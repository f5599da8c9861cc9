import * as log from '../log.js'
import { ExecutionNotFoundError, type NextGenClient, type NgExecution } from '../harness/nextgen.js'
import { isNextGenFinal, NEXTGEN_DEFAULT_PASSING, NEXTGEN_FINAL_STATUSES, nextGenDeploymentState, normalizedStatus } from '../harness/statuses.js'
import type { NextGenBase } from '../settings/index.js'
import { Follower, type FollowedKind } from './follower.js'
import { logStageList, namesList } from './stage-lines.js'
import type { OperationContext, OperationResult, StepFailure } from './types.js'
import type { WaitResult } from './wait.js'

/** What following a NextGen execution needs of either NextGen operation's settings. */
type NgSettings = NextGenBase & { operation: string }

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
 * One NextGen execution followed for an operation: its adapter for the follower (which mirrors its
 * progress, waits for it when asked, and aborts it on timeout or cancel when its abort policy
 * allows), and its report.
 */
export class NgExecutionFollower {
  private pipeline?: string
  private readonly follower: Follower<NgExecution>

  constructor(private readonly plan: FollowPlan) {
    this.pipeline = plan.pipeline
    this.follower = new Follower(this.followedKind(), plan.settings, plan.context)
  }

  get url(): string | undefined {
    return this.pipeline ? this.plan.client.executionUrl(this.pipeline, this.plan.id) : undefined
  }

  /** Tells the progress listener (a GitHub deployment) about the execution and each new status. */
  report(snapshot: Pick<NgExecution, 'status' | 'pipeline'>): Promise<void> {
    // The follower reads only the status and the pipeline of what it reports.
    return this.follower.report(snapshot as NgExecution)
  }

  /** Reads the execution once, for `wait: false`. */
  async read(): Promise<OperationResult> {
    const snapshot = await log.group(`Read NextGen execution ${this.plan.id}`, async () => {
      const execution = await this.plan.client.execution(this.plan.id)
      log.info(`Status: ${describeStatus(execution)}`)
      return execution
    })
    await this.follower.reportOnce(snapshot)
    return this.result(snapshot)
  }

  /** Waits for a final status; on timeout or cancel aborts once, when the abort policy allows. */
  async wait(): Promise<OperationResult> {
    const { waited, abortNote, failure } = await this.follower.wait()
    logStageList(`Stages of execution ${waited.last.id}:`, waited.last.stages.map(stageLine))
    return this.resultOf(waited.last, waited, failure, abortNote)
  }

  /** Outputs and summary of an execution read without waiting: no verdict. */
  result(snapshot: NgExecution): OperationResult {
    return this.resultOf(snapshot)
  }

  private followedKind(): FollowedKind<NgExecution> {
    const { client, id, justStarted, startedAtMs } = this.plan
    let seen = false
    return {
      id,
      what: `NextGen execution ${id}`,
      service: 'Harness',
      name: `Harness NextGen execution ${id}`,
      waitTitle: `NextGen execution ${id}`,
      read: async signal => {
        const snapshot = await client.execution(id, signal)
        seen = true
        return snapshot
      },
      // Only this step's own new execution may be missing, and only for a while after its start.
      isExpected: error => error instanceof ExecutionNotFoundError && justStarted && !seen && Date.now() - startedAtMs < NOT_VISIBLE_GRACE_MS,
      isFinal: isNextGenFinal,
      deploymentState: nextGenDeploymentState,
      describe: describeStatus,
      url: () => this.url,
      learn: snapshot => {
        this.pipeline ||= snapshot.pipeline || undefined
      },
      notice: snapshot => this.noteIfPersonMustAct(snapshot),
      failureDetail,
      abort: { what: `Harness execution ${id}`, interrupt: 'AbortAll', permission: ABORT_PERMISSION, send: () => client.abort(id) }
    }
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

  /** Outputs, summary and, when the execution does not pass, the failure. */
  private resultOf(snapshot: NgExecution, waited?: WaitResult<NgExecution>, failure?: StepFailure, abortNote?: string): OperationResult {
    const { id, settings, startedAtMs } = this.plan
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
