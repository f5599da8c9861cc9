import type { ActionError } from '../errors.js'
import type { Service } from '../http/body.js'
import type { HttpResponse } from '../http/client.js'
import { accessTitle, responseFailure, type FailureHooks } from '../http/failure.js'
import { parseJsonObject } from '../http/json.js'

/** Harness, as advice about a wrong answer names it. */
export const HARNESS: Service = {
  name: 'Harness',
  inputs: "'harness-url' (the Harness address, such as https://app.harness.io, or your vanity URL) and 'harness-api-key'"
}
import type { HarnessConnection, NextGenScope } from '../settings/index.js'

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
    const others = responseMessages
      .map(entry => (entry as { message?: unknown })?.message)
      .filter(isText)
      .filter(text => text !== message)
    messages.push(...others)
  }
  const unique = [...new Set(messages)]
  return unique.length > 0 ? unique.join('; ') : undefined
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== ''
}

/** Who asked, so that a hint names the account by its value and only inputs of the generation used. */
export interface HarnessErrorContext {
  harness: HarnessConnection
  /** Set for NextGen requests: the organization and project they are scoped to. */
  scope?: NextGenScope
  /**
   * The Harness permission the request needs, as the Harness UI names it. NextGen checks
   * core_pipeline_execute to run and interrupt a pipeline and core_pipeline_view to read an
   * execution (harness-core, PipelineRbacPermissions); FirstGen grants application permissions
   * (Read, Execute Pipeline, Execute Workflow) to user groups.
   */
  permission: string
}

/** One line of advice for a Harness refusal, in terms of the generation that was used. */
export function harnessHint(status: number, context: HarnessErrorContext): string | undefined {
  const { harness, scope, permission } = context
  const account = `account '${harness.accountId}' ('harness-account-id')`
  switch (status) {
    case 400:
      return 'Check the identifiers and inputs sent; Harness rejected the request as malformed.'
    case 401:
      return `Check that 'harness-api-key' is a current Harness API key (not expired or revoked) of ${account}, and that the secret holds the whole key.`
    case 403:
      return scope
        ? `The API key's user or service account needs the ${permission} permission in project '${scope.project}' of organization '${scope.org}'; grant it with a role binding in Harness, or check that the key belongs to ${account}.`
        : `The API key's user group needs the ${permission} permission on the application; grant it in Harness (Access Management, user group permissions).`
    case 404:
      return scope
        ? `Check the identifiers: 'harness-org' '${scope.org}', 'harness-project' '${scope.project}', the pipeline or execution id, and that the key can see that project of ${account}.`
        : `Check 'harness-url' (${harness.url.href.replace(/\/$/, '')}): Harness FirstGen's GraphQL API is at <harness-url>/gateway/api/graphql, and ${account} must be a FirstGen account.`
    case 429:
      return "Harness's rate limiter refused the request; spread runs out or raise 'poll-interval'."
    default:
      return status >= 500 ? 'Harness had a server error; try again later.' : undefined
  }
}

/** An authentication or permission failure is titled so, whatever was asked. */
function harnessAccessTitle(status: number): string | undefined {
  return accessTitle(status, 'Harness', 'API key')
}

/** The title of a failure Harness answered with. */
export function harnessFailureTitle(what: string, status: number): string {
  return harnessAccessTitle(status) ?? `Could not ${what}`
}

/** Harness's hooks for the one response-to-failure helper. */
export function harnessFailureHooks(context: HarnessErrorContext): FailureHooks {
  return {
    who: 'Harness',
    message: text => harnessMessage(parseJsonObject(text)) ?? text,
    hint: status => harnessHint(status, context),
    title: status => harnessAccessTitle(status)
  }
}

/** Turns an unsuccessful Harness answer into one failure line: what failed, the HTTP status, Harness's message. */
export function harnessHttpError(what: string, response: HttpResponse, context: HarnessErrorContext): Promise<ActionError> {
  return responseFailure(what, response, harnessFailureHooks(context))
}
