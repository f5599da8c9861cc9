import { expect, jest } from '@jest/globals'
import { ActionError } from '../../src/errors.js'
import { send } from '../../src/http/client.js'
import type { RetryPolicy } from '../../src/http/retry.js'
import { startServer, sendJson, type RunningServer } from '../../simulator/server.js'

const fast: RetryPolicy = { attempts: 3, baseDelayMs: 1, maxDelayMs: 5 }
const servers: RunningServer[] = []

async function serve(handler: Parameters<typeof startServer>[0], host?: string): Promise<RunningServer> {
  const server = await startServer(handler, { host })
  servers.push(server)
  return server
}

/** Captures what the code under test logs; `restore` returns it. */
function logged(): { restore: () => string } {
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation(() => true)
  return {
    restore: () => {
      const text = spy.mock.calls.map(call => String(call[0])).join('')
      spy.mockRestore()
      return text
    }
  }
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map(server => server.close()))
})

describe('send: retries', () => {
  it('retries an idempotent request after 5xx and 429, then returns the answer', async () => {
    let calls = 0
    const server = await serve((_req, res) => {
      calls++
      if (calls === 1) return sendJson(res, 503, { message: 'busy' })
      if (calls === 2) return sendJson(res, 429, { message: 'slow down' }, { 'retry-after': '0' })
      sendJson(res, 200, { ok: true })
    })
    const log = logged()
    const response = await send({ method: 'GET', url: new URL(server.url), what: 'read', retry: 'idempotent' }, fast)
    const output = log.restore()
    expect(response.status).toBe(200)
    expect(await response.body.json()).toEqual({ ok: true })
    expect(server.requests).toHaveLength(3)
    expect(output).toContain('Could not read: HTTP 503; retrying')
  })

  it('returns the last retryable answer when attempts run out', async () => {
    const server = await serve((_req, res) => sendJson(res, 500, { message: 'down' }))
    const log = logged()
    const response = await send({ method: 'GET', url: new URL(server.url), what: 'read', retry: 'idempotent' }, fast)
    log.restore()
    expect(response.status).toBe(500)
    await response.body.dump()
    expect(server.requests).toHaveLength(3)
  })

  it('never sends a start-something request twice after a 5xx', async () => {
    const server = await serve((_req, res) => sendJson(res, 500, { message: 'internal' }))
    const response = await send({ method: 'POST', url: new URL(server.url), what: 'start', retry: 'once', body: '{}' }, fast)
    expect(response.status).toBe(500)
    await response.body.dump()
    expect(server.requests).toHaveLength(1)
  })

  it('does not resend a start-something request whose connection dropped after sending, and says so', async () => {
    const server = await serve((_req, res) => res.socket?.destroy())
    const failure = send({ method: 'POST', url: new URL(server.url), what: 'start the execution', retry: 'once', body: '{}' }, fast)
    await expect(failure).rejects.toThrow(ActionError)
    await expect(failure).rejects.toMatchObject({ hint: expect.stringContaining('not sent again') })
    expect(server.requests).toHaveLength(1)
  })

  it('retries a start-something request that never left (connection refused)', async () => {
    const server = await serve(() => undefined)
    const url = new URL(server.url)
    await server.close()
    servers.length = 0
    const log = logged()
    const failure = send({ method: 'POST', url, what: 'start', retry: 'once' }, fast)
    await expect(failure).rejects.toThrow(/Could not start \(POST http:\/\/127\.0\.0\.1:\d+\/\): ECONNREFUSED/)
    expect(log.restore().match(/ECONNREFUSED; retrying/g)).toHaveLength(2)
  })
})

describe('send: redirects', () => {
  it('keeps credentials on their origin and logs the target without its query string', async () => {
    const storage = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' })
      res.end('archive')
    }, '127.0.0.2')
    const api = await serve((req, res) => {
      const location = req.path === '/first' ? '/second' : `${storage.url}/bucket/file.zip?X-Amz-Signature=s3cr3t`
      res.writeHead(302, { location })
      res.end()
    })
    const log = logged()
    const response = await send({
      method: 'GET',
      url: new URL(`${api.url}/first`),
      what: 'download',
      retry: 'idempotent',
      headers: { accept: '*/*' },
      credentials: { 'PRIVATE-TOKEN': 'glpat-xyz' }
    })
    const output = log.restore()
    expect(await response.body.text()).toBe('archive')
    expect(response.url.origin).toBe(storage.url)
    expect(api.requests.map(req => req.headers['private-token'])).toEqual(['glpat-xyz', 'glpat-xyz'])
    expect(storage.requests[0].headers['private-token']).toBeUndefined()
    expect(storage.requests[0].headers.accept).toBe('*/*')
    expect(output).toContain(`Redirected to ${storage.url}/bucket/file.zip (credentials are not sent there)`)
    expect(output).not.toContain('s3cr3t')
  })

  it('gives up on a redirect loop', async () => {
    const api = await serve((_req, res) => {
      res.writeHead(302, { location: '/again' })
      res.end()
    })
    const log = logged()
    await expect(send({ method: 'GET', url: new URL(api.url), what: 'download', retry: 'idempotent', maxRedirects: 2 })).rejects.toThrow(
      'Could not download: more than 2 redirects'
    )
    log.restore()
  })
})
