import * as log from '../log.js'
import { ExecutionNotFoundError, type NextGenClient, type NgExecution } from '../harness/nextgen.js'
import { isNextGenFinal, NEXTGEN_DEFAULT_PASSING, NEXTGEN_FINAL_STATUSES, nextGenDeploymentState, normalizedStatus } from '../harness/statuses.js'
import type { NextGenBase } from '../settings/index.js'
import { Follower, type FollowedKind } from './follower.js'
import { logStageList, namesList } from './stage-lines.js'
import type { OperationContext, OperationResult, StepFailure } from './types.js'
import type { WaitResult } from './wait.js'
import { readExecutionDetail, type ExecutionDetail, type FailingStep } from './nextgen-detail.js'

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
  /** Where the execution failed, once its full graph has been read. */
  private failingStep?: FailingStep

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

  /** Reads the execution once, for `wait: false`; an execution that has ended is described in full (no verdict). */
  async read(): Promise<OperationResult> {
    const snapshot = await log.group(`Read NextGen execution ${this.plan.id}`, async () => {
      const execution = await this.plan.client.execution(this.plan.id)
      log.info(`Status: ${describeStatus(execution)}`)
      return execution
    })
    await this.follower.reportOnce(snapshot)
    const detail = await this.detailIfEnded(snapshot)
    return this.resultOf(snapshot, { detail })
  }

  /**
   * Waits for a final status; on timeout or cancel aborts once, when the abort policy allows. An
   * execution that ended is then read in full once: the failing step, its log and the output
   * variables go into the verdict, the log and the summary.
   */
  async wait(): Promise<OperationResult> {
    const followed = await this.follower.wait()
    const { waited, abortNote } = followed
    logStageList(`Stages of execution ${waited.last.id}:`, waited.last.stages.map(stageLine))
    const detail = waited.outcome === 'final' ? await this.detailIfEnded(waited.last) : undefined
    this.failingStep = detail?.failing
    // The verdict again, now that the failing step is known (failureDetail reads it).
    const failure = detail?.failing ? this.follower.verdict(waited, abortNote) : followed.failure
    return this.resultOf(waited.last, { waited, failure, abortNote, detail })
  }

  /** Outputs and summary of an execution read without waiting (a status Harness gave on start): no verdict. */
  result(snapshot: NgExecution): OperationResult {
    return this.resultOf(snapshot)
  }

  /** The full graph's story of an execution with a final status; nothing for one still under way. */
  private async detailIfEnded(snapshot: NgExecution): Promise<ExecutionDetail | undefined> {
    if (!isNextGenFinal(snapshot.status)) return undefined
    const { client, id, settings, context } = this.plan
    return readExecutionDetail({
      client,
      harness: settings.harness,
      id,
      pipeline: this.pipeline ?? (snapshot.pipeline || undefined),
      failed: !settings.wait.passingStatuses.has(snapshot.status),
      failingStatuses: FAILING_STATUSES,
      logLines: settings.failureLogLines,
      signal: context.signal
    })
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
      failureDetail: snapshot => failureDetail(snapshot, this.failingStep),
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
  private resultOf(snapshot: NgExecution, ended: EndOfFollow = {}): OperationResult {
    const { waited, failure, abortNote, detail } = ended
    const { id, settings, startedAtMs } = this.plan
    const url = this.url
    const pipeline = this.pipeline ?? snapshot.pipeline
    const failing = detail?.failing
    const details: Array<[string, string]> = [['Execution id', id]]
    if (failing?.stage) details.push(['Failed stage', failing.stage])
    if (failing?.step) details.push(['Failed step', failing.step])
    if (failing?.message && failing.message !== snapshot.errorMessage) details.push(['Harness message', failing.message])
    if (snapshot.errorMessage) details.push(['Error', snapshot.errorMessage])
    if (abortNote) details.push(['Abort', abortNote])
    const links = url ? [{ text: 'Execution in Harness', href: url }] : []
    if (failing?.url)
      links.push({ text: failing.step ? `Failed step '${failing.step}' in Harness` : `Failed stage '${failing.stage}' in Harness`, href: failing.url })
    return {
      outputs: {
        'execution-id': id,
        status: snapshot.status,
        'status-normalized': normalizedStatus('nextgen', snapshot.status),
        'execution-url': url,
        ...(detail ? { outputs: JSON.stringify(detail.variables.outputs) } : {})
      },
      summary: {
        operation: settings.operation,
        target: `${settings.scope.org}/${settings.scope.project} / ${pipeline || 'pipeline'}`,
        status: waited?.outcome === 'timeout' ? `${snapshot.status} (timed out)` : snapshot.status,
        passed: failure === undefined,
        durationMs: executionDurationMs(snapshot, startedAtMs),
        links,
        details,
        stages: snapshot.stages.map(stage => ({ name: stage.name, status: stage.status })),
        variables: detail?.variables.listed,
        log: detail?.log
      },
      failure
    }
  }
}

/** What a follow ended with, for the result: the wait, its verdict and abort, and the full graph's story. */
interface EndOfFollow {
  waited?: WaitResult<NgExecution>
  failure?: StepFailure
  abortNote?: string
  detail?: ExecutionDetail
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

/**
 * Where it failed, with Harness's reasons, for the failure line: the failing step found in the full
 * graph (with its link), else the stages that failed.
 */
function failureDetail(snapshot: NgExecution, failing?: FailingStep): string | undefined {
  if (failing?.step) {
    const where = `${failing.stage ? `stage '${failing.stage}', ` : ''}step '${failing.step}' (${failing.status})`
    const reasons = [failing.message, snapshot.errorMessage].filter((reason, index, all): reason is string => !!reason && all.indexOf(reason) === index)
    const detail = `${where}${reasons.length ? `: ${reasons.join('; ')}` : ''}`
    return failing.url ? `${detail}${/[.!?]$/.test(detail) ? '' : '.'} The step in Harness: ${failing.url}` : detail
  }
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
