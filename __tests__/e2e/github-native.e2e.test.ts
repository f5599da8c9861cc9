import { startGitHubSimulator, type GitHubSimulator } from '../../simulator/github.js'
import { annotations, runAction, visibleLog } from './action.js'

let github: GitHubSimulator

beforeAll(async () => {
  github = await startGitHubSimulator()
})

afterAll(async () => {
  await github.close()
})

const nextgen = {
  operation: 'harness-ng-run-pipeline',
  'harness-api-key': 'pat.e2e.secret-key',
  'harness-account-id': 'acc',
  'harness-org': 'default',
  'harness-project': 'shop',
  'github-token': 'ghs_e2e-secret-token',
  'github-environment': 'staging'
}
const runner = () => ({ GITHUB_API_URL: github.url, GITHUB_REPOSITORY: 'octo/shop', GITHUB_SHA: 'a'.repeat(40) })

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
