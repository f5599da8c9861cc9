import * as log from '../log.js'
import { ActionError } from '../errors.js'
import { readJsonAnswer } from '../http/body.js'
import { send, type HttpResponse } from '../http/client.js'
import { apiUrl } from '../http/url.js'
import type { HarnessConnection } from '../settings/index.js'
import { HARNESS, harnessFailureTitle, harnessHint, harnessHttpError, harnessMessage } from './errors.js'
import { isSuccess } from '../http/failure.js'

export interface GraphQLRequest {
  /** A constant document; user values travel only in `variables`. */
  query: string
  operationName: string
  variables: Record<string, unknown>
  /** What the request does, for errors: "start the Harness pipeline 'Release'". */
  what: string
  /**
   * `idempotent` for queries (and mutations that can safely run twice); `once` for a mutation that
   * must never run twice: it is sent again only when Harness certainly did not run it.
   */
  retry: 'idempotent' | 'once'
  /** The permission Harness checks for it, as its UI names it ("Deployments: Read"), for a 403's hint. */
  permission: string
  /** Stops the request (and any retry wait) when the job is cancelled. */
  signal?: AbortSignal
}

interface GraphQLError {
  message?: unknown
  path?: unknown
}

interface GraphQLBody {
  data?: Record<string, unknown> | null
  errors?: GraphQLError[]
}

/** The FirstGen GraphQL endpoint; any path of a vanity or self-managed `harness-url` is kept. */
export function graphqlUrl(harness: HarnessConnection): URL {
  return apiUrl(harness.url, '/gateway/api/graphql', { accountId: harness.accountId })
}

/**
 * Sends one operation to Harness FirstGen and returns its `data`. Harness's own message ends up in
 * the error for every way it says no: an HTTP error status (401 bad key, 400 feature not enabled,
 * 429 rate limit, 5xx), a REST-style `responseMessages` body, or HTTP 200 with `errors`.
 */
export async function graphql<T>(harness: HarnessConnection, request: GraphQLRequest): Promise<T> {
  const response = await post(harness, request)
  if (!isSuccess(response.status)) throw await httpFailure(harness, request, response)
  return dataOf<T>(harness, request, await readJson(request, response))
}

function post(harness: HarnessConnection, request: GraphQLRequest): Promise<HttpResponse> {
  return send({
    method: 'POST',
    url: graphqlUrl(harness),
    what: request.what,
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    credentials: { 'x-api-key': harness.apiKey },
    body: JSON.stringify({ query: request.query, variables: request.variables, operationName: request.operationName }),
    retry: request.retry,
    signal: request.signal
  })
}

/** Whether Harness may have acted on a request it answered with this status. */
function mayHaveRun(status: number): boolean {
  return status === 408 || status >= 500
}

async function httpFailure(harness: HarnessConnection, request: GraphQLRequest, response: HttpResponse): Promise<ActionError> {
  const error = await harnessHttpError(request.what, response, { harness, permission: request.permission })
  if (request.retry === 'idempotent' || !mayHaveRun(response.status)) return error
  return notRetried(request, error.message, error)
}

/** The failure of a `once` request that Harness may have carried out: it must be checked, not re-sent. */
function notRetried(request: GraphQLRequest, message: string, cause?: unknown): ActionError {
  return new ActionError(`${message.replace(/\.$/, '')}. The request was not sent again: Harness may have carried it out anyway.`, {
    title: `Could not ${request.what}`,
    hint: 'Check in Harness whether it happened before re-running this job, or it may happen twice.',
    cause
  })
}

async function readJson(request: GraphQLRequest, response: HttpResponse): Promise<GraphQLBody> {
  try {
    return await readJsonAnswer(request.what, response, HARNESS)
  } catch (error) {
    if (request.retry === 'once' && error instanceof ActionError) throw notRetried(request, error.message, error)
    throw error
  }
}

/**
 * An error on a nested field (path longer than one) leaves the rest of the answer good: it is
 * reported as a warning, so that for example an execution that did start is still followed.
 * An error on the operation's own field, or one without a path (invalid query), fails.
 */
function dataOf<T>(harness: HarnessConnection, request: GraphQLRequest, body: GraphQLBody): T {
  const errors = Array.isArray(body.errors) ? body.errors : []
  const fatal = errors.filter(error => !Array.isArray(error.path) || error.path.length <= 1)
  if (!body.data || fatal.length > 0) {
    const message = harnessMessage({ errors: fatal.length > 0 ? fatal : errors }) ?? harnessMessage(body) ?? 'Harness answered without data'
    const refusal = refusalStatus(message)
    throw new ActionError(`Could not ${request.what}: ${message}`, {
      title: harnessFailureTitle(request.what, refusal ?? 200),
      hint: refusal ? harnessHint(refusal, { harness, permission: request.permission }) : errorHint(message)
    })
  }
  if (errors.length > 0) log.warning(`Harness reported a problem with part of its answer (${request.what}): ${harnessMessage({ errors })}`)
  return body.data as T
}

function errorHint(message: string): string | undefined {
  return /access is denied/i.test(message) ? 'Check the id, and that the API key can see the application it belongs to.' : undefined
}

/** FirstGen also says "no" with HTTP 200 and an error message; read as the status it stands for. */
function refusalStatus(message: string): 401 | 403 | undefined {
  if (/invalid api key|api key.*(expired|revoked|disabled)/i.test(message)) return 401
  if (/not authori[sz]ed|missing permission/i.test(message)) return 403
  return undefined
}
