// Advice for a request that got no HTTP answer: what the error code means and what to check,
// naming the input the URL came from (settings register each base URL's origin as they read it).

const inputByOrigin = new Map<string, string>()

/** Remembers that requests to this origin come from an input, such as 'harness-url'. */
export function nameOrigin(url: URL, input: string): void {
  inputByOrigin.set(url.origin, input)
}

function where(url: URL): { address: string; check: string } {
  const input = inputByOrigin.get(url.origin)
  const port = url.port || (url.protocol === 'https:' ? '443' : '80')
  return {
    address: `${url.hostname}:${port}`,
    check: input ? `Check '${input}' (${url.origin})` : `Check the address ${url.origin}`
  }
}

const UNREACHABLE =
  "and that the runner's network can reach it: a firewall or allow-list in front of the server (GitHub-hosted runners connect from changing addresses), " +
  'or a proxy the runner must use (HTTPS_PROXY)'

/** One line of advice for a network error code (as errorCode() in retry.ts finds it), or undefined. */
export function networkHint(url: URL, code: string | undefined): string | undefined {
  const { address, check } = where(url)
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `The host name ${url.hostname} could not be resolved. ${check} for a typo; a server on a private network needs a runner inside that network (a self-hosted runner) or a proxy (HTTPS_PROXY).`
    case 'ECONNREFUSED':
      return `Nothing accepted the connection at ${address}. ${check}: host and port, and that the server is running and reachable from the runner.`
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `No connection could be made to ${address} (${code === 'EHOSTUNREACH' || code === 'ENETUNREACH' ? 'unreachable' : 'timed out'}). ${check}, ${UNREACHABLE}.`
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
      return `${url.origin} accepted the connection but stopped answering; it may be overloaded. Try again later, and check the service's status if it persists.`
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
    case 'UND_ERR_CLOSED':
    case 'ERR_STREAM_PREMATURE_CLOSE':
    case 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH':
      return `The connection to ${url.origin} was cut. Try again; if it keeps happening, a proxy or firewall between the runner and the server may be closing it (${check.replace(/^Check /, 'check ')}).`
    default:
      return undefined
  }
}
