import * as log from '../log.js'
import { setTimeout as sleep } from 'node:timers/promises'
import { ActionError, CancelledError } from '../errors.js'
import { FAILED_POLLS_TOLERATED } from '../http/retry.js'

export interface WaitPlan<T extends { status: string }> {
  /** What is being waited for, for log lines ("Harness execution abc"). */
  what: string
  /** Where it runs, for the line about a failed poll that is expected: "Harness". */
  service: string
  /** One poll; the signal stops its request (and the retry waits inside it) at once. */
  poll: (signal: AbortSignal) => Promise<T>
  isFinal: (status: string) => boolean
  /** The log line for a new status; defaults to the status itself. */
  describe?: (snapshot: T) => string
  onChange?: (snapshot: T) => Promise<void>
  /**
   * A failed poll that is expected at this moment (a new execution Harness does not list yet): it is
   * logged without a warning and does not count towards the failed polls a wait gives up after.
   */
  isExpected?: (error: unknown) => boolean
  intervalMs: number
  timeoutMs: number
  signal: AbortSignal
}

export interface WaitResult<T> {
  outcome: 'final' | 'timeout'
  last: T
}

/**
 * Polls until a final status or the timeout; logs each change of status, not each poll.
 * A cancel ends the wait at once, even in the middle of a poll that is backing off between retries
 * (the poll's request takes the signal), so that the little time a cancelled job has left goes to
 * cleaning up.
 */
export async function waitForFinalStatus<T extends { status: string }>(plan: WaitPlan<T>): Promise<WaitResult<T>> {
  const deadline = Date.now() + plan.timeoutMs
  let last: T | undefined
  let failedPolls = 0
  let expectedLogged = false
  for (;;) {
    if (plan.signal.aborted) throw new CancelledError(`waiting for ${plan.what}`)
    let snapshot: T | undefined
    try {
      snapshot = await plan.poll(plan.signal)
      failedPolls = 0
    } catch (error) {
      if (plan.signal.aborted) throw new CancelledError(`waiting for ${plan.what}`)
      if (plan.isExpected?.(error)) {
        // Logged once per wait, not once per poll.
        if (!expectedLogged) log.info(`${plan.what} is not visible in ${plan.service} yet (${log.outside(errorText(error))}); waiting for it to appear.`)
        expectedLogged = true
      } else {
        failedPolls++
        if (!(error instanceof ActionError && error.retryable) || failedPolls >= FAILED_POLLS_TOLERATED) throw error
        log.warning(`Poll ${failedPolls} of ${plan.what} failed (${error.message}); still waiting.`)
      }
    }
    if (snapshot) {
      if (snapshot.status !== last?.status) {
        log.info(plan.describe ? plan.describe(snapshot) : `${plan.what}: ${snapshot.status}`)
        await plan.onChange?.(snapshot)
      }
      last = snapshot
      if (plan.isFinal(snapshot.status)) return { outcome: 'final', last: snapshot }
    }
    const remaining = deadline - Date.now()
    if (remaining <= 0) {
      if (!last) throw new ActionError(`Timed out waiting for ${plan.what}: no status could be read`, { title: 'Timed out' })
      return { outcome: 'timeout', last }
    }
    try {
      await sleep(Math.min(plan.intervalMs, remaining), undefined, { signal: plan.signal })
    } catch {
      throw new CancelledError(`waiting for ${plan.what}`)
    }
  }
}

/** An error's message as a clause inside a log line: without its closing full stop. */
function errorText(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\.$/, '')
}
