import * as log from '../log.js'
import { CancelledError } from '../errors.js'
import type { DeploymentState, StepFailure } from '../results.js'
import type { AbortPolicy, WaitSettings } from '../settings/index.js'
import { formatDuration } from '../summary.js'
import { ExecutionAborter, type AbortTarget } from './abort.js'
import { executionFailure } from './execution-outcome.js'
import type { OperationContext } from './types.js'
import { waitForFinalStatus, type WaitResult } from './wait.js'

/**
 * One kind of thing that runs until a final status (a FirstGen execution, a NextGen execution),
 * as the follower needs to know it: a small adapter; the follower does the rest once.
 */
export interface FollowedKind<T extends { status: string }> {
  id: string
  /** "Harness execution abc", for the wait's log lines and its cancel message. */
  what: string
  /** Where it runs, as log lines name it: "Harness" (a GitLab job: "GitLab"). */
  service: string
  /** "Harness NextGen execution abc", for the failure line. */
  name: string
  /** The wait's log group: "Wait for <waitTitle> (poll every …, timeout …)". */
  waitTitle: string
  /** One poll; `signal` is the job's cancel, which stops the request at once. */
  read(signal: AbortSignal): Promise<T>
  isFinal(status: string): boolean
  deploymentState(status: string): DeploymentState
  /** The log line for a new status. */
  describe(snapshot: T): string
  /** Its page, once known (a NextGen link needs the pipeline, which the first read may tell). */
  url(): string | undefined
  /** Learns from a snapshot before it is reported (the NextGen pipeline). */
  learn?(snapshot: T): void
  /** Makes visible a status in which a person must act (an approval), when the kind says so. */
  notice?(snapshot: T): void
  /** A failed poll to wait out without a warning (a new execution Harness does not list yet). */
  isExpected?(error: unknown): boolean
  /** Harness's reason for a failed final status, for the failure line. */
  failureDetail?(snapshot: T): string | undefined
  /**
   * Whether the end of the wait fails the step, for a kind whose verdict is not a deployment's
   * (a GitLab job passes only with `success`, and `passing-statuses` does not apply).
   */
  verdict?(waited: WaitResult<T>): StepFailure | undefined
  /** How to abort it (sent at most once); without one, it is never aborted. */
  abort?: Omit<AbortTarget, 'url'>
}

export interface FollowerSettings {
  operation: string
  wait: WaitSettings
  abort: AbortPolicy
}

/** The end of a wait: the last status seen, whether the wait timed out, what became of an abort, the verdict. */
export interface Followed<T> {
  waited: WaitResult<T>
  abortNote?: string
  failure?: StepFailure
}

/**
 * Follows one thing that runs until a final status: mirrors it onto the progress listener (a
 * GitHub deployment: started once its link is known, each new status once), polls it with the
 * wait's interval and timeout, logs each change of status and what a person must do, aborts it at
 * most once on timeout or cancel when the abort policy allows, and judges the final status.
 */
export class Follower<T extends { status: string }> {
  private announced = false
  private lastReported?: string
  private aborter?: ExecutionAborter

  constructor(
    private readonly kind: FollowedKind<T>,
    private readonly settings: FollowerSettings,
    private readonly context: OperationContext
  ) {}

  /** Tells the progress listener about the thing, once its link is known. */
  async announce(): Promise<void> {
    const url = this.kind.url()
    if (this.announced || !url) return
    this.announced = true
    await this.context.progress.started({ id: this.kind.id, url })
  }

  /** Tells the progress listener about the thing (once its link is known) and about each new status. */
  async report(snapshot: T): Promise<void> {
    this.kind.learn?.(snapshot)
    await this.announce()
    if (snapshot.status === this.lastReported) return
    this.lastReported = snapshot.status
    await this.context.progress.changed(snapshot.status, this.kind.deploymentState(snapshot.status))
  }

  /** Reports a status read once (no wait), with its notice. */
  async reportOnce(snapshot: T): Promise<void> {
    await this.report(snapshot)
    this.kind.notice?.(snapshot)
  }

  /**
   * Waits for a final status; `first`, a status already read, is the first poll. On a cancel it
   * aborts (once, when allowed) and rethrows; on a timeout it aborts and says so in the verdict.
   */
  async wait(first?: T): Promise<Followed<T>> {
    const { wait } = this.settings
    let waited: WaitResult<T>
    try {
      waited = await log.group(
        `Wait for ${this.kind.waitTitle} (poll every ${formatDuration(wait.pollIntervalMs)}, timeout ${formatDuration(wait.timeoutMs)})`,
        () => this.poll(first)
      )
    } catch (error) {
      if (error instanceof CancelledError) await this.abort('cancel')
      throw error
    }
    const abortNote = waited.outcome === 'timeout' ? await this.abort('timeout') : undefined
    return { waited, abortNote, failure: this.verdict(waited, abortNote) }
  }

  /** Whether a waited-for status fails the step: a timeout always, a final status unless it passes. */
  verdict(waited: WaitResult<T>, abortNote?: string): StepFailure | undefined {
    if (this.kind.verdict) return this.kind.verdict(waited)
    return executionFailure(this.kind.name, waited, this.settings, this.kind.failureDetail?.(waited.last), abortNote)
  }

  private poll(first?: T): Promise<WaitResult<T>> {
    const { kind, settings, context } = this
    let unpolled = first
    return waitForFinalStatus<T>({
      what: kind.what,
      service: kind.service,
      poll: async signal => {
        const snapshot = unpolled ?? (await kind.read(signal))
        unpolled = undefined
        return snapshot
      },
      isExpected: error => kind.isExpected?.(error) ?? false,
      isFinal: status => kind.isFinal(status),
      describe: snapshot => kind.describe(snapshot),
      onChange: snapshot => this.reportOnce(snapshot),
      intervalMs: settings.wait.pollIntervalMs,
      timeoutMs: settings.wait.timeoutMs,
      signal: context.signal
    })
  }

  /** Built on first use, when the link is known; sends the abort at most once per step. */
  private async abort(reason: 'timeout' | 'cancel'): Promise<string | undefined> {
    const target = this.kind.abort
    if (!target) return undefined
    this.aborter ??= new ExecutionAborter(this.settings.abort, { ...target, url: this.kind.url() })
    return this.aborter.abort(reason)
  }
}
