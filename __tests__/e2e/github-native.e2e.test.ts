import { startGitHubSimulator, type GitHubSimulator } from '../../simulator/github.js'
import { demoScenario, startHarnessFirstGen } from '../../simulator/harness-firstgen.js'
import { DEMO_NEXTGEN, startHarnessNextGen } from '../../simulator/harness-nextgen.js'
import { annotations, runAction, visibleLog } from './action.js'

let github: GitHubSimulator
let harness: Awaited<ReturnType<typeof startHarnessNextGen>>

beforeAll(async () => {
  github = await startGitHubSimulator()
  harness = await startHarnessNextGen()
})

afterAll(async () => {
  await Promise.all([github.close(), harness.close()])
})

beforeEach(() => {
  github.reset()
})

const SHA = 'a'.repeat(40)
const GITHUB_TOKEN = 'ghs_e2e-secret-token'
const nextgen = {
  operation: 'harness-ng-run-pipeline',
  'harness-url': 'http://127.0.0.1:9',
  'harness-api-key': DEMO_NEXTGEN.apiKey,
  'harness-account-id': DEMO_NEXTGEN.accountId,
  'harness-org': DEMO_NEXTGEN.org,
  'harness-project': DEMO_NEXTGEN.project,
  'poll-interval': '0.1',
  timeout: '30s',
  'github-token': GITHUB_TOKEN,
  'github-environment': 'staging'
}
const runner = () => ({ GITHUB_API_URL: github.url, GITHUB_REPOSITORY: 'octo/shop', GITHUB_SHA: SHA })

/** Runs a NextGen pipeline of the simulator's demo data, mirrored onto the fake GitHub API. */
async function deploy(pipeline: string) {
  const run = await runAction({ ...nextgen, 'harness-url': harness.url, pipeline }, { env: runner() })
  for (const text of [visibleLog(run), run.summary, ...Object.values(run.outputs)]) {
    expect(text).not.toContain(DEMO_NEXTGEN.apiKey)
    expect(text).not.toContain(GITHUB_TOKEN)
  }
  return run
}

function githubStates(): string[] {
  expect(github.deployments).toHaveLength(1)
  return github.deployments[0].statuses.map(status => status.state)
}

describe('a NextGen execution mirrored onto a GitHub deployment', () => {
  it('creates one deployment for the commit and ends it as success', async () => {
    const run = await deploy('deploy_payments')
    expect(run.code).toBe(0)
    const [deployment] = github.deployments
    expect(deployment).toMatchObject({ repository: 'octo/shop', ref: SHA, environment: 'staging', auto_merge: false, required_contexts: [] })
    // Running → ApprovalWaiting → Running → Success: one in_progress, then success.
    expect(githubStates()).toEqual(['in_progress', 'success'])
    expect(deployment.statuses[1]).toMatchObject({ environment_url: run.outputs['execution-url'], log_url: run.outputs['execution-url'] })
    expect(run.outputs['deployment-id']).toBe(String(deployment.id))
    expect(annotations(run.stdout).filter(annotation => annotation.level !== 'notice')).toEqual([])
  })

  it('ends it as failure when the execution fails, with the failure annotated and summarised', async () => {
    const run = await deploy('deploy_broken')
    expect(run.code).toBe(1)
    expect(githubStates()).toEqual(['in_progress', 'failure'])
    const errors = annotations(run.stdout).filter(annotation => annotation.level === 'error')
    expect(errors).toHaveLength(1)
    expect(errors[0].title).toBe('Deployment Failed')
    expect(errors[0].message).toContain("Shell Script step 'smoke_test' failed: exit status 1")
    expect(run.summary).toContain('<h3>❌ harness-ng-run-pipeline</h3>')
    expect(run.summary).toContain('<td>❌ Failed</td>')
    expect(run.summary).toContain('<strong>Deployment Failed</strong>')
  })

  it('leaves the Harness result alone and warns when GitHub cannot create the deployment', async () => {
    github.failNext('deployment', 500)
    const run = await deploy('deploy_payments')
    expect(run.code).toBe(0)
    expect(run.outputs.status).toBe('Success')
    expect(run.outputs['deployment-id']).toBeUndefined()
    expect(github.deployments).toHaveLength(0)
    const warnings = annotations(run.stdout).filter(annotation => annotation.level === 'warning')
    expect(warnings.map(warning => warning.message)).toEqual([
      'Could not create the GitHub deployment: HTTP 500: Server Error. The Harness deployment is not affected.'
    ])
  })

  it('leaves a failed Harness result failed when GitHub refuses every status', async () => {
    github.failNext('status', 500, 100)
    const run = await deploy('deploy_broken')
    expect(run.code).toBe(1)
    expect(run.outputs.status).toBe('Failed')
    const warnings = annotations(run.stdout).filter(annotation => annotation.level === 'warning')
    expect(warnings.map(warning => warning.message)).toEqual([
      expect.stringMatching(/^Could not set the GitHub deployment \d+ to in_progress: HTTP 500/),
      expect.stringMatching(/^Could not set the GitHub deployment \d+ to failure: HTTP 500/)
    ])
    expect(annotations(run.stdout).filter(annotation => annotation.level === 'error')).toHaveLength(1)
  })
})

