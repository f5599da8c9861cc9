// Real-world networks and misbehaving servers, end to end: the bundle as the runner starts it,
// behind the simulator's forward proxy, over HTTPS with a private CA made for the test, against
// hostile answers, with deadlines and with the runner's cancel signals.
import type { ChildProcess } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { startGitLab, type FakeGitLab, type FakeJob, type Failure } from '../../simulator/gitlab.js'
import { DEMO_NEXTGEN, startHarnessNextGen } from '../../simulator/harness-nextgen.js'
import { canTrackMemory, trackPeakRss } from '../../simulator/process-memory.js'
import { startProxy, type FakeProxy } from '../../simulator/proxy.js'
import { makePrivateCa, type PrivateCa } from '../../simulator/tls.js'
import { annotations, readByOperation, runAction, visibleLog, type ActionRun, type RunOptions } from './action.js'

const token = 'glpat-network-e2e-token'
const proxyPassword = 'pr0xy-pa55word'

const jobs = (): FakeJob[] => [
  { id: 101, entries: [{ name: 'dist/app.txt', data: 'app' }] },
  { id: 107, entries: [{ name: 'big.bin', size: 2 * 1024 * 1024 }] },
  { id: 300, entries: [{ name: 'huge.bin', size: 400 * 1024 * 1024 }] }
]

let ca: PrivateCa
const running: Array<{ close: () => Promise<void> }> = []

beforeAll(() => {
  ca = makePrivateCa()
})
afterAll(() => ca.remove())
afterEach(async () => {
  await Promise.all(running.splice(0).map(server => server.close()))
})

async function gitlab(options: Partial<Parameters<typeof startGitLab>[0]> = {}): Promise<FakeGitLab> {
  const server = await startGitLab({ jobs: jobs(), token, redirectToStorage: true, ...options })
  running.push(server)
  return server
}

async function proxy(hosts: Record<string, string>, credentials?: string): Promise<FakeProxy> {
  const server = await startProxy({ hosts, credentials })
  running.push(server)
  return server
}

function inputs(server: FakeGitLab, extra: Record<string, string>): Record<string, string> {
  return readByOperation({ 'gitlab-url': server.url, 'gitlab-token': token, project: 'group/sub/project', path: 'out', ...extra })
}

/** Runs the action and checks what every run must: the token and proxy password show nowhere, nothing leaked to storage. */
async function run(server: FakeGitLab, extra: Record<string, string>, options?: RunOptions): Promise<ActionRun> {
  const result = await runAction(inputs(server, extra), options)
  for (const text of [visibleLog(result), result.summary, ...Object.values(result.outputs)]) {
    expect(text).not.toContain(token)
    expect(text).not.toContain(proxyPassword)
  }
  expect(server.leaks).toEqual([])
  return result
}

function failure(result: ActionRun): { message: string; title?: string } {
  const errors = annotations(result.stdout).filter(annotation => annotation.level === 'error')
  expect(errors).toHaveLength(1)
  return errors[0]
}

function files(result: ActionRun): string[] {
  const out = path.join(result.workspace, 'out')
  return existsSync(out) ? (readdirSync(out, { recursive: true }) as string[]).sort() : []
}

const download = { operation: 'gitlab-download-artifacts', 'job-id': '101' }

