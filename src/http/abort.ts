import { ActionError, CancelledError } from '../errors.js'
import { formatDuration } from '../summary.js'

// A step's work stops for two reasons, both carried by one AbortSignal: the runner cancels the job
// (SIGINT/SIGTERM, see main.ts) or the step's own `timeout` runs out. The signal's reason says which.

/** The reason a deadline gives its signal. */
export class DeadlineReached extends Error {
  constructor(
    readonly input: string,
    readonly ms: number
  ) {
    super(`'${input}' (${formatDuration(ms)}) ran out`)
    this.name = 'DeadlineReached'
  }
}

/** `parent` (the runner's cancel) combined with a deadline of `ms` named after its input. */
export function withDeadline(parent: AbortSignal, input: string, ms: number): { signal: AbortSignal; clear: () => void } {
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(new DeadlineReached(input, ms)), ms)
  timer.unref()
  return { signal: AbortSignal.any([parent, controller.signal]), clear: () => clearTimeout(timer) }
}

/**
 * The failure for work stopped by `signal`: a timeout naming its input, or a cancel.
 * `doing` completes "Timed out while …" ("downloading the artifacts of job 42"); `progress` is what had been done.
 */
export function stoppedFailure(signal: AbortSignal, doing: string, progress?: string): ActionError {
  const reason: unknown = signal.reason
  const done = progress ? ` (${progress})` : ''
  if (reason instanceof DeadlineReached) {
    return new ActionError(`Timed out after ${formatDuration(reason.ms)} while ${doing}${done}`, {
      title: 'Timed out',
      hint: `Raise '${reason.input}' if the step needs longer (it bounds the whole GitLab step), or check the connection to the server.`
    })
  }
  return new CancelledError(`${doing}${done}`)
}
