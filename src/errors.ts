/** Bad or inconsistent input: reported as one line naming the input, before any request. */
export class InputError extends Error {
  constructor(
    readonly input: string,
    expectation: string
  ) {
    super(`Input '${input}' ${expectation}`)
    this.name = 'InputError'
  }
}

export interface ActionErrorOptions {
  /** Short annotation title: what failed. */
  title?: string
  /** One line of advice for the user. */
  hint?: string
  /** Worth another attempt: network trouble, or a status the retry rule retries (429, 5xx). */
  retryable?: boolean
  cause?: unknown
}

/** A failure whose message is already fit to show a user: what failed and why. */
export class ActionError extends Error {
  readonly title?: string
  readonly hint?: string
  readonly retryable: boolean

  constructor(message: string, options: ActionErrorOptions = {}) {
    super(message, { cause: options.cause })
    this.name = 'ActionError'
    this.title = options.title
    this.hint = options.hint
    this.retryable = options.retryable ?? false
  }
}

/** The job was cancelled (SIGINT/SIGTERM from the runner) while the action was working. */
export class CancelledError extends ActionError {
  constructor(what: string) {
    super(`Cancelled while ${what}`, { title: 'Cancelled' })
    this.name = 'CancelledError'
  }
}
