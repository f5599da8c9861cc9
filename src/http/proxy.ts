import * as log from '../log.js'
import { ActionError } from '../errors.js'
import { registerSecret } from '../secrets.js'

// Which proxy a request goes through, by the rules of the Actions toolkit (@actions/http-client
// 4.x, lib/proxy.ts getProxyUrl/checkBypass), so that this action behaves like every other one on
// the same runner:
// - https URLs use https_proxy, else HTTPS_PROXY; http URLs use http_proxy, else HTTP_PROXY (an
//   https URL never falls back to HTTP_PROXY, unlike undici's EnvHttpProxyAgent);
// - an empty variable counts as unset; a value without http:// or https:// is taken as http://;
// - no_proxy, else NO_PROXY: comma-separated host names, `host:port`, `.suffix` or a bare suffix
//   (`example.com` also matches `gitlab.example.com`), `*` for all, case-insensitive;
// - loopback hosts (localhost, 127.*, [::1]) never go through a proxy.

function variable(lower: string, upper: string, env: NodeJS.ProcessEnv): string | undefined {
  return env[lower] || env[upper] || undefined
}

function isLoopback(hostname: string): boolean {
  const host = hostname.toLowerCase()
  return host === 'localhost' || host.startsWith('127.') || host === '[::1]' || host === '[0:0:0:0:0:0:0:1]'
}

function defaultPort(url: URL): string {
  return url.port || (url.protocol === 'https:' ? '443' : url.protocol === 'http:' ? '80' : '')
}

/** Whether NO_PROXY (or loopback) sends this URL direct. */
export function bypassesProxy(url: URL, env: NodeJS.ProcessEnv = process.env): boolean {
  if (isLoopback(url.hostname)) return true
  const noProxy = variable('no_proxy', 'NO_PROXY', env)
  if (!noProxy) return false
  const host = url.hostname.toUpperCase()
  const port = defaultPort(url)
  const candidates = port ? [host, `${host}:${port}`] : [host]
  return noProxy
    .split(',')
    .map(item => item.trim().toUpperCase())
    .filter(item => item !== '')
    .some(item => item === '*' || candidates.some(candidate => candidate === item || candidate.endsWith(item.startsWith('.') ? item : `.${item}`)))
}

/** The proxy for a request to `url`, or undefined to go direct. */
export function proxyFor(url: URL, env: NodeJS.ProcessEnv = process.env): URL | undefined {
  if (bypassesProxy(url, env)) return undefined
  const value = url.protocol === 'https:' ? variable('https_proxy', 'HTTPS_PROXY', env) : variable('http_proxy', 'HTTP_PROXY', env)
  if (!value) return undefined
  // `proxy.corp:3128` parses as a URL with the scheme `proxy.corp:`; a proxy is http(s) or nothing.
  try {
    return new URL(/^https?:\/\//i.test(value) ? value : `http://${value}`)
  } catch {
    throw new ActionError(`The proxy set in the environment (HTTPS_PROXY/HTTP_PROXY) is not a URL`, {
      title: 'Invalid proxy setting',
      hint: 'Set it to the address of the proxy, such as http://proxy.example.com:3128, in the workflow or on the runner.'
    })
  }
}

/** The proxy's address without its userinfo, for log lines. */
export function displayProxy(proxy: URL): string {
  return `${proxy.protocol}//${proxy.host}`
}

const announced = new Set<string>()

/** Says once per proxy that it is used, never with its credentials (masked as secrets first). */
export function announceProxy(proxy: URL): void {
  const shown = displayProxy(proxy)
  if (announced.has(shown)) return
  announced.add(shown)
  if (proxy.password) {
    registerSecret(proxy.password)
    registerSecret(decodeURIComponent(proxy.password))
  }
  log.info(`Using the proxy ${shown} (from HTTPS_PROXY/HTTP_PROXY; NO_PROXY lists hosts that bypass it)`)
}
