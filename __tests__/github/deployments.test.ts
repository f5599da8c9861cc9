import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { startGitHubSimulator, type GitHubSimulator } from '../../simulator/github.js'
import { parseOutputFile } from '../e2e/action.js'
import { captureStdout } from '../stdout.js'

const SHA = '0123456789abcdef0123456789abcdef01234567'
const TOKEN = 'ghs_test-token-value'
const execution = { id: 'exec-42', url: 'https://app.harness.io/#/account/acc/executions/exec-42/details' }

// @actions/github reads GITHUB_SHA when it is loaded: the environment is set first, the module loaded after.
process.env.GITHUB_SHA = SHA
process.env.GITHUB_REPOSITORY = 'octo/shop'
const { deploymentProgress } = await import('../../src/github/deployments.js')
const { NO_DEPLOYMENT } = await import('../../src/operations/types.js')

let github: GitHubSimulator
let outputFile: string
const stdout = captureStdout()

beforeAll(async () => {
  github = await startGitHubSimulator()
  process.env.GITHUB_API_URL = github.url
})

afterAll(async () => {
  await github.close()
})

beforeEach(() => {
  github.reset()
  process.env.GITHUB_REPOSITORY = 'octo/shop'
  outputFile = path.join(mkdtempSync(path.join(tmpdir(), 'deployments-')), 'output')
  writeFileSync(outputFile, '')
  process.env.GITHUB_OUTPUT = outputFile
})

function mirror(): ReturnType<typeof deploymentProgress> {
  return deploymentProgress({ token: TOKEN, environment: 'production' })
}

function warnings(): string[] {
  return [...stdout().matchAll(/^::warning::(.*)$/gm)].map(match => match[1].replace(/%0A/g, '\n'))
}

