// A step loads only its own family's chunk of the bundle (src/operations/registry.ts): a GitLab step
// never parses the Harness clients, nor a Harness step yauzl and the GitLab clients. Pinned by running
// a copy of dist/ with the other family's chunk removed: the step must still reach its server.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { projectRoot } from '../../simulator/run-action.js'
import { startServer, type RunningServer } from '../../simulator/server.js'
import { runAction, visibleLog } from './action.js'

let server: RunningServer
let copies: string

beforeAll(async () => {
  // Answers every request with a plain 404: the step fails at once, after its family's code ran.
  server = await startServer((_request, res) => {
    res.writeHead(404, { 'content-type': 'application/json' })
    res.end('{"message":"404 Not Found"}')
  })
  copies = mkdtempSync(path.join(tmpdir(), 'bundle-'))
})
afterAll(async () => {
  await server.close()
  rmSync(copies, { recursive: true, force: true })
})

/** A copy of dist/ without the chunks that hold `marker` (code only the other family uses). */
function bundleWithout(marker: string, keep: string): string {
  const folder = mkdtempSync(path.join(copies, 'dist-'))
  cpSync(path.join(projectRoot, 'dist'), folder, { recursive: true })
  const removed = readdirSync(folder).filter(file => {
    if (!/^\d+\.index\.js$/.test(file)) return false
    const code = readFileSync(path.join(folder, file), 'utf8')
    return code.includes(marker) && !code.includes(keep)
  })
  expect(removed.length).toBeGreaterThan(0)
  for (const file of removed) rmSync(path.join(folder, file))
  return path.join(folder, 'index.js')
}

const NEXTGEN_CLIENT = 'pipelineExecutionSummary'
const GITLAB_CLIENT = 'artifacts_file'

it('a GitLab step runs without the Harness chunk', async () => {
  const before = server.requests.length
  const run = await runAction(
    { operation: 'gitlab-keep-artifacts', 'gitlab-url': server.url, 'gitlab-token': 'glpat-chunks', project: 'shop/web', 'job-id': '42' },
    { bundle: bundleWithout(NEXTGEN_CLIENT, GITLAB_CLIENT) }
  )
  expect(run.code).toBe(1)
  expect(visibleLog(run)).not.toMatch(/Cannot find module|ERR_MODULE_NOT_FOUND/)
  expect(server.requests.length).toBeGreaterThan(before)
})

it('a NextGen step runs without the GitLab chunk', async () => {
  const before = server.requests.length
  const run = await runAction(
    {
      operation: 'harness-ng-execution-status',
      'harness-url': server.url,
      'harness-api-key': 'pat.chunks',
      'harness-account-id': 'acct-1',
      'harness-org': 'default',
      'harness-project': 'shop',
      'execution-id': 'exec-1'
    },
    { bundle: bundleWithout(GITLAB_CLIENT, NEXTGEN_CLIENT) }
  )
  expect(run.code).toBe(1)
  expect(visibleLog(run)).not.toMatch(/Cannot find module|ERR_MODULE_NOT_FOUND/)
  expect(server.requests.length).toBeGreaterThan(before)
})
