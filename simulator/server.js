// @ts-check
// Small HTTP plumbing shared by the local Harness and GitLab simulators.
import http from 'node:http'
import https from 'node:https'

/**
 * @typedef {object} RecordedRequest
 * @property {string} method
 * @property {string} path     Path as sent, still percent-encoded, without the query.
 * @property {URLSearchParams} query
 * @property {http.IncomingHttpHeaders} headers
 * @property {string} body
 * @property {number} receivedAt  performance.now() when the request arrived, before its body was read.
 */

/**
 * @typedef {object} RunningServer
 * @property {string} url       Base URL, e.g. http://127.0.0.1:41234
 * @property {string} address   The loopback address it listens on (for a proxy to map a public name to).
 * @property {RecordedRequest[]} requests  Every request received, in order.
 * @property {() => number} connections  TCP connections accepted so far (keep-alive reuse shows as few).
 * @property {() => Promise<void>} close
 */

/**
 * @typedef {object} ServerOptions
 * @property {string} [host]  Loopback address to listen on (default 127.0.0.1).
 * @property {number} [port]
 * @property {{ key: string, cert: string }} [tls]  Serve HTTPS with this key and certificate (see tls.js).
 * @property {string} [publicName]  Host name in `url` instead of the address (reached through the
 *   simulator's proxy, which maps it to the address): the action then cannot reach it directly.
 */

/**
 * Starts a server on a free port of a loopback address; the handler sees each request with its body read.
 * @param {(request: RecordedRequest, res: http.ServerResponse, raw: http.IncomingMessage) => unknown} handler
 * @param {ServerOptions} [options]
 * @returns {Promise<RunningServer>}
 */
export async function startServer(handler, options = {}) {
  const host = options.host ?? '127.0.0.1'
  /** @type {RecordedRequest[]} */
  const requests = []
  let connections = 0
  /** @param {http.IncomingMessage} raw @param {http.ServerResponse} res */
  const respond = async (raw, res) => {
    const receivedAt = performance.now()
    try {
      const chunks = []
      for await (const chunk of raw) chunks.push(chunk)
      const target = raw.url ?? '/'
      const queryAt = target.indexOf('?')
      const request = {
        method: raw.method ?? 'GET',
        path: queryAt < 0 ? target : target.slice(0, queryAt),
        query: new URLSearchParams(queryAt < 0 ? '' : target.slice(queryAt + 1)),
        headers: raw.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        receivedAt
      }
      requests.push(request)
      await handler(request, res, raw)
    } catch (error) {
      if (!res.headersSent) sendJson(res, 500, { message: `simulator error: ${error instanceof Error ? error.message : String(error)}` })
      else res.destroy()
    }
  }
  // Node's servers ignore what a listener returns; respond() answers every failure itself.
  /** @param {http.IncomingMessage} raw @param {http.ServerResponse} res */
  const listener = (raw, res) => void respond(raw, res)
  const server = options.tls ? https.createServer({ key: options.tls.key, cert: options.tls.cert }, listener) : http.createServer(listener)
  server.on(options.tls ? 'secureConnection' : 'connection', () => connections++)
  // A refused handshake (the action does not trust the certificate) is the test's subject, not an error here.
  server.on('tlsClientError', () => undefined)
  server.keepAliveTimeout = 5000
  // A port in use rejects (error.code EADDRINUSE) instead of crashing the process with an unhandled 'error' event.
  await new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject)
      resolve(undefined)
    })
  })
  const address = /** @type {import('node:net').AddressInfo} */ (server.address())
  return {
    url: `${options.tls ? 'https' : 'http'}://${options.publicName ?? host}:${address.port}`,
    address: host,
    requests,
    connections: () => connections,
    close: () =>
      new Promise(resolve => {
        server.closeAllConnections()
        server.close(() => resolve(undefined))
      })
  }
}

/**
 * @param {http.ServerResponse} res
 * @param {number} status
 * @param {unknown} body
 * @param {http.OutgoingHttpHeaders} [headers]
 */
export function sendJson(res, status, body, headers = {}) {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers })
  res.end(text)
}
