import { ActionError } from '../errors.js'
import { outside } from '../log.js'
import { header, type HttpResponse } from './client.js'
import { parseJsonObject } from './json.js'

// Every body that is read into memory (API answers, error pages) is read up to a cap: a server,
// a proxy or a misconfigured URL can answer with anything, 100 MB of it included.

/**
 * API answers (JSON) are read up to this. A NextGen execution summary of a pipeline with hundreds
 * of stages runs to hundreds of KiB, but a FirstGen pipeline or a NextGen matrix can list
 * 100,000 or more stage executions (~200 bytes each): the cap leaves room for those, which the
 * stage walks handle in linear time, and still bounds memory (a 100 MB answer is refused).
 */
export const API_BODY_LIMIT = 32 * 1024 * 1024
/** Error bodies: the message that matters is at the start; the rest is dropped with the connection. */
export const ERROR_BODY_LIMIT = 64 * 1024

export interface BoundedText {
  text: string
  /** The body went on past the cap; `text` is its start. */
  cut: boolean
}

/** Reads a body up to `limit` bytes; a longer one is cut there and its connection closed (nothing more is downloaded). */
export async function readBounded(response: HttpResponse, limit: number): Promise<BoundedText> {
  const chunks: Buffer[] = []
  let bytes = 0
  for await (const chunk of response.body as AsyncIterable<Buffer>) {
    const room = limit - bytes
    if (chunk.length > room) {
      chunks.push(chunk.subarray(0, room))
      // Leaving the loop destroys the body, which closes its connection.
      return { text: Buffer.concat(chunks).toString('utf8'), cut: true }
    }
    chunks.push(chunk)
    bytes += chunk.length
  }
  return { text: Buffer.concat(chunks).toString('utf8'), cut: false }
}

/** An error body's start, as text; a failure to read it is no message (the status still tells). */
export async function readErrorText(response: HttpResponse): Promise<string> {
  return (await readBounded(response, ERROR_BODY_LIMIT).catch(() => ({ text: '' }))).text
}

/** How a service and its inputs are named in advice about a wrong answer. */
export interface Service {
  /** "GitLab", "Harness" */
  name: string
  /** The inputs to check: "'gitlab-url' and 'gitlab-token'". */
  inputs: string
}

function contentType(response: HttpResponse): string {
  return (header(response.headers, 'content-type') ?? '').split(';')[0].trim().toLowerCase()
}

/**
 * A web page where an API answer or a file was expected: a single sign-on login page, a proxy's
 * block or interstitial page, or a URL that points at the web UI instead of the server's API.
 */
export function isWebPage(response: HttpResponse): boolean {
  const type = contentType(response)
  return type === 'text/html' || type === 'application/xhtml+xml'
}

function hostOf(response: HttpResponse): string {
  return response.url.host
}

/** The failure for a web page where `expected` ("JSON", "the artifacts archive") was due. */
export function webPageFailure(what: string, response: HttpResponse, expected: string, service: Service): ActionError {
  return new ActionError(
    `Could not ${what}: ${hostOf(response)} answered HTTP ${response.status} with a web page (${contentType(response)}), not ${expected}`,
    {
      title: `Could not ${what}`,
      hint:
        `This is usually a login (SSO) page or a proxy's page rather than ${service.name} itself: check ${service.inputs}, ` +
        'and, behind a proxy, HTTPS_PROXY/NO_PROXY and whether the proxy lets the request through.'
    }
  )
}

/**
 * A successful API answer as a JSON object: a web page, something else than JSON, or more than
 * the cap fails, naming what came.
 */
export async function readJsonAnswer(what: string, response: HttpResponse, service: Service): Promise<object> {
  if (isWebPage(response)) {
    await response.body.dump().catch(() => undefined)
    throw webPageFailure(what, response, 'a JSON answer', service)
  }
  const { text, cut } = await readBounded(response, API_BODY_LIMIT)
  if (cut) {
    throw new ActionError(
      `Could not ${what}: ${service.name} answered with more than ${API_BODY_LIMIT / 1024 / 1024} MiB, far more than this answer should hold`,
      {
        title: `Could not ${what}`,
        hint: `Check ${service.inputs}: the answer does not look like ${service.name}'s.`
      }
    )
  }
  const body = parseJsonObject(text)
  if (body) return body
  const type = header(response.headers, 'content-type') ?? 'no content type'
  throw new ActionError(
    `Could not ${what}: ${hostOf(response)} answered HTTP ${response.status} with ${type}, not JSON: ${outside(text.trim()) || 'an empty body'}`,
    {
      title: `Could not ${what}`,
      hint: `Check ${service.inputs}: the answer does not look like ${service.name}'s (a login or proxy page?).`
    }
  )
}
