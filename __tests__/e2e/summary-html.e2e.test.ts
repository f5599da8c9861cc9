// Every operation's job summary, as dist/index.js writes it for the runner, is valid HTML: once for
// a step that passes and once for one that fails (a failed deployment, an error from the service,
// or a step that could not start). Checked with parse5 (simulator/summary-html.js): no parse
// error, and every element the action opens it closes, in order.
import { startGitLab, type FakeGitLab } from '../../simulator/gitlab.js'
import { demoScenario, startHarnessFirstGen } from '../../simulator/harness-firstgen.js'
import { DEMO_NEXTGEN, startHarnessNextGen } from '../../simulator/harness-nextgen.js'
import { htmlProblems } from '../../simulator/summary-html.js'
import { readByOperation, runAction } from './action.js'
import { bundleSetsOutput } from './pending.js'

type Servers = {
  firstGen: Awaited<ReturnType<typeof startHarnessFirstGen>>
  nextGen: Awaited<ReturnType<typeof startHarnessNextGen>>
  gitLab: FakeGitLab
}

const GITLAB_TOKEN = 'glpat-summary-html'
let servers: Servers

beforeAll(async () => {
  const firstGen = demoScenario()
  const [first, next, gitLab] = await Promise.all([
    startHarnessFirstGen({
      ...firstGen,
      executions: [
        { id: 'exec-passed', applicationId: 'app-shop', type: 'WORKFLOW', entityId: 'wf-api', statuses: ['SUCCESS'] },
        {
          id: 'exec-failed',
          applicationId: 'app-shop',
          type: 'WORKFLOW',
          entityId: 'wf-api',
          statuses: [{ status: 'FAILED', failureDetails: 'Smoke test <exit 1> failed' }]
        }
      ]
    }),
    startHarnessNextGen(),
    startGitLab({
      project: { id: 7, path: 'shop/web' },
      token: GITLAB_TOKEN,
      jobs: [
        { id: 1001, name: 'build', ref: 'main', entries: [{ name: 'dist/app.txt', data: Buffer.from('app\n') }] },
        { id: 1002, name: 'lint', ref: 'main' }
      ]
    })
  ])
  servers = { firstGen: first, nextGen: next, gitLab }
})

afterAll(async () => {
  await Promise.all([servers.firstGen.close(), servers.nextGen.close(), servers.gitLab.close()])
})

function firstGen(inputs: Record<string, string>): Record<string, string> {
  const scenario = demoScenario()
  return {
    'harness-url': servers.firstGen.url,
    'harness-api-key': scenario.apiKey,
    'harness-account-id': scenario.accountId,
    'poll-interval': '0.1s',
    ...inputs
  }
}

function nextGen(inputs: Record<string, string>): Record<string, string> {
  return {
    'harness-url': servers.nextGen.url,
    'harness-api-key': DEMO_NEXTGEN.apiKey,
    'harness-account-id': DEMO_NEXTGEN.accountId,
    'harness-org': DEMO_NEXTGEN.org,
    'harness-project': DEMO_NEXTGEN.project,
    'poll-interval': '0.1s',
    ...inputs
  }
}

function gitLab(inputs: Record<string, string>): Record<string, string> {
  return { 'gitlab-url': servers.gitLab.url, 'gitlab-token': GITLAB_TOKEN, project: 'shop/web', ...inputs }
}

/** Each operation, with inputs for a step that passes and for one that fails. */
const CASES: Array<[operation: string, passing: () => Record<string, string>, failing: () => Record<string, string>]> = [
  [
    'harness-start-execution',
    () => firstGen({ application: 'shop', pipeline: 'Release to production' }),
    () => firstGen({ application: 'shop', pipeline: 'No such pipeline' })
  ],
  ['harness-execution-status', () => firstGen({ 'execution-id': 'exec-passed' }), () => firstGen({ 'execution-id': 'exec-failed' })],
  ['harness-artifact-cleanup', () => firstGen({ 'artifact-stream-id': 'stream-docker-api' }), () => firstGen({ 'artifact-stream-id': 'stream-jenkins' })],
  ['harness-ng-run-pipeline', () => nextGen({ pipeline: 'deploy_payments' }), () => nextGen({ pipeline: 'deploy_broken' })],
  ['harness-ng-execution-status', () => nextGen({ 'execution-id': 'will-be-replaced' }), () => nextGen({ 'execution-id': 'no-such-execution' })],
  ['gitlab-download-artifacts', () => gitLab({ ref: 'main', job: 'build' }), () => gitLab({ ref: 'main', job: 'lint' })],
  [
    'gitlab-download-artifact-file',
    () => gitLab({ 'job-id': '1001', 'artifact-path': 'dist/app.txt' }),
    () => gitLab({ 'job-id': '1001', 'artifact-path': 'dist/missing.txt' })
  ],
  ['gitlab-keep-artifacts', () => gitLab({ 'job-id': '1001' }), () => gitLab({ 'job-id': '9999' })],
  ['gitlab-delete-artifacts', () => gitLab({ 'job-id': '1001' }), () => gitLab({ 'job-id': '1001', 'gitlab-token': 'glpat-wrong' })]
]

/** A NextGen execution that passed, for the status read. */
async function passedNextGenExecution(): Promise<string> {
  const run = await runAction({ operation: 'harness-ng-run-pipeline', ...nextGen({ pipeline: 'deploy_payments' }) })
  return run.outputs['execution-id']
}

describe('the job summary of every operation is valid HTML', () => {
  it.each(CASES)('%s, passing and failing', async (operation, passing, failing) => {
    const passingInputs = passing()
    if (operation === 'harness-ng-execution-status') passingInputs['execution-id'] = await passedNextGenExecution()
    const passed = await runAction(readByOperation({ operation, ...passingInputs }))
    const failed = await runAction(readByOperation({ operation, ...failing() }))
    expect([passed.code, failed.code]).toEqual([0, 1])
    for (const run of [passed, failed]) {
      expect(run.summary).toMatch(/^<h3>/)
      expect(htmlProblems(run.summary)).toEqual([])
    }
  })

  it('a step that cannot start (bad input) still writes a valid summary', async () => {
    const run = await runAction({ operation: 'gitlab-keep-artifacts', ...gitLab({ 'job-id': 'abc' }) })
    expect(run.code).toBe(1)
    expect(run.summary).toContain('Invalid input')
    expect(htmlProblems(run.summary)).toEqual([])
  })
})

// GitLab results carry the job's web URL once every GitLab operation outputs job-url (issue 12,
// point 4, another change); until the bundle sets that output this waits, saying so.
const jobUrls = bundleSetsOutput('job-url')
;(jobUrls ? it : it.skip)(
  `links the GitLab job in the summary of every GitLab operation that passes${jobUrls ? '' : ' (SKIPPED: dist/ does not set the job-url output yet)'}`,
  async () => {
    const build = servers.gitLab.jobs.get(1001)
    if (build) build.deleted = false // the delete above removed them
    for (const [operation, passing] of CASES.filter(([name]) => name.startsWith('gitlab-'))) {
      const run = await runAction({ operation, ...passing() })
      expect(run.code).toBe(0)
      expect(run.summary).toMatch(/<a href="[^"]+\/-\/jobs\/1001">[^<]+<\/a>/)
    }
  }
)
