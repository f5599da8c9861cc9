// @ts-check
// A forward proxy on loopback, as corporate networks put in front of runners: absolute-URI
// requests for http:// targets, CONNECT tunnels for https:// ones. It resolves the simulator's
// made-up host names (gitlab.test, ...) to loopback addresses, so a request that reaches a
// server by such a name certainly went through here; and it records what passed through.
import http from 'node:http'
import net from 'node:net'

/**
 * @typedef {object} ProxiedRequest
 * @property {'CONNECT' | string} method
 * @property {string} target  `host:port` for CONNECT, the absolute URL otherwise (as sent).
 * @property {import('node:http').IncomingHttpHeaders} headers  The headers the proxy saw (for CONNECT: of the CONNECT request only).
 */

/**
 * @typedef {object} FakeProxy
 * @property {string} url  e.g. http://127.0.0.1:41234, for HTTPS_PROXY / HTTP_PROXY.
 * @property {ProxiedRequest[]} requests
 * @property {() => Promise<void>} close
 */

/**
 * @param {{ hosts: Record<string, string>, credentials?: string }} options
 *   `hosts`: made-up name → loopback address; `credentials`: `user:password` the proxy demands (407 without).
 * @returns {Promise<FakeProxy>}
 */
export async function startProxy(options) {
  /** @type {ProxiedRequest[]} */
  const requests = []
  /** @type {Set<import('node:net').Socket>} */
  const sockets = new Set()

  /** @param {string} host */
  const resolve = host => options.hosts[host.toLowerCase()] ?? host

  /** @param {import('node:http').IncomingHttpHeaders} headers */
  const authorized = headers =>
    options.credentials === undefined || headers['proxy-authorization'] === `Basic ${Buffer.from(options.credentials).toString('base64')}`

  const server = http.createServer((req, res) => {
    requests.push({ method: req.method ?? 'GET', target: req.url ?? '', headers: req.headers })
    if (!authorized(req.headers)) {
      res.writeHead(407, { 'proxy-authenticate': 'Basic realm="simulator"' })
      return void res.end()
    }
    let target
    try {
      target = new URL(req.url ?? '')
    } catch {
      res.writeHead(400)
      return void res.end('absolute-URI expected')
    }
    const headers = { ...req.headers }
    delete headers['proxy-authorization']
    delete headers['proxy-connection']
    const upstream = http.request(
      { host: resolve(target.hostname), port: target.port || 80, method: req.method, path: target.pathname + target.search, headers },
      answer => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      }
    )
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502)
      res.end()
    })
    res.on('close', () => upstream.destroy())
    req.pipe(upstream)
  })

  server.on('connect', (req, client, head) => {
    requests.push({ method: 'CONNECT', target: req.url ?? '', headers: req.headers })
    if (!authorized(req.headers)) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="simulator"\r\n\r\n')
      return
    }
    const [host, port] = (req.url ?? '').split(':')
    const upstream = net.connect(Number(port), resolve(host), () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      upstream.write(head)
      upstream.pipe(client)
      client.pipe(upstream)
    })
    sockets.add(upstream)
    upstream.on('close', () => sockets.delete(upstream))
    upstream.on('error', () => client.destroy())
    client.on('error', () => upstream.destroy())
    client.on('close', () => upstream.destroy())
  })
  server.on('connection', socket => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })

  await new Promise(done => server.listen(0, '127.0.0.1', () => done(undefined)))
  const address = /** @type {import('node:net').AddressInfo} */ (server.address())
  return {
    url: `http://127.0.0.1:${address.port}`,
    requests,
    close: () =>
      new Promise(done => {
        for (const socket of sockets) socket.destroy()
        server.close(() => done(undefined))
      })
  }
}