describe('1. proxies', () => {
  it('sends GitLab and the storage redirect through http_proxy (lower case) as absolute-URI requests, credentials only to GitLab', async () => {
    const server = await gitlab({ names: { gitlab: 'gitlab.test', storage: 'storage.test' } })
    const forward = await proxy({ 'gitlab.test': '127.0.0.1', 'storage.test': server.storage.address }, `user:${proxyPassword}`)
    const proxyUrl = forward.url.replace('http://', `http://user:${proxyPassword}@`)
    const result = await run(server, download, { env: { http_proxy: proxyUrl, HTTP_PROXY: 'http://127.0.0.1:9' } })
    expect(result.code).toBe(0)
    expect(forward.requests.map(request => `${request.method} ${request.target.replace(/\?.*/, '')}`)).toEqual([
      `GET ${server.url}/api/v4/projects/group%2Fsub%2Fproject/jobs/101`,
      `GET ${server.url}/api/v4/projects/group%2Fsub%2Fproject/jobs/101/artifacts`,
      `GET ${server.storage.url}/artifacts-bucket/101/artifacts.zip`
    ])
    expect(forward.requests[0].headers['private-token']).toBe(token)
    expect(forward.requests[1].headers['private-token']).toBe(token)
    expect(forward.requests[2].headers['private-token']).toBeUndefined()
    expect(forward.requests[2].headers['accept-encoding']).toBe('identity')
    const log = visibleLog(result)
    expect(log.match(/Using the proxy/g)).toHaveLength(1)
    expect(log).toContain(`Using the proxy ${forward.url} `)
    expect(result.stdout).toContain(`::add-mask::${proxyPassword}`)
  })

  it('tunnels https through HTTPS_PROXY with CONNECT, trusting a private CA given in NODE_EXTRA_CA_CERTS', async () => {
    const certificate = ca.issue(['gitlab.test', 'storage.test'])
    const server = await gitlab({ tls: certificate, names: { gitlab: 'gitlab.test', storage: 'storage.test' } })
    const forward = await proxy({ 'gitlab.test': '127.0.0.1', 'storage.test': server.storage.address })
    const result = await run(server, download, { env: { HTTPS_PROXY: forward.url, NODE_EXTRA_CA_CERTS: ca.caFile } })
    expect(result.code).toBe(0)
    expect(files(result)).toEqual(['dist', path.join('dist', 'app.txt')])
    const port = (url: string): string => new URL(url).port
    expect(forward.requests.map(request => `${request.method} ${request.target}`)).toEqual([
      `CONNECT gitlab.test:${port(server.url)}`,
      `CONNECT storage.test:${port(server.storage.url)}`
    ])
    // Inside the tunnel the proxy sees nothing: no token in what it recorded.
    expect(JSON.stringify(forward.requests)).not.toContain(token)
  })

  it('sends Harness requests through the proxy too', async () => {
    const sim = await startHarnessNextGen({ server: { publicName: 'harness.test' } })
    running.push(sim)
    const forward = await proxy({ 'harness.test': '127.0.0.1' })
    const result = await runAction(
      {
        operation: 'harness-ng-run-pipeline',
        'harness-url': sim.url,
        'harness-api-key': DEMO_NEXTGEN.apiKey,
        'harness-account-id': DEMO_NEXTGEN.accountId,
        'harness-org': DEMO_NEXTGEN.org,
        'harness-project': DEMO_NEXTGEN.project,
        pipeline: 'deploy_payments',
        wait: 'false'
      },
      { env: { HTTP_PROXY: forward.url } }
    )
    expect(result.code).toBe(0)
    expect(forward.requests.map(request => request.target)).toEqual([
      expect.stringMatching(/^http:\/\/harness\.test:\d+\/gateway\/pipeline\/api\/pipeline\/execute\/deploy_payments\?/)
    ])
  })

  it('names the proxy when it refuses the request', async () => {
    const server = await gitlab({ names: { gitlab: 'gitlab.test', storage: 'storage.test' } })
    const forward = await proxy({ 'gitlab.test': '127.0.0.1' }, `user:${proxyPassword}`)
    const result = await run(server, { operation: 'gitlab-keep-artifacts', 'job-id': '101' }, { env: { HTTP_PROXY: forward.url } })
    expect(result.code).toBe(1)
    const { message } = failure(result)
    expect(message).toContain('Proxy Authentication Required (407)')
    expect(message).toContain(`The request went through the proxy ${forward.url} (from HTTPS_PROXY/HTTP_PROXY)`)
  })
})