describe('deploymentProgress', () => {
  it('sends nothing to GitHub without github-environment', async () => {
    const progress = deploymentProgress(undefined)
    expect(progress).toBe(NO_DEPLOYMENT)
    await progress.started(execution)
    await progress.changed('SUCCESS', 'success')
    expect(github.requests).toHaveLength(0)
  })

  it('creates one deployment for the commit and mirrors each change of state', async () => {
    const progress = mirror()
    await progress.started(execution)
    await progress.changed('QUEUED', 'in_progress')
    await progress.changed('RUNNING', 'in_progress')
    await progress.changed('PAUSED', 'in_progress')
    await progress.changed('SUCCESS', 'success')

    expect(github.deployments).toHaveLength(1)
    const [deployment] = github.deployments
    expect(deployment).toMatchObject({
      repository: 'octo/shop',
      ref: SHA,
      environment: 'production',
      auto_merge: false,
      required_contexts: [],
      description: 'Harness execution exec-42',
      payload: { harnessExecutionId: 'exec-42', harnessExecutionUrl: execution.url }
    })
    expect(deployment.statuses.map(status => [status.state, status.description])).toEqual([
      ['in_progress', 'Harness status QUEUED'],
      ['success', 'Harness status SUCCESS']
    ])
    for (const status of deployment.statuses) {
      expect(status).toMatchObject({ environment_url: execution.url, log_url: execution.url })
    }
    expect(github.requests.every(request => request.headers.authorization === `token ${TOKEN}`)).toBe(true)
    expect(parseOutputFile(readFileSync(outputFile, 'utf8'))).toEqual({ 'deployment-id': String(deployment.id) })
    expect(warnings()).toEqual([])
  })

  it.each([
    ['failure', 'Failed'],
    ['error', 'Errored'],
    ['inactive', 'Aborted']
  ] as const)('ends the deployment as %s for a NextGen %s', async (state, status) => {
    const progress = mirror()
    await progress.started(execution)
    await progress.changed('Running', 'in_progress')
    await progress.changed(status, state)
    expect(github.deployments[0].statuses.map(s => s.state)).toEqual(['in_progress', state])
  })

  it('creates the deployment once even if told twice that the execution started', async () => {
    const progress = mirror()
    await progress.started(execution)
    await progress.started(execution)
    expect(github.deployments).toHaveLength(1)
  })

  it('ends a deployment left in progress as error when the step fails without a final status', async () => {
    const progress = mirror()
    await progress.started(execution)
    await progress.changed('RUNNING', 'in_progress')
    await progress.interrupted('Timed out after 30m waiting for Harness execution exec-42; last status RUNNING')
    expect(github.deployments[0].statuses.map(s => [s.state, s.description])).toEqual([
      ['in_progress', 'Harness status RUNNING'],
      ['error', 'Timed out after 30m waiting for Harness execution exec-42; last status RUNNING']
    ])
  })

  it('leaves a deployment with a final status alone when the step fails', async () => {
    const progress = mirror()
    await progress.started(execution)
    await progress.changed('FAILED', 'failure')
    await progress.interrupted('Harness execution exec-42 ended with status FAILED')
    expect(github.deployments[0].statuses.map(s => s.state)).toEqual(['failure'])
  })

  it('cuts a long description to the 140 characters GitHub keeps', async () => {
    const progress = mirror()
    await progress.started(execution)
    await progress.interrupted(`Could not poll: ${'x'.repeat(300)}`)
    const [status] = github.deployments[0].statuses
    expect(status.description).toHaveLength(140)
    expect(status.description?.endsWith('…')).toBe(true)
  })

  it('warns and carries on when GitHub fails to create the deployment', async () => {
    github.failNext('deployment', 500)
    const progress = mirror()
    await expect(progress.started(execution)).resolves.toBeUndefined()
    await expect(progress.changed('SUCCESS', 'success')).resolves.toBeUndefined()
    await expect(progress.interrupted('whatever')).resolves.toBeUndefined()

    expect(github.deployments).toHaveLength(0)
    // Creating is not retried after an answer: a second deployment could result.
    expect(github.requests).toHaveLength(1)
    const [warning] = warnings()
    expect(warning).toContain('Could not create the GitHub deployment: HTTP 500')
    expect(warning).toContain('The Harness deployment is not affected.')
    expect(stdout()).not.toContain(TOKEN)
    expect(readFileSync(outputFile, 'utf8')).toBe('')
  })

  it('retries a deployment status after a 5xx', async () => {
    const progress = mirror()
    await progress.started(execution)
    github.failNext('status', 502)
    await progress.changed('SUCCESS', 'success')
    expect(github.deployments[0].statuses.map(s => s.state)).toEqual(['success'])
    expect(warnings()).toEqual([])
  })

  it('warns when GitHub keeps failing a status, and tries again on the next change', async () => {
    const progress = mirror()
    await progress.started(execution)
    github.failNext('status', 500, 3)
    await expect(progress.changed('RUNNING', 'in_progress')).resolves.toBeUndefined()
    await progress.changed('SUCCESS', 'success')
    expect(github.deployments[0].statuses.map(s => s.state)).toEqual(['success'])
    expect(warnings()).toHaveLength(1)
    expect(warnings()[0]).toContain('Could not set the GitHub deployment')
    expect(warnings()[0]).toContain('to in_progress: HTTP 500')
  })

  it('warns with the network error, not an HTTP status, when GitHub cannot be reached', async () => {
    const closed = await startGitHubSimulator()
    await closed.close()
    process.env.GITHUB_API_URL = closed.url
    try {
      await expect(mirror().started(execution)).resolves.toBeUndefined()
    } finally {
      process.env.GITHUB_API_URL = github.url
    }
    const [warning] = warnings()
    expect(warning).toMatch(/^Could not create the GitHub deployment: .*ECONNREFUSED/)
    expect(warning).not.toContain('HTTP')
  })

  it('explains a 403 with the permission the job needs', async () => {
    github.failNext('deployment', 403)
    await mirror().started(execution)
    expect(warnings()[0]).toContain('permissions: deployments: write')
  })

  it('warns without GITHUB_REPOSITORY, as in a local run that did not set it', async () => {
    delete process.env.GITHUB_REPOSITORY
    await expect(mirror().started(execution)).resolves.toBeUndefined()
    expect(github.requests).toHaveLength(0)
    expect(warnings()[0]).toContain('GITHUB_REPOSITORY')
  })
})
