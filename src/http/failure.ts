import { ActionError } from '../errors.js'
import { outside } from '../log.js'
import { readErrorText } from './body.js'
import type { HttpResponse } from './client.js'
import { isRetryableStatus } from './retry.js'

/** The one success rule for every service: any 2xx. A caller that needs one status exactly says so. */
export function isSuccess(status: number): boolean {
  return status >= 200 && status <= 299
}

/**
 * The title of a 401 or 403, named for what it is whatever was asked: "<service> did not accept
 * the <credential>", "<service> refused: missing permission"; undefined for other statuses.
 */
export function accessTitle(status: number, service: string, credential: string): string | undefined {
  if (status === 401) return `${service} did not accept the ${credential}`
  if (status === 403) return `${service} refused: missing permission`
  return undefined
}

/** How one service (Harness, GitLab, object storage) names itself, reads its refusals and advises on them. */
export interface FailureHooks {
  /** Who answered, as the failure line names it: "Harness", "GitLab", "the storage host … GitLab redirected to". */
  who: string
  /** The service's own words from an error body, or undefined when it has none. */
  message(text: string): string | undefined
  /** One line of advice for this status, if there is one. */
  hint(status: number): string | undefined
  /** The annotation title, when not "Could not <what>" (401 and 403 are named for what they are). */
  title?(status: number): string | undefined
}

/**
 * The one way an unsuccessful answer becomes a failure: what failed, who answered with which
 * status, the service's own message (cut like any outside text), a hint, and whether a later
 * attempt is worth making (`retryable`, the retry rule's statuses).
 */
export async function responseFailure(what: string, response: HttpResponse, hooks: FailureHooks): Promise<ActionError> {
  const text = await readErrorText(response)
  const message = outside(hooks.message(text)?.trim() ?? '') || 'no message'
  return new ActionError(`Could not ${what}: ${hooks.who} answered HTTP ${response.status}: ${message}`, {
    title: hooks.title?.(response.status) ?? `Could not ${what}`,
    hint: hooks.hint(response.status),
    retryable: isRetryableStatus(response.status)
  })
}
