// The log service's blob read: only the end of a long log is kept, line by line, whatever its size.
import { startServer } from '../../simulator/server.js'
import { LogUnavailable, MAX_LOG_LINE_CHARS, readLogTail } from '../../src/harness/log-service.js'

const servers: Array<{ close: () => Promise<void> }> = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map(server => server.close()))
})

async function logServer(
  respond: (res: import('node:http').ServerResponse) => void
): Promise<{ url: string; requests: Array<{ path: string; headers: Record<string, unknown>; query: URLSearchParams }> }> {
  const server = await startServer((_, res) => respond(res))
  servers.push(server)
  return server
}

const harness = (url: string) => ({ url: new URL(url), accountId: 'acct', apiKey: 'pat.acct.log-test-key' })

describe('readLogTail', () => {
  it('streams a long NDJSON log in chunks and keeps only its last lines; a huge line is cut', async () => {
    const server = await logServer(res => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' })
      const chunk = Array.from(
        { length: 1000 },
        (_, pos) => `${JSON.stringify({ level: 'INFO', pos, out: `line ${pos}\n`, time: '2024-01-01T00:00:00Z', args: null })}\n`
      ).join('')
      for (let index = 0; index < 50; index++) res.write(chunk)
      res.write(`${'x'.repeat(MAX_LOG_LINE_CHARS * 3)}\n`)
      res.end('plain last line')
    })
    const tail = await readLogTail(harness(server.url), 'base-commandUnit:Execute', 3)
    expect(tail.total).toBe(50_002)
    expect(tail.cut).toBe(false)
    expect(tail.lines).toEqual(['line 999', 'x'.repeat(MAX_LOG_LINE_CHARS), 'plain last line'])
    const [request] = server.requests
    expect(request.path).toBe('/gateway/log-service/blob')
    expect(request.query.get('accountID')).toBe('acct')
    expect(request.query.get('key')).toBe('base-commandUnit:Execute')
    expect(request.headers['x-api-key']).toBe('pat.acct.log-test-key')
  })

  it("turns a refusal into LogUnavailable with the service's error_msg, without retrying it", async () => {
    const server = await logServer(res => {
      res.writeHead(403, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ error_msg: 'apikey in request not authorized for receiving tokens' }))
    })
    const failure = await readLogTail(harness(server.url), 'k', 5).catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(LogUnavailable)
    expect((failure as LogUnavailable).message).toBe('the log service answered HTTP 403: apikey in request not authorized for receiving tokens')
    expect(server.requests).toHaveLength(1)
  })

  it('keeps a line that arrives without an end across many chunks to the cap, so memory stays bounded', async () => {
    const server = await logServer(res => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' })
      const piece = 'y'.repeat(MAX_LOG_LINE_CHARS)
      let sent = 0
      const more = (): void => {
        if (sent++ < 4) {
          res.write(piece)
          setTimeout(more, 5)
        } else res.end('\nlast')
      }
      more()
    })
    const tail = await readLogTail(harness(server.url), 'k', 5)
    expect(tail).toEqual({ lines: ['y'.repeat(MAX_LOG_LINE_CHARS), 'last'], cut: false, total: 2 })
  })

  it('refuses a web page in place of the log (a login or proxy page)', async () => {
    const server = await logServer(res => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      res.end('<!doctype html><html><body>Sign in</body></html>')
    })
    const failure = await readLogTail(harness(server.url), 'k', 5).catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(LogUnavailable)
    expect((failure as LogUnavailable).message).toBe('the log service answered HTTP 200: a web page came instead of the log (a login or proxy page?)')
  })

  it('says only the status when the refusal has no words', async () => {
    const server = await logServer(res => {
      res.writeHead(404, { 'content-type': 'application/json' })
      res.end('{}')
    })
    const failure = await readLogTail(harness(server.url), 'k', 5).catch((error: unknown) => error)
    expect(failure).toMatchObject({ status: 404, message: 'the log service answered HTTP 404' })
  })

  it('reads a log cut off mid-way again from its start', async () => {
    let answered = 0
    const server = await logServer(res => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' })
      if (answered++ === 0) {
        res.write('first\nsec')
        setTimeout(() => res.destroy(), 20)
      } else res.end('first\nsecond\n')
    })
    const tail = await readLogTail(harness(server.url), 'k', 5)
    expect(tail.lines).toEqual(['first', 'second'])
    expect(server.requests).toHaveLength(2)
  })
})