describe('a FirstGen execution mirrored onto a GitHub deployment', () => {
  async function startFirstGen(extra: Record<string, string>, workflowStatuses?: string[]) {
    const scenario = demoScenario()
    if (workflowStatuses) scenario.applications[0].workflows = [{ id: 'wf-api', name: 'Deploy api', statuses: workflowStatuses }]
    const firstgen = await startHarnessFirstGen(scenario)
    try {
      return await runAction(
        {
          operation: 'harness-start-execution',
          'harness-url': firstgen.url,
          'harness-api-key': scenario.apiKey,
          'harness-account-id': scenario.accountId,
          application: 'shop',
          'poll-interval': '0.1',
          'github-token': GITHUB_TOKEN,
          'github-environment': 'production',
          ...extra
        },
        { env: runner() }
      )
    } finally {
      await firstgen.close()
    }
  }

  it('QUEUED → RUNNING → PAUSED → RUNNING → SUCCESS: one deployment, in_progress then success', async () => {
    const run = await startFirstGen({ pipeline: 'Release to production' })
    expect(run.code).toBe(0)
    expect(githubStates()).toEqual(['in_progress', 'success'])
    expect(github.deployments[0]).toMatchObject({ ref: SHA, environment: 'production', description: `Harness execution ${run.outputs['execution-id']}` })
    expect(github.deployments[0].statuses.map(status => status.description)).toEqual(['Harness status QUEUED', 'Harness status SUCCESS'])
    expect(run.outputs['deployment-id']).toBe(String(github.deployments[0].id))
  })

  it.each([
    ['FAILED', 'failure'],
    ['ERROR', 'error'],
    ['ABORTED', 'inactive']
  ])('a workflow that ends %s ends the deployment as %s and fails the step', async (status, state) => {
    const run = await startFirstGen({ workflow: 'Deploy api' }, ['QUEUED', 'RUNNING', status])
    expect(run.code).toBe(1)
    expect(githubStates()).toEqual(['in_progress', state])
  })

  it('a timeout ends the deployment as error with the reason', async () => {
    const run = await startFirstGen({ workflow: 'Deploy api', timeout: '0.5' }, ['RUNNING'])
    expect(run.code).toBe(1)
    expect(githubStates()).toEqual(['in_progress', 'error'])
    expect(github.deployments[0].statuses[1].description).toMatch(/^Timed out after/)
  })
})

describe('a step that fails before anything starts', () => {
  it('annotates the failure, writes a summary saying what failed, and sends nothing to GitHub', async () => {
    const run = await runAction(nextgen, { env: runner() })

    expect(run.code).toBe(1)
    expect(annotations(run.stdout)).toEqual([
      { level: 'error', title: 'Invalid input', message: "Input 'pipeline' is required: the NextGen pipeline identifier." }
    ])
    expect(run.summary).toBe(
      "<h3>❌ harness-ng-run-pipeline</h3>\n<p><strong>Invalid input</strong>: Input 'pipeline' is required: the NextGen pipeline identifier.</p>\n"
    )
    expect(run.outputs).toEqual({})
    expect(github.requests).toHaveLength(0)
    expect(visibleLog(run) + run.summary).not.toMatch(/secret-(key|token)/)
  })

  it('asks for github-token when github-environment is set without it', async () => {
    const run = await runAction({ ...nextgen, pipeline: 'deploy', 'github-token': '' }, { env: runner() })
    expect(run.code).toBe(1)
    const [error] = annotations(run.stdout)
    expect(error.title).toBe('Invalid input')
    expect(error.message).toContain("Input 'github-token' is required when 'github-environment' is set")
    expect(github.requests).toHaveLength(0)
  })
})
