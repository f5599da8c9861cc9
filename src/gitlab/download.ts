import * as log from '../log.js'
import { createHash, randomUUID } from 'node:crypto'
import { closeSync, openSync, writeSync, writevSync } from 'node:fs'
import { mkdir, rename, rm } from 'node:fs/promises'
import path from 'node:path'
import { ActionError } from '../errors.js'
import { stoppedFailure } from '../http/abort.js'
import { isWebPage, webPageFailure } from '../http/body.js'
import { BodyCut, header, sendAndRead, type HttpRequest, type HttpResponse } from '../http/client.js'
import { outside } from '../log.js'
import { formatDuration } from '../summary.js'
import { GITLAB } from './errors.js'
import { DEFAULT_RETRY_POLICY, errorCode, isNetworkError, type RetryPolicy } from '../http/retry.js'
import { networkHint } from '../http/network-hint.js'
import { dispositionFileName, safeFileName } from './file-name.js'
import { releasingMemory } from './memory.js'
import { formatBytes, formatRate, startProgress } from './progress.js'
import { isSuccess } from '../http/failure.js'

/**
 * Received chunks are written in batches of this size, synchronously: fs.WriteStream, which hands
 * each write to the thread pool, was slower, and bigger batches stalled the socket for longer.
 * The kernel keeps receiving into the socket's buffer while a batch is written. Batches written
 * through the thread pool, four in flight, were ~4% faster but peaked ~4 MiB higher (`npm run
 * bench`, 1 GiB): not worth it. What separates a 1 GiB download from curl's time on loopback
 * (BENCHMARKS.md) is the SHA-256 and Node's cost per socket read.
 */
const WRITE_BATCH_BYTES = 512 * 1024

/** Writes every byte of `chunks` at the file's position (writev may write less than asked). */
function writeAll(fd: number, chunks: Buffer[], length: number): void {
  if (length === 0) return
  const written = writevSync(fd, chunks)
  if (written === length) return
  const rest = Buffer.concat(chunks).subarray(written)
  for (let offset = 0; offset < rest.length;) offset += writeSync(fd, rest, offset)
}

export interface DownloadRequest {
  /** A GET with `retry: 'idempotent'`; its credentials stay on its own origin through redirects. */
  request: HttpRequest
  /** Folder the file is saved in (created if missing). */
  folder: string
  /**
   * Name to save under when the server suggests none in Content-Disposition; `temporary` keeps
   * the hidden temporary file for the caller to read and remove (an archive to extract).
   */
  saveAs: { fallbackName: string } | 'temporary'
  /** Turns an unsuccessful answer into the service's own error. */
  failure: (response: HttpResponse) => Promise<ActionError>
  /** What the body should be, for the error when a web page comes instead ("the artifacts archive"). */
  expected: string
  /** A web page is a fine answer (the file asked for is one); otherwise it is a login or proxy page. */
  webPageExpected?: boolean
  /** The longest wait for the next bytes of the body before the attempt counts as cut. */
  stallMs: number
  /** A cancel or the step's deadline: stops the request, the body, a back-off. */
  /**
   * Whether this answer's ETag is, by its server's own definition, the SHA-256 of the body; only
   * then is it compared with the bytes received. Absent: never (most ETags are opaque).
   */
  etagIsBodySha256?: (response: HttpResponse) => boolean
  signal?: AbortSignal
  policy?: RetryPolicy
}

export interface DownloadedFile {
  /** Absolute path of the complete file. */
  file: string
  bytes: number
  sha256: string
}

/**
 * The SHA-256 a strong ETag of 64 hex digits carries. A weak ETag (`W/"…"`) promises only an
 * equivalent body, not the same bytes (RFC 9110 §8.8.1), so it is never one. Whether a 64-hex
 * ETag is the body's hash at all is for the caller to say (etagIsBodySha256).
 */
export function etagSha256(etag: string | undefined): string | undefined {
  const value = etag?.trim()
  if (!value || value.startsWith('W/')) return undefined
  const digits = value.replace(/^"|"$/g, '')
  return /^[0-9a-f]{64}$/i.test(digits) ? digits.toLowerCase() : undefined
}

function contentLength(response: HttpResponse): number | undefined {
  const value = header(response.headers, 'content-length')
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined
}

interface Attempt {
  name: string | undefined
  bytes: number
  sha256: string
}

/** "1.2 MiB of 3 MiB": how much of a body had arrived, for a failure. */
function received(bytes: number, expected: number | undefined): string {
  return `received ${formatBytes(bytes)}${expected === undefined ? '' : ` of ${formatBytes(expected)}`}`
}

/** Streams the body into the open file: hashed, counted and written in the same pass. */
async function receive(
  download: DownloadRequest,
  response: HttpResponse,
  fd: number,
  expected: number | undefined
): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash('sha256')
  const release = releasingMemory()
  let bytes = 0
  let reported = 0
  const stopProgress = startProgress(sinceLastMs => {
    const part = expected ? ` of ${formatBytes(expected)} (${Math.floor((bytes / expected) * 100)}%)` : ''
    const line = `Received ${formatBytes(bytes)}${part} at ${formatRate(bytes - reported, sinceLastMs)}`
    reported = bytes
    return line
  })
  try {
    let batch: Buffer[] = []
    let batched = 0
    for await (const chunk of response.body as AsyncIterable<Buffer>) {
      hash.update(chunk)
      bytes += chunk.length
      release(chunk.length)
      batch.push(chunk)
      batched += chunk.length
      if (batched >= WRITE_BATCH_BYTES) {
        writeAll(fd, batch, batched)
        batch = []
        batched = 0
      }
    }
    writeAll(fd, batch, batched)
  } catch (error) {
    // The request's signal destroys the body on a cancel or the deadline.
    if (download.signal?.aborted) throw stoppedFailure(download.signal, `trying to ${download.request.what}`, received(bytes, expected))
    if (errorCode(error) === 'UND_ERR_BODY_TIMEOUT') {
      throw new BodyCut(`no data arrived for ${formatDuration(download.stallMs)} ('stall-timeout'); ${received(bytes, expected)}`)
    }
    throw error
  } finally {
    stopProgress()
  }
  return { bytes, sha256: hash.digest('hex') }
}

