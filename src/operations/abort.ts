import * as log from '../log.js'
import type { AbortPolicy } from '../settings/index.js'

/** Why an execution is about to be left: the wait ran out, or the runner cancelled the job. */
export type AbortReason = 'timeout' | 'cancel'

export interface AbortTarget {
  /** "Harness execution abc", for log lines. */
  what: string
  /** The execution's page, to abort it by hand when the step could not. */
  url?: string
  /** The interrupt as Harness names it: AbortAll (NextGen), ABORT_ALL (FirstGen). */
  interrupt: string
  /** The permission Harness checks for the interrupt, named in the warning when Harness refuses it. */
  permission: string
  /** Sends the interrupt; sent once, never retried once it may have reached Harness. */
  send: () => Promise<void>
}

const INPUT: Record<AbortReason, string> = { timeout: 'abort-on-timeout', cancel: 'abort-on-cancel' }
const WHY: Record<AbortReason, string> = { timeout: 'The wait timed out', cancel: 'The job was cancelled' }

/**
 * The one place that decides whether an execution is aborted, and aborts it at most once per step,
 * whichever of timeout and cancel comes first. Returns a note for the failure message and summary.
 */
export class ExecutionAborter {
  private outcome?: Promise<string>

  constructor(
    private readonly policy: AbortPolicy,
    private readonly target: AbortTarget
  ) {}

  abort(reason: AbortReason): Promise<string> {
    this.outcome ??= this.decide(reason)
    return this.outcome
  }

  private async decide(reason: AbortReason): Promise<string> {
    const { what, url, interrupt } = this.target
    const where = url ? `: ${url}` : ''
    const allowed = reason === 'timeout' ? this.policy.onTimeout : this.policy.onCancel
    if (!allowed) {
      log.info(`${WHY[reason]}; ${INPUT[reason]} is false, so ${what} keeps running in Harness${where}`)
      return `it keeps running in Harness (${INPUT[reason]} is false)`
    }
    log.info(`${WHY[reason]}: sending ${interrupt} to ${what}.`)
    try {
      await this.target.send()
      log.info(`Harness accepted ${interrupt}: ${what} is being aborted.`)
      return `${interrupt} was sent to Harness`
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      // A warning, not an error: the step already fails for the timeout or the cancel.
      log.warning(`${message}. Aborting needs ${this.target.permission}; abort it by hand in Harness${where}`, {
        title: 'Could not abort the Harness execution'
      })
      return `it could not be aborted (${message}); abort it by hand in Harness`
    }
  }
}
