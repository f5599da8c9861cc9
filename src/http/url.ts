import * as log from '../log.js'

/** A URL fit for a log line: signed storage URLs carry their credential in the query string. */
export function displayUrl(url: URL): string {
  return `${url.origin}${url.pathname}`
}

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '')
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host)
}

const warnedOrigins = new Set<string>()

/** Plain http is allowed (self-hosted servers, the local simulator) but a credential on it is worth a warning. */
export function warnIfCredentialInClear(url: URL): void {
  if (url.protocol !== 'http:' || isLoopbackHost(url.hostname) || warnedOrigins.has(url.origin)) return
  warnedOrigins.add(url.origin)
  log.warning(`Sending credentials to ${url.origin} over plain http: anyone on the network path can read them. Use https:// if the server supports it.`)
}

/** Joins an API base (which may carry a path prefix, as vanity or self-hosted URLs do) with a path. */
export function apiUrl(base: URL, path: string, query: Record<string, string | undefined> = {}): URL {
  const url = new URL(base.href.replace(/\/+$/, '') + path)
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined) url.searchParams.set(name, value)
  }
  return url
}