/**
 * A successful answer that is not the file: a login or proxy page, or a body in a content coding
 * (gzip, br) that would be saved still encoded; only `identity` was asked for.
 */
function refuseWrongContent(download: DownloadRequest, response: HttpResponse): void {
  const { what } = download.request
  if (isWebPage(response) && !download.webPageExpected) throw webPageFailure(what, response, download.expected, GITLAB)
  const coding = header(response.headers, 'content-encoding')?.trim().toLowerCase()
  if (coding && coding !== 'identity') {
    throw new ActionError(
      `Could not ${what}: ${response.url.host} sent the body encoded as '${outside(coding)}', though only the plain bytes were asked for (Accept-Encoding: identity); nothing was saved`,
      {
        title: `Could not ${what}`,
        hint: 'A proxy or server configuration re-encodes downloads; exempt this host from it (or from the proxy with NO_PROXY).'
      }
    )
  }
}

/** One answer read: `temp` truncated, the status and content checked, the body received and checked. */
async function receiveInto(download: DownloadRequest, temp: string, response: HttpResponse): Promise<Attempt> {
  if (!isSuccess(response.status)) throw await download.failure(response)
  try {
    refuseWrongContent(download, response)
  } catch (error) {
    await response.body.dump().catch(() => undefined)
    throw error
  }
  // Opened without an await between the answer and reading its body: a body that fails while
  // nothing listens would be an unhandled stream error.
  const fd = openSync(temp, 'w')
  try {
    const expected = contentLength(response)
    const started = Date.now()
    const { bytes, sha256 } = await receive(download, response, fd, expected)
    if (expected !== undefined && bytes !== expected) {
      throw new BodyCut(`the connection ended after ${bytes} of the ${expected} bytes announced`)
    }
    const announced = download.etagIsBodySha256?.(response) ? etagSha256(header(response.headers, 'etag')) : undefined
    if (announced !== undefined && announced !== sha256) {
      throw new ActionError(`Could not ${download.request.what}: the data received has SHA-256 ${sha256}, but the server's ETag says ${announced}`, {
        title: 'Download failed its integrity check',
        hint: 'The bytes were damaged on the way or the server sent something else; nothing was saved. Run the step again.'
      })
    }
    const elapsed = Date.now() - started
    log.info(`Received ${formatBytes(bytes)} in ${(elapsed / 1000).toFixed(1)}s (${formatRate(bytes, elapsed)}), SHA-256 ${sha256}`)
    return { name: dispositionFileName(header(response.headers, 'content-disposition')), bytes, sha256 }
  } finally {
    closeSync(fd)
  }
}

function downloadFailure(download: DownloadRequest, error: unknown): Error {
  if (error instanceof ActionError) return error
  if (download.signal?.aborted) return stoppedFailure(download.signal, `trying to ${download.request.what}`)
  const reason = errorCode(error) ?? (error instanceof Error ? error.message : String(error))
  return new ActionError(`Could not ${download.request.what}: ${reason}`, {
    title: `Could not ${download.request.what}`,
    retryable: isNetworkError(error) || error instanceof BodyCut,
    hint: networkHint(download.request.url, errorCode(error)),
    cause: error
  })
}

/**
 * Streams a response body to a file in `folder`: to a hidden temporary file first (same file
 * system), renamed when complete and checked, so that a cut or failed download never leaves a
 * partial file under the final name. A connection cut mid-body restarts from the beginning, with
 * the file truncated.
 */
export async function downloadToFile(download: DownloadRequest): Promise<DownloadedFile> {
  await mkdir(download.folder, { recursive: true }).catch(error => {
    throw new ActionError(`Could not create the folder ${download.folder}: ${error instanceof Error ? error.message : error}`, {
      title: 'Could not create the download folder'
    })
  })
  const temp = path.join(download.folder, `.download-${randomUUID().slice(0, 8)}.part`)
  try {
    // One loop, one budget of attempts: a body cut mid-way is sent again like a failure before
    // the headers (sendAndRead), never as a second loop around send()'s own retries.
    const request = {
      ...download.request,
      headers: { ...download.request.headers, 'accept-encoding': 'identity' },
      signal: download.signal,
      bodyTimeoutMs: download.stallMs
    }
    const result = await sendAndRead(request, response => receiveInto(download, temp, response), download.policy ?? DEFAULT_RETRY_POLICY)
    if (download.saveAs === 'temporary') return { file: temp, bytes: result.bytes, sha256: result.sha256 }
    const file = path.join(download.folder, safeFileName(result.name) ?? download.saveAs.fallbackName)
    await rename(temp, file)
    return { file, bytes: result.bytes, sha256: result.sha256 }
  } catch (error) {
    await rm(temp, { force: true })
    throw downloadFailure(download, error)
  }
}
