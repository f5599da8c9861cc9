import { Agent, ProxyAgent, request, type Dispatcher } from 'undici'
import type { IncomingHttpHeaders } from 'node:http'
import * as log from '../log.js'
import { ActionError } from '../errors.js'
import { stoppedFailure } from './abort.js'
import { announceProxy, displayProxy, proxyFor } from './proxy.js'
import { tlsFailure } from './tls.js'
import { networkHint } from './network-hint.js'
import { displayUrl, warnIfCredentialInClear } from './url.js'
import {
  DEFAULT_RETRY_POLICY,
  errorCode,
  isNetworkError,
  isRetryableStatus,
  neverReachedServer,
  retrying,
  serverRequestedDelayMs,
  type RetryPolicy
} from './retry.js'

const AGENT_OPTIONS = {
  keepAliveTimeout: 60_000,
  connect: { timeout: 30_000 },
  headersTimeout: 120_000,
  bodyTimeout: 300_000
}

// One keep-alive pool for the whole run: polls and lookups reuse their connection.
const direct = new Agent(AGENT_OPTIONS)
const throughProxy = new Map<string, ProxyAgent>()

/**
 * The proxy (HTTPS_PROXY/HTTP_PROXY/NO_PROXY, see proxy.ts) or direct pool for one hop, chosen
 * per URL so that a redirect to object storage follows NO_PROXY for the storage host.
 * https targets go through a CONNECT tunnel (TLS end to end: the proxy sees only the host name);
 * http targets as absolute-URI requests (`proxyTunnel: false`), which every forward proxy serves,
 * where many refuse CONNECT to ports other than 443.
 */
function dispatcherFor(url: URL): Dispatcher {
  const proxy = proxyFor(url)
  if (!proxy) return direct
  announceProxy(proxy)
  let agent = throughProxy.get(proxy.href)
  if (!agent) {
    agent = new ProxyAgent({ ...AGENT_OPTIONS, uri: proxy.href, proxyTunnel: false })
    throughProxy.set(proxy.href, agent)
  }
  return agent
}

export interface HttpRequest {
  method: Dispatcher.HttpMethod
  url: URL
  /** What the request does, for log lines and errors ("start the Harness execution"). */
  what: string
  headers?: Record<string, string>
  /** Sent to the origin of `url` only, never to another origin a redirect leads to. */
  credentials?: Record<string, string>
  body?: string | Buffer
  /**
   * `idempotent`: may be sent again after network errors, 429 and 5xx.
   * `once`: starts something; sent again only when it certainly never left this machine.
   */
  retry: 'idempotent' | 'once'
  /** Redirect hops to follow; 0 returns a redirect as the response. */
  maxRedirects?: number
  /** Stops the request (waiting for headers, its body, a retry's back-off): a cancel or a deadline. */
  signal?: AbortSignal
  /** Longest wait for the next bytes of the body (a stalled download); the pool's default otherwise. */
  bodyTimeoutMs?: number
}

export interface HttpResponse {
  status: number
  headers: IncomingHttpHeaders
  body: Dispatcher.ResponseData['body']
  /** Where the response came from, after redirects. */
  url: URL
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308])
const DEFAULT_MAX_REDIRECTS = 5

export function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()]
  return Array.isArray(value) ? value[0] : value
}

/** A hop that failed, with the URL it went to (a TLS failure names the host it happened with). */
class HopFailed extends Error {
  constructor(
    readonly url: URL,
    cause: unknown
  ) {
    super(cause instanceof Error ? cause.message : String(cause), { cause })
  }
}

async function sendOnce(req: HttpRequest): Promise<HttpResponse> {
  let url = req.url
  let method = req.method
  let body = req.body
  const maxRedirects = req.maxRedirects ?? DEFAULT_MAX_REDIRECTS
  for (let hop = 0; ; hop++) {
    const sameOrigin = url.origin === req.url.origin
    const headers = { ...req.headers, ...(sameOrigin ? req.credentials : {}) }
    const options = { method, headers, body, dispatcher: dispatcherFor(url), signal: req.signal, bodyTimeout: req.bodyTimeoutMs }
    const response = await request(url, options).catch(error => Promise.reject(new HopFailed(url, error)))
    const location = header(response.headers, 'location')
    if (!REDIRECT_STATUSES.has(response.statusCode) || !location || maxRedirects === 0) {
      return { status: response.statusCode, headers: response.headers, body: response.body, url }
    }
    await response.body.dump()
    if (hop >= maxRedirects) {
      throw new ActionError(`Could not ${req.what}: more than ${maxRedirects} redirects (last to ${displayUrl(new URL(location, url))})`)
    }
    url = new URL(location, url)
    // The target of a redirect may be a signed storage URL: its query string is a credential.
    log.info(`Redirected to ${displayUrl(url)}${url.origin === req.url.origin ? '' : ' (credentials are not sent there)'}`)
    if (response.statusCode === 303 || (method === 'POST' && response.statusCode !== 307 && response.statusCode !== 308)) {
      method = 'GET'
      body = undefined
    }
  }
}

