// Server text never commands the runner: every field a server sends that the action writes to the
// log, an annotation or the job summary is fed with workflow-command and markup payloads, and what
// the runner would read from stdout is parsed as the runner parses it.
import { ACCOUNT, API_KEY, startSimulator } from '../harness/firstgen-fixtures.js'
import { startGitLab, type FakeGitLab } from '../../simulator/gitlab.js'
import { startHarnessNextGen } from '../../simulator/harness-nextgen.js'
import { readByOperation, runAction, type ActionRun } from './action.js'

/** Each payload carries the marker INJECTED, so that a command made from it can be told from the action's own. */
const PAYLOAD = [
  'INJECTED-start',
  '::error::INJECTED-error',
  '  ::warning title=x::INJECTED-indented',
  '::add-mask::INJECTED-mask',
  '::stop-commands::INJECTED-stop',
  'text ##[error]INJECTED-legacy',
  '<img src=x onerror=alert(1)> [click](https://evil.example/INJECTED) **INJECTED-bold** | INJECTED-pipe |',
  '',
  '<script>INJECTED</script>'
].join('\n')

interface RunnerCommand {
  name: string
  properties: string
  message: string
}

/** The workflow commands the runner would act on: `::name props::message` at the start of a trimmed line, or `##[name]` anywhere. */
function runnerCommands(stdout: string): RunnerCommand[] {
  const commands: RunnerCommand[] = []
  for (const line of stdout.split('\n')) {
    const trimmed = line.trim()
    const match = /^::([A-Za-z-]+)(?: ([^:]*))?::(.*)$/.exec(trimmed)
    if (match) commands.push({ name: match[1], properties: match[2] ?? '', message: match[3] })
    for (const legacy of trimmed.matchAll(/##\[([A-Za-z-]+)\](.*)/g)) commands.push({ name: `legacy-${legacy[1]}`, properties: '', message: legacy[2] })
  }
  return commands
}

/** Nothing the runner would execute came from a payload; the summary shows the payload as text. */
function expectHarmless(result: ActionRun): void {
  for (const command of runnerCommands(result.stdout)) {
    expect(command.name).not.toMatch(/^legacy-/)
    expect(command.name).not.toBe('stop-commands')
    expect(['error', 'warning', 'notice', 'debug', 'group', 'endgroup', 'add-mask']).toContain(command.name)
    if (command.name === 'add-mask') expect(command.message).not.toContain('INJECTED')
    // The action's own annotations carry the payload inside their message, never as a command of their own.
    expect(command.message).not.toMatch(/^INJECTED/)
    expect(command.properties).not.toContain('INJECTED')
  }
  expect(result.summary).not.toContain('<img')
  expect(result.summary).not.toContain('<script')
  expect(result.summary).not.toContain('](https://evil.example')
  expect(result.summary).not.toContain('**INJECTED')
}

const running: Array<{ close: () => Promise<void> }> = []
afterEach(async () => {
  await Promise.all(running.splice(0).map(server => server.close()))
})

describe('Harness FirstGen fields', () => {
  const harnessInputs = (url: string, extra: Record<string, string>): Record<string, string> =>
    readByOperation({
      'harness-url': url,
      'harness-api-key': API_KEY,
      'harness-account-id': ACCOUNT,
      'poll-interval': '0.1',
      timeout: '30s',
      ...extra
    })

  it('failure message, application, stage and step names', async () => {
    const sim = await startSimulator({
      applications: [
        {
          id: 'app-evil',
          name: `shop ${PAYLOAD}`,
          pipelines: [
            {
              id: 'pipe-evil',
              name: 'Release',
              stages: [{ stage: `Deploy ${PAYLOAD}`, step: `Step ${PAYLOAD}` }],
              statuses: [{ status: 'RUNNING' }, { status: 'FAILED', stages: ['FAILED'], failureDetails: `Boom ${PAYLOAD}` }]
            }
          ]
        }
      ]
    })
    running.push(sim)
    const result = await runAction(harnessInputs(sim.url, { operation: 'harness-start-execution', 'application-id': 'app-evil', 'pipeline-id': 'pipe-evil' }))
    expect(result.code).toBe(1)
    expect(result.stdout).toContain('INJECTED-error')
    expectHarmless(result)
  })

  it('artifact-cleanup message', async () => {
    const sim = await startSimulator({ artifactStreams: [{ id: 'stream-evil', type: 'DOCKER', failure: PAYLOAD }] })
    running.push(sim)
    const result = await runAction(harnessInputs(sim.url, { operation: 'harness-artifact-cleanup', 'artifact-stream-id': 'stream-evil' }))
    expect(result.code).toBe(1)
    expect(result.stdout).toContain('INJECTED-error')
    expectHarmless(result)
  })
})

describe('Harness NextGen fields', () => {
  it('failure message and stage names', async () => {
    const sim = await startHarnessNextGen({
      pipelines: {
        evil: {
          name: `Evil ${PAYLOAD}`,
          stages: [{ identifier: 'deploy', name: `Deploy ${PAYLOAD}`, type: 'Deployment' }],
          script: ['Running', 'Failed'],
          failure: { stage: 'deploy', message: `Failed ${PAYLOAD}` }
        }
      }
    })
    running.push(sim)
    const result = await runAction({
      operation: 'harness-ng-run-pipeline',
      'harness-url': sim.url,
      'harness-api-key': 'pat.demo-account.demo-nextgen-key',
      'harness-account-id': 'demo-account',
      'harness-org': 'default',
      'harness-project': 'payments',
      pipeline: 'evil',
      'poll-interval': '0.1',
      timeout: '30s'
    })
    expect(result.code).toBe(1)
    expect(result.stdout).toContain('INJECTED-error')
    expectHarmless(result)
  })

  it("the failing step's name, message and log lines, and output variable names and values", async () => {
    const sim = await startHarnessNextGen({
      pipelines: {
        evil: {
          name: 'Evil',
          stages: [
            {
              identifier: 'deploy',
              name: `Deploy ${PAYLOAD}`,
              steps: [
                { identifier: 'exporter', name: 'Export', outputs: { [`NAME ${PAYLOAD}`]: `value ${PAYLOAD}` } },
                { identifier: 'smoke', name: `Smoke ${PAYLOAD}`, fails: true, failureMessage: `Step failed ${PAYLOAD}`, log: PAYLOAD.split('\n') }
              ]
            }
          ],
          script: ['Running', 'Failed'],
          failure: { stage: 'deploy', message: `Failed ${PAYLOAD}` }
        }
      }
    })
    running.push(sim)
    // The exporter succeeds in a stage that fails later: its outputs are reported all the same.
    const result = await runAction({
      operation: 'harness-ng-run-pipeline',
      'harness-url': sim.url,
      'harness-api-key': 'pat.demo-account.demo-nextgen-key',
      'harness-account-id': 'demo-account',
      'harness-org': 'default',
      'harness-project': 'payments',
      pipeline: 'evil',
      'poll-interval': '0.1',
      timeout: '30s'
    })
    expect(result.code).toBe(1)
    expect(sim.calls('log')).toHaveLength(1)
    expect(result.stdout).toContain('INJECTED-start')
    expect(result.stdout).toContain('INJECTED-error')
    expect(result.summary).toContain('INJECTED-legacy')
    expectHarmless(result)
  })
})

describe('GitLab fields', () => {
  const token = 'glpat-injection-token'
  async function gitlab(): Promise<FakeGitLab> {
    const server = await startGitLab({ jobs: [{ id: 101, entries: [{ name: 'a.txt', data: 'a' }] }], token })
    running.push(server)
    return server
  }
  const inputs = (server: FakeGitLab, operation: string): Record<string, string> =>
    readByOperation({
      operation,
      'gitlab-url': server.url,
      'gitlab-token': token,
      project: 'group/sub/project',
      'job-id': '101',
      path: 'out'
    })

  it('artifacts_expire_at of a kept job', async () => {
    const server = await gitlab()
    server.failNext({ status: 200, body: JSON.stringify({ id: 101, artifacts_expire_at: PAYLOAD, web_url: 'javascript:alert(1)' }) })
    const result = await runAction(inputs(server, 'gitlab-keep-artifacts'))
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('INJECTED-error')
    expectHarmless(result)
    expect(result.summary).not.toContain('javascript:')
  })

  it.each(['gitlab-download-artifacts', 'gitlab-delete-artifacts'])('an error message of GitLab (%s)', async operation => {
    const server = await gitlab()
    server.failNext({ status: 404, body: JSON.stringify({ message: PAYLOAD }) })
    const result = await runAction(inputs(server, operation))
    expect(result.code).toBe(1)
    expect(result.stdout).toContain('INJECTED-error')
    expectHarmless(result)
  })
})