describe('2. TLS with a private CA', () => {
  const keep = { operation: 'gitlab-keep-artifacts', 'job-id': '101' }

  it('works when the CA is given in NODE_EXTRA_CA_CERTS', async () => {
    const server = await gitlab({ tls: ca.issue(['127.0.0.1', '127.0.0.2']) })
    const result = await run(server, keep, { env: { NODE_EXTRA_CA_CERTS: ca.caFile } })
    expect(result.code).toBe(0)
    expect(server.jobs.get(101)?.kept).toBe(true)
  })

  it.each([
    ['an unknown CA', {}, false, 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', "is not signed by a CA this runner's Node trusts"],
    ['a self-signed certificate', { selfSigned: true }, true, 'DEPTH_ZERO_SELF_SIGNED_CERT', "is not signed by a CA this runner's Node trusts"],
    ['an expired certificate', { expired: true }, true, 'CERT_HAS_EXPIRED', 'is expired or not yet valid'],
    ['another host name', { names: ['other.test'] }, true, 'ERR_TLS_CERT_ALTNAME_INVALID', 'is for another host name']
  ])('fails on %s, naming the host and NODE_EXTRA_CA_CERTS', async (_case, options, trustCa, code, advice) => {
    const { names, ...kind } = { names: ['127.0.0.1'], ...options }
    const server = await gitlab({ tls: ca.issue(names, kind) })
    const result = await run(server, keep, { env: trustCa ? { NODE_EXTRA_CA_CERTS: ca.caFile } : {} })
    expect(result.code).toBe(1)
    const host = new URL(server.url).host
    const { message } = failure(result)
    expect(message).toContain(`the TLS certificate of ${host} was refused (${code})`)
    expect(message).toContain(`The certificate of ${host} ${advice}`)
    expect(message).toContain("NODE_EXTRA_CA_CERTS in the workflow's env:")
    if (code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE') expect(message).toContain('`NODE_EXTRA_CA_CERTS: /etc/ssl/certs/corporate-ca.pem`')
    expect(visibleLog(result)).not.toContain('--use-system-ca')
    expect(server.requests).toEqual([])
  })
})

describe('4 and 5. hostile answers', () => {
  async function hostile(failureToInject: Failure, extra: Record<string, string> = download): Promise<{ server: FakeGitLab; result: ActionRun }> {
    const server = await gitlab()
    server.failNext(failureToInject)
    return { server, result: await run(server, extra) }
  }

  it('a login page (200 text/html) instead of the archive fails naming the likely cause, and saves nothing', async () => {
    const { result } = await hostile({ hostile: 'login-page' })
    expect(result.code).toBe(1)
    const { message } = failure(result)
    expect(message).toMatch(/answered HTTP 200 with a web page \(text\/html\), not the artifacts archive\n/)
    expect(message).toContain("login (SSO) page or a proxy's page rather than GitLab itself: check 'gitlab-url'")
    expect(message).toContain('HTTPS_PROXY/NO_PROXY')
    expect(files(result)).toEqual([])
  })

  it('a gzip-encoded body is refused, not saved still encoded; identity was asked for', async () => {
    const { server, result } = await hostile({ hostile: 'gzip' }, { ...download, extract: 'false' })
    expect(result.code).toBe(1)
    expect(failure(result).message).toContain(
      "sent the body encoded as 'gzip', though only the plain bytes were asked for (Accept-Encoding: identity); nothing was saved"
    )
    expect(server.storage.requests[0].headers['accept-encoding']).toBe('identity')
    expect(files(result)).toEqual([])
  })

  ;(canTrackMemory ? it : it.skip)('a 100 MB error body is read only up to its cap: short message, flat memory', async () => {
    const server = await gitlab()
    server.failNext({ hostile: 'huge-error' })
    let stop = (): number => 0
    const result = await run(server, download, { started: child => (stop = trackPeakRss(child.pid)) })
    const peakMiB = stop() / 1024
    expect(result.code).toBe(1)
    const { message } = failure(result)
    expect(message).toContain('answered HTTP 403: Access denied by policy.')
    expect(message.length).toBeLessThan(1200)
    expect(result.summary.length).toBeLessThan(10_000)
    expect(peakMiB).toBeLessThan(150)
  })

  it('keep fails on a 200 web page and on JSON that is not the job', async () => {
    const page = await hostile(
      { status: 200, headers: { 'content-type': 'text/html' }, body: '<html>Sign in</html>' },
      { operation: 'gitlab-keep-artifacts', 'job-id': '101' }
    )
    expect(page.result.code).toBe(1)
    expect(failure(page.result).message).toContain('answered HTTP 200 with a web page (text/html), not a JSON answer')
    const other = await hostile({ status: 200, body: '{"ok":true}' }, { operation: 'gitlab-keep-artifacts', 'job-id': '101' })
    expect(other.result.code).toBe(1)
    expect(failure(other.result).message).toContain('answered HTTP 200 with JSON that is not job 101')
  })

  it('delete fails on anything but 204, saying what came', async () => {
    const { result } = await hostile({ status: 200, body: '{"message":"ok"}' }, { operation: 'gitlab-delete-artifacts', 'job-id': '101' })
    expect(result.code).toBe(1)
    expect(failure(result).message).toContain('answered HTTP 200 (application/json: {"message":"ok"}), not HTTP 204 (No Content)')
  })
})

describe('6. deadlines', () => {
  it('a body trickling a byte a second ends at timeout, saying how much arrived', async () => {
    const { result } = await (async () => {
      const server = await gitlab()
      server.failNext({ hostile: 'trickle' })
      return { result: await run(server, { ...download, 'job-id': '107', timeout: '3s' }) }
    })()
    expect(result.code).toBe(1)
    const { message, title } = failure(result)
    expect(title).toBe('Timed out')
    expect(message).toMatch(/^Timed out after 3s while trying to download the artifacts of job 107 of group\/sub\/project \(received \d+ B of 2\.0 MiB\)\n/)
    expect(message).toContain("Raise 'timeout'")
    expect(files(result)).toEqual([])
  })

  it('a download that stalls is restarted after stall-timeout, and the log says how much had arrived', async () => {
    const server = await gitlab()
    server.failNext({ hostile: 'stall' })
    const result = await run(server, { ...download, 'job-id': '107', extract: 'false', 'stall-timeout': '1s' })
    expect(result.code).toBe(0)
    expect(visibleLog(result)).toContain("no data arrived for 1s ('stall-timeout'); received 1.0 KiB of 2.0 MiB; retrying in")
    expect(server.storage.requests).toHaveLength(2)
  })
})

describe('7. cancellation', () => {
  /** Runs the action and sends `signal` once `ready` says so (from the servers or the log). */
  async function cancelWhen(server: FakeGitLab, extra: Record<string, string>, ready: (log: string) => boolean, signal: NodeJS.Signals): Promise<ActionRun> {
    let child: ChildProcess | undefined
    let log = ''
    let sent = false
    const poll = setInterval(() => {
      if (!sent && child && ready(log)) {
        sent = true
        child.kill(signal)
      }
    }, 20)
    try {
      return await run(server, extra, { started: started => (child = started), onOutput: text => (log += text) })
    } finally {
      clearInterval(poll)
    }
  }

  function expectCancelled(result: ActionRun, doing: RegExp): void {
    expect(result.code).toBe(1)
    const { message, title } = failure(result)
    expect(title).toBe('Cancelled')
    expect(message).toMatch(doing)
    // Neither the temporary download nor a partly extracted file is left behind.
    expect(files(result)).toEqual([])
  }

  it('SIGINT stops a download in progress and removes its temporary file', async () => {
    const server = await gitlab()
    server.failNext({ hostile: 'trickle' })
    const result = await cancelWhen(server, { ...download, 'job-id': '107' }, () => server.trickled() > 0, 'SIGINT')
    expectCancelled(result, /^Cancelled while trying to download the artifacts of job 107 of group\/sub\/project \(received \d+ B of 2\.0 MiB\)/)
  })

  it('SIGINT stops a request waiting for headers', async () => {
    const server = await gitlab()
    server.failNext({ hostile: 'hang' })
    const result = await cancelWhen(server, download, () => server.storage.requests.length > 0, 'SIGINT')
    expectCancelled(result, /^Cancelled while trying to download the artifacts of job 101/)
  })

  it('SIGINT stops a retry back-off', async () => {
    const server = await gitlab()
    server.failNext({ status: 503, at: 'storage' }, 5)
    const result = await cancelWhen(server, download, log => log.includes('retrying in'), 'SIGINT')
    expectCancelled(result, /^Cancelled while trying to download the artifacts of job 101/)
    expect(server.storage.requests.length).toBeLessThan(5)
  })

  it('SIGTERM stops an extraction in progress and removes what it wrote and the temporary zip', async () => {
    const server = await gitlab()
    const result = await cancelWhen(server, { ...download, 'job-id': '300' }, log => log.includes('Extracting 1 file'), 'SIGTERM')
    expectCancelled(result, /^Cancelled while extracting the artifacts/)
  }, 120_000)
})

describe('10. file names from the server', () => {
  it.each([
    ['..\\..\\startup\\evil.bat', 'evil.bat'],
    ['../../../etc/evil.sh', 'evil.sh'],
    ['C:\\Windows\\System32\\NUL.txt', '_NUL.txt']
  ])('Content-Disposition %s is saved as %s inside path', async (sent, saved) => {
    const server = await gitlab()
    server.failNext({
      status: 200,
      headers: { 'content-type': 'application/octet-stream', 'content-disposition': `attachment; filename="${sent.replace(/\\/g, '\\\\')}"` },
      body: 'payload'
    })
    const result = await run(server, { operation: 'gitlab-download-artifact-file', 'job-id': '101', 'artifact-path': 'dist/app.txt' })
    expect(result.code).toBe(0)
    expect(files(result)).toEqual([saved])
    expect(result.outputs['download-path']).toBe(path.join(result.workspace, 'out', saved))
  })
})