/**
 * Sends a request with the retry rules for its kind and redirects followed by hand
 * (undici, fetch and @actions/http-client would carry custom credential headers to another host).
 * The caller reads or dumps the body, and turns an unsuccessful status into its service's message.
 */
export function send(req: HttpRequest, policy: RetryPolicy = DEFAULT_RETRY_POLICY): Promise<HttpResponse> {
  return sendAndRead(req, response => Promise.resolve(response), policy)
}

/**
 * A body cut mid-way (fewer bytes than announced, or none for too long): an idempotent request is
 * sent again, from the same attempts as a failure before the headers.
 */
export class BodyCut extends Error {}

/** An error raised while the caller read an answer, kept apart from the request's own failures. */
class WhileReading extends Error {
  constructor(readonly error: unknown) {
    super(error instanceof Error ? error.message : String(error), { cause: error })
  }
}

/**
 * Sends a request and reads its answer with `read` within one attempt, so that a body cut mid-way
 * is retried by the same loop, from the same attempts (RETRY_BUDGET), as a failure before the
 * headers: a download never multiplies its attempts. `read` gets every answer that needs no retry
 * (and the last one whatever its status); what it throws reaches the caller as it is. Only an
 * idempotent request is read again, after a network error or a BodyCut, never after a cancel, nor
 * after an ActionError (a verdict already fit for the user, such as the service's refusal).
 */
export async function sendAndRead<T>(req: HttpRequest, read: (response: HttpResponse) => Promise<T>, policy: RetryPolicy = DEFAULT_RETRY_POLICY): Promise<T> {
  if (req.credentials) warnIfCredentialInClear(req.url)
  log.debug(`${req.method} ${displayUrl(req.url)}`)
  const retryStatus = (response: HttpResponse): { reason: string; delayMs?: number } | undefined =>
    req.retry === 'idempotent' && isRetryableStatus(response.status)
      ? { reason: `HTTP ${response.status}`, delayMs: serverRequestedDelayMs(response.status, response.headers) }
      : undefined
  const readAgain = (error: unknown): boolean =>
    req.retry === 'idempotent' && !req.signal?.aborted && !(error instanceof ActionError) && (isNetworkError(error) || error instanceof BodyCut)
  try {
    const attempted = await retrying<{ retry: HttpResponse } | { value: T }>(
      {
        what: `Could not ${req.what}`,
        run: async attempt => {
          const response = await sendOnce(req)
          if (attempt < policy.attempts && retryStatus(response)) return { retry: response }
          try {
            return { value: await read(response) }
          } catch (error) {
            throw new WhileReading(error)
          }
        },
        retryReason: attempted => ('retry' in attempted ? retryStatus(attempted.retry) : undefined),
        retryableError: error =>
          error instanceof WhileReading ? readAgain(error.error) : req.retry === 'idempotent' ? isNetworkError(error) : neverReachedServer(error),
        discard: attempted => ('retry' in attempted ? attempted.retry.body.dump() : Promise.resolve()),
        signal: req.signal
      },
      policy
    )
    // Only an answer that asked for a retry comes back unread, and never on the last attempt.
    if ('retry' in attempted) throw new Error(`Unread answer to: ${req.what}`)
    return attempted.value
  } catch (error) {
    if (error instanceof WhileReading) throw error.error
    throw networkFailure(req, error)
  }
}

function networkFailure(req: HttpRequest, error: unknown): Error {
  if (error instanceof ActionError) return error
  if (req.signal?.aborted) return stoppedFailure(req.signal, `trying to ${req.what}`)
  const tls = tlsFailure(req.what, error instanceof HopFailed ? error.url : req.url, error)
  if (tls) return tls
  const code = errorCode(error)
  const reason = code ?? (error instanceof Error ? error.message : String(error))
  const mayHaveArrived = req.retry === 'once' && !neverReachedServer(error)
  const proxy = proxyFor(error instanceof HopFailed ? error.url : req.url)
  const throughProxy = proxy
    ? `The request went through the proxy ${displayProxy(proxy)} (from HTTPS_PROXY/HTTP_PROXY): check its address and credentials, or list the host in NO_PROXY.`
    : undefined
  return new ActionError(`Could not ${req.what} (${req.method} ${displayUrl(req.url)}): ${reason}`, {
    title: `Could not ${req.what}`,
    retryable: isNetworkError(error),
    hint:
      [
        mayHaveArrived
          ? 'The request may have reached the server, so it was not sent again (that could start it twice). Check the server before re-running.'
          : networkHint(req.url, code),
        throughProxy
      ]
        .filter(Boolean)
        .join(' ') || undefined,
    cause: error
  })
}
