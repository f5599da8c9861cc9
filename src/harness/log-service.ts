// The end of one step's log, from Harness's log service behind the gateway. Checked against
// harness-core product/log-service (handler/handler.go, middleware.go, helper.go, stream/stream.go
// at vigneswara-propelo/harness-core 1dcec145) and its clients: harness/mcp-server sends `x-api-key`
// with `accountID` to <harness>/gateway/log-service (harness-client.ts, log-resolver.ts), and
// harness/harness-cli reads `GET /gateway/log-service/blob?accountID&key` line by line (log_stream.go).
//
// - `GET <harness-url>/gateway/log-service/blob?accountID=<account>&key=<log key>` with the API key
//   as `x-api-key` (AuthMiddleware accepts it, validated for the account) answers the step's log as
//   NDJSON, one `{"level","pos","out","time","args"}` object per line, once the step has ended.
// - Errors are `{"error_msg": …}` (helper.go writeError): 404 for a key with no log (the step
//   never ran, or its log has expired), 403 for a key the service will not accept, 400 for a
//   missing account. The CLI reads `{"message"}`; both are understood.
// The zip download (`POST …/blob/download`) is not used: it answers a link to object storage,
// and the API key must never go anywhere but Harness.

import { ActionError } from '../errors.js'
import { BodyCut, sendAndRead, type HttpResponse } from '../http/client.js'
import { isWebPage, readErrorText } from '../http/body.js'
import { isSuccess } from '../http/failure.js'
import { parseJsonObject } from '../http/json.js'
import { apiUrl } from '../http/url.js'
import type { HarnessConnection } from '../settings/index.js'

/** Longest line kept: a log line of megabytes (a dumped file) is cut, so that memory stays bounded by lines × this. */
export const MAX_LOG_LINE_CHARS = 4096

/** Most of a log read to find its end: beyond this the tail shown is the end of what was read, and says so. */
export const MAX_LOG_BYTES = 256 * 1024 * 1024

export interface LogTail {
  lines: string[]
  /** The log went on past MAX_LOG_BYTES: `lines` end where the reading stopped. */
  cut: boolean
  /** Lines in the log (those read). */
  total: number
}

/** The log service would not give the log: its status and its own words. */
export class LogUnavailable extends Error {
  constructor(
    readonly status: number,
    readonly serviceMessage: string
  ) {
    super(`the log service answered HTTP ${status}${serviceMessage ? `: ${serviceMessage}` : ''}`)
  }
}

/** Keeps the last `max` lines of a stream of text, and counts them; memory is `max` lines at most. */
class Tail {
  private readonly ring: string[] = []
  private pending = ''
  total = 0

  constructor(private readonly max: number) {}

  push(chunk: string): void {
    const parts = (this.pending + chunk).split('\n')
    this.pending = parts.pop() ?? ''
    // A line with no end in sight is cut where the cap is, so that `pending` stays bounded too.
    if (this.pending.length > MAX_LOG_LINE_CHARS) this.pending = this.pending.slice(0, MAX_LOG_LINE_CHARS)
    for (const part of parts) this.keep(part)
  }

  end(): string[] {
    if (this.pending !== '') this.keep(this.pending)
    this.pending = ''
    return this.ring
  }

  private keep(line: string): void {
    this.total++
    this.ring.push(line.length > MAX_LOG_LINE_CHARS ? line.slice(0, MAX_LOG_LINE_CHARS) : line)
    if (this.ring.length > this.max) this.ring.shift()
  }
}

/**
 * The text of one log line: the `out` of an NDJSON line (without its line end), or the line as it
 * is when it is not one (an older or proxied log stored as plain text).
 */
export function logLineText(line: string): string {
  const trimmed = line.replace(/\r$/, '')
  if (trimmed.startsWith('{')) {
    const parsed = parseJsonObject(trimmed) as { out?: unknown } | undefined
    if (parsed && typeof parsed.out === 'string') return parsed.out.replace(/\r?\n$/, '')
  }
  return trimmed
}

/** The last `maxLines` lines of the log stored under `key`, read as a stream (the whole log is never held). */
export async function readLogTail(harness: HarnessConnection, key: string, maxLines: number, signal?: AbortSignal): Promise<LogTail> {
  const what = 'read the step log from the Harness log service'
  return sendAndRead(
    {
      method: 'GET',
      url: apiUrl(harness.url, '/gateway/log-service/blob', { accountID: harness.accountId, key }),
      what,
      headers: { accept: 'application/x-ndjson, application/json, text/plain' },
      credentials: { 'x-api-key': harness.apiKey },
      retry: 'idempotent',
      signal
    },
    response => tailOf(response, maxLines)
  )
}

async function tailOf(response: HttpResponse, maxLines: number): Promise<LogTail> {
  if (!isSuccess(response.status)) throw new LogUnavailable(response.status, logServiceMessage(await readErrorText(response)))
  if (isWebPage(response)) {
    await response.body.dump().catch(() => undefined)
    throw new LogUnavailable(response.status, 'a web page came instead of the log (a login or proxy page?)')
  }
  const tail = new Tail(maxLines)
  const decoder = new TextDecoder()
  let bytes = 0
  try {
    for await (const chunk of response.body as AsyncIterable<Buffer>) {
      bytes += chunk.length
      tail.push(decoder.decode(chunk, { stream: true }))
      // Leaving the loop destroys the body, which closes its connection.
      if (bytes >= MAX_LOG_BYTES) return { lines: tail.end().map(logLineText), cut: true, total: tail.total }
    }
  } catch (error) {
    // A log cut mid-way is read again from its start (the request is a read).
    if (error instanceof ActionError) throw error
    throw new BodyCut(error instanceof Error ? error.message : String(error), { cause: error })
  }
  tail.push(decoder.decode())
  return { lines: tail.end().map(logLineText), cut: false, total: tail.total }
}

/** The log service's words from an error body: `{"error_msg"}` (the service), `{"message"}` (what the CLI expects), or short text. */
export function logServiceMessage(body: string): string {
  const parsed = parseJsonObject(body) as { error_msg?: unknown; message?: unknown } | undefined
  const message = parsed?.error_msg ?? parsed?.message
  if (typeof message === 'string') return message.trim()
  return parsed ? '' : body.trim().split('\n')[0].slice(0, 200)
}
