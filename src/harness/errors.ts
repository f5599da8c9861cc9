import { ActionError } from '../errors.js'
import { readErrorText, type Service } from '../http/body.js'
import type { HttpResponse } from '../http/client.js'
import { parseJsonObject } from '../http/json.js'
import { outside } from '../log.js'

/** Harness, as advice about a wrong answer names it. */
export const HARNESS: Service = {
  name: 'Harness',
  inputs: "'harness-url' (the Harness address, such as https://app.harness.io, or your vanity URL) and 'harness-api-key'"
}

/**
 * Harness's own words from an error body. GraphQL answers carry `errors[].message`; the gateway
 * and NextGen answer with `message` and/or `responseMessages[].message`.
 */
export function harnessMessage(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined
  const { errors, message, responseMessages, code } = body as Record<string, unknown>
  const messages: string[] = []
  if (Array.isArray(errors)) messages.push(...errors.map(error => (error as { message?: unknown })?.message).filter(isText))
  if (isText(message)) messages.push(isText(code) ? `${code}: ${message}` : message)
  if (Array.isArray(responseMessages)) {
    // NextGen repeats its top-level message here; already shown with its code.
    const others = responseMessages.map(entry => (entry as { message?: unknown })?.message).filter(isText).filter(text => text !== message)
    messages.push(...others)
  }
  const unique = [...new Set(messages)]
  return unique.length > 0 ? unique.join('; ') : undefined
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== ''
}

const HINTS: Record<number, string> = {
  400: 'Check the identifiers and inputs sent; Harness rejected the request as malformed.',
  401: "Check that 'harness-api-key' is a current Harness API key (token) of account 'harness-account-id'.",
  403: "The API key's user or service account lacks the permission for this; check its role bindings in Harness.",
  404: "Check the identifiers ('harness-org', 'harness-project', pipeline, execution id) and the key's scope.",
  429: "Harness's rate limiter refused the request; spread runs out or raise 'poll-interval'."
}

/** Turns an unsuccessful Harness answer into one failure line: what failed, the HTTP status, Harness's message. */
export async function harnessHttpError(what: string, response: HttpResponse): Promise<ActionError> {
  const text = await readErrorText(response)
  const message = outside(harnessMessage(parseJsonObject(text)) ?? text.trim(), 300) || 'no message'
  return new ActionError(`Could not ${what}: Harness answered HTTP ${response.status}: ${message}`, {
    title: `Could not ${what}`,
    hint: HINTS[response.status] ?? (response.status >= 500 ? 'Harness had a server error; try again later.' : undefined),
    transient: response.status === 429 || response.status >= 500
  })
}
