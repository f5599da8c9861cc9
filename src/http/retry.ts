import * as log from '../log.js'
import { setTimeout as sleep } from 'node:timers/promises'
import type { IncomingHttpHeaders } from 'node:http'

export interface RetryPolicy {
  /** Total attempts, the first included. */
  attempts: number
  baseDelayMs: number
  maxDelayMs: number
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { attempts: 5, baseDelayMs: 1000, maxDelayMs: 20_000 }

/** A server's own wait request is honoured up to this; a longer one would stall a release for nothing. */
const MAX_SERVER_DELAY_MS = 120_000

/** Failed polls in a row (each already retried as a request) that a wait for a final status survives. */
export const FAILED_POLLS_TOLERATED = 3

/**
 * Every retry there is, and its worst case. There is one loop (`retrying`, below); send() and
 * sendAndRead() in client.ts run each request through it, a download's body included, and a wait
 * counts failed polls on top. Each attempt is bounded by the connection pool's timeouts in
 * client.ts: 30 s to connect, 120 s for the headers, 300 s (or `stall-timeout`) without a byte of body.
 *
 * | what                                  | attempts                                   | waits between attempts                                  | worst case                                                     |
 * |---------------------------------------|--------------------------------------------|---------------------------------------------------------|----------------------------------------------------------------|
 * | a read (`retry: 'idempotent'`)        | 5: network error, 408, 429, 5xx            | backoff ≤ 1+2+4+8 s, or Retry-After up to 120 s each    | 5 attempts + 4 × 120 s = 8 min of waiting                      |
 * | a start (`retry: 'once'`)             | 5, only while it certainly never left      | backoff ≤ 1+2+4+8 s                                     | 5 connection attempts + 15 s; never sent twice                 |
 * | a download (body included)            | the same 5: a body cut mid-way is one      | as a read                                               | as a read; no loop around it multiplies the 5                  |
 * | a poll of a wait                      | a read, then 3 failed polls in a row       | `poll-interval` between polls                           | 3 × 5 = 15 requests, 3 × 8 min of waiting; the wait's `timeout` is checked between polls |
 * | a GitHub deployment call (Octokit)    | 3 (its own policy, github/deployments.ts)  | backoff ≤ 1+2 s                                         | 3 × 20 s + 3 s; GitHub trouble only warns                      |
 */
export const RETRY_BUDGET = {
  request: DEFAULT_RETRY_POLICY,
  serverDelayCapMs: MAX_SERVER_DELAY_MS,
  failedPollsTolerated: FAILED_POLLS_TOLERATED
} as const

const RETRYABLE_STATUSES = new Set([408, 429, 500, 502, 503, 504])

export function isRetryableStatus(status: number): boolean {
  return RETRYABLE_STATUSES.has(status)
}

// Errors that happen before a request is written: retrying them cannot repeat a request.
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT'])
// Errors after which the server may or may not have seen the request.
const IN_FLIGHT_CODES = new Set([
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
  'ERR_STREAM_PREMATURE_CLOSE'
])

// Duck-typed rather than `instanceof Error`: errors raised by Node's own sockets may come from another realm.
export function errorCode(error: unknown): string | undefined {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined; e && typeof e === 'object'; e = e.cause as typeof e) {
    const code = e.code
    if (typeof code === 'string' && (NOT_SENT_CODES.has(code) || IN_FLIGHT_CODES.has(code))) return code
  }
  return undefined
}

export function isNetworkError(error: unknown): boolean {
  return errorCode(error) !== undefined
}

export function neverReachedServer(error: unknown): boolean {
  const code = errorCode(error)
  return code !== undefined && NOT_SENT_CODES.has(code)
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name]
  return Array.isArray(value) ? value[0] : value
}

/**
 * How long the server asked us to wait, if it did: Retry-After (seconds or a date), or on a 429
 * GitLab's RateLimit-Reset (a Unix time it also sends on ordinary answers).
 */
export function serverRequestedDelayMs(status: number, headers: IncomingHttpHeaders, now = Date.now()): number | undefined {
  const retryAfter = headerValue(headers, 'retry-after')?.trim()
  if (retryAfter) {
    if (/^\d+(\.\d+)?$/.test(retryAfter)) return Math.min(Number(retryAfter) * 1000, MAX_SERVER_DELAY_MS)
    const date = Date.parse(retryAfter)
    if (!Number.isNaN(date)) return Math.min(Math.max(date - now, 0), MAX_SERVER_DELAY_MS)
  }
  const reset = status === 429 ? headerValue(headers, 'ratelimit-reset')?.trim() : undefined
  if (reset && /^\d+$/.test(reset)) return Math.min(Math.max(Number(reset) * 1000 - now, 0), MAX_SERVER_DELAY_MS)
  return undefined
}

/** Exponential backoff with jitter, so that many runners that failed together do not retry together. */
export function backoffDelayMs(attempt: number, policy: RetryPolicy): number {
  const ceiling = Math.min(policy.baseDelayMs * 2 ** (attempt - 1), policy.maxDelayMs)
  return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2)
}

export interface RetryPlan<T> {
  /** What is being attempted, for log lines ("poll execution abc"). */
  what: string
  run: (attempt: number) => Promise<T>
  /** For a result that should be tried again: a short reason and the server's requested delay. */
  retryReason: (result: T) => { reason: string; delayMs?: number } | undefined
  /** Whether a thrown error may be retried. */
  retryableError: (error: unknown) => boolean
  /** Releases a result that is being given up for another attempt (e.g. drains its body). */
  discard?: (result: T) => Promise<void>
  /** Ends a back-off at once (a cancel or a deadline): the wait rejects with the signal's reason. */
  signal?: AbortSignal
}

/**
 * Runs an attempt until it gives a result that needs no retry, or attempts run out.
 * A result still asking for a retry on the last attempt is returned as is, for the caller
 * to report with the server's own message; an error is rethrown.
 */
export async function retrying<T>(plan: RetryPlan<T>, policy: RetryPolicy = DEFAULT_RETRY_POLICY): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const last = attempt >= policy.attempts
    let reason: string
    let delayMs: number | undefined
    try {
      const result = await plan.run(attempt)
      const retry = last ? undefined : plan.retryReason(result)
      if (!retry) return result
      await plan.discard?.(result)
      reason = retry.reason
      delayMs = retry.delayMs
    } catch (error) {
      if (last || !plan.retryableError(error)) throw error
      reason = errorCode(error) ?? (error instanceof Error ? error.message : String(error))
    }
    const wait = delayMs ?? backoffDelayMs(attempt, policy)
    log.info(`${plan.what}: ${reason}; retrying in ${(wait / 1000).toFixed(1)}s (attempt ${attempt + 1} of ${policy.attempts})`)
    await sleep(wait, undefined, { signal: plan.signal })
  }
}
