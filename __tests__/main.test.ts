// main's part of every run, whichever operation: outputs, job summary, annotations, the GitHub deployment.
// The operation is stood in for; the GitHub API is the fake one on 127.0.0.1.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { expect, jest } from '@jest/globals'
import { ActionError } from '../src/errors.js'
import type { OperationContext, OperationResult } from '../src/operations/types.js'
import type { Settings } from '../src/operations/registry.js'
import { startGitHubSimulator, type GitHubSimulator } from '../simulator/github.js'
import { annotations, parseOutputFile } from './e2e/action.js'
import { captureStdout } from './stdout.js'

type Operation = (settings: Settings, context: OperationContext) => Promise<OperationResult>
const runOperation = jest.fn<Operation>()
jest.unstable_mockModule('../src/operations/index.js', () => ({ runOperation }))

process.env.GITHUB_SHA = 'feedfacefeedfacefeedfacefeedfacefeedface'
const { run } = await import('../src/main.js')

const API_KEY = 'pat.account.secret-api-key'
const execution = { id: 'exec-7', url: 'https://app.harness.io/ng/account/acc/executions/exec-7' }
const INPUTS: Record<string, string> = {
  operation: 'harness-execution-status',
  'harness-url': 'https://app.harness.io',
  'harness-api-key': API_KEY,
  'harness-account-id': 'acc',
  'execution-id': 'exec-7',
  wait: 'true',
  'poll-interval': '10s',
  timeout: '30m',
  'github-token': 'ghs_token',
  'github-environment': 'staging'
}

let github: GitHubSimulator
const stdout = captureStdout()
let files: { output: string; summary: string }

function setInputs(inputs: Record<string, string>): void {
  for (const name of Object.keys(process.env).filter(name => name.startsWith('INPUT_'))) delete process.env[name]
  for (const [name, value] of Object.entries(inputs)) process.env[`INPUT_${name.toUpperCase()}`] = value
}

function summary(): string {
  return readFileSync(files.summary, 'utf8')
}

function outputs(): Record<string, string> {
  return parseOutputFile(readFileSync(files.output, 'utf8'))
}

const passed: OperationResult = {
  outputs: { 'execution-id': execution.id, status: 'SUCCESS', 'execution-url': execution.url },
  summary: {
    operation: 'harness-execution-status',
    target: 'shop / deploy <prod>',
    status: 'SUCCESS',
    passed: true,
    durationMs: 125_000,
    links: [{ text: 'Harness execution', href: execution.url }],
    details: [['Application', 'shop']],
    stages: [
      { name: 'Build', status: 'SUCCESS' },
      { name: 'Deploy', status: 'SUCCESS' }
    ]
  }
}

/** An operation that goes through a deployment's statuses and ends with the given result. */
function operationReporting(statuses: Array<[string, 'in_progress' | 'success' | 'failure']>, result: OperationResult): Operation {
  return async (_settings, { progress }) => {
    await progress.started(execution)
    for (const [status, state] of statuses) await progress.changed(status, state)
    return result
  }
}

beforeAll(async () => {
  // core.summary keeps the file it first wrote to: one file for every test, emptied before each.
  const folder = mkdtempSync(path.join(tmpdir(), 'main-'))
  files = { output: path.join(folder, 'output'), summary: path.join(folder, 'summary') }
  process.env.GITHUB_OUTPUT = files.output
  process.env.GITHUB_STEP_SUMMARY = files.summary
  github = await startGitHubSimulator()
  process.env.GITHUB_API_URL = github.url
  process.env.GITHUB_REPOSITORY = 'octo/shop'
})

afterAll(async () => {
  await github.close()
})

beforeEach(() => {
  writeFileSync(files.output, '')
  writeFileSync(files.summary, '')
  setInputs(INPUTS)
  github.reset()
  runOperation.mockReset()
})

afterEach(() => {
  process.exitCode = undefined
})

describe('a passing operation', () => {
  beforeEach(async () => {
    runOperation.mockImplementation(
      operationReporting(
        [
          ['RUNNING', 'in_progress'],
          ['SUCCESS', 'success']
        ],
        passed
      )
    )
    await run()
  })

  it('passes the step without an annotation', () => {
    expect(process.exitCode).toBeUndefined()
    expect(annotations(stdout())).toEqual([])
  })

  it('sets the operation outputs and the GitHub deployment id', () => {
    expect(outputs()).toEqual({
      'execution-id': 'exec-7',
      status: 'SUCCESS',
      'execution-url': execution.url,
      'deployment-id': String(github.deployments[0].id)
    })
  })

  it('mirrors the execution onto one GitHub deployment', () => {
    expect(github.deployments).toHaveLength(1)
    expect(github.deployments[0].environment).toBe('staging')
    expect(github.deployments[0].statuses.map(status => status.state)).toEqual(['in_progress', 'success'])
  })

  it('writes a summary table with the status, duration and links, then the details and stages', () => {
    const text = summary()
    expect(text).toContain('<h3>✅ harness-execution-status</h3>')
    expect(text).toContain(
      '<tr><th>Operation</th><th>Target</th><th>Status</th><th>Duration</th><th>Links</th></tr>' +
        `<tr><td>harness-execution-status</td><td>shop / deploy &lt;prod&gt;</td><td>✅ SUCCESS</td><td>2m 5s</td><td><a href="${execution.url}">Harness execution</a></td></tr>`
    )
    expect(text).toContain('<tr><td>Application</td><td>shop</td></tr>')
    expect(text).toContain('<tr><th>Stage</th><th>Status</th></tr><tr><td>Build</td><td>SUCCESS</td></tr><tr><td>Deploy</td><td>SUCCESS</td></tr>')
  })
})

describe('an operation whose deployment fails', () => {
  beforeEach(async () => {
    const failed: OperationResult = {
      outputs: { ...passed.outputs, status: 'FAILED' },
      summary: { ...passed.summary, status: 'FAILED', passed: false, stages: undefined },
      failure: {
        title: 'Deployment FAILED',
        message: 'Harness execution exec-7 ended with status FAILED: Deploy step failed',
        hint: "Passing statuses: SUCCESS (input 'passing-statuses')."
      }
    }
    runOperation.mockImplementation(
      operationReporting(
        [
          ['RUNNING', 'in_progress'],
          ['FAILED', 'failure']
        ],
        failed
      )
    )
    await run()
  })

  it('fails the step with one annotation: what failed, why, and what to do', () => {
    expect(process.exitCode).toBe(1)
    expect(annotations(stdout())).toEqual([
      {
        level: 'error',
        title: 'Deployment FAILED',
        message: "Harness execution exec-7 ended with status FAILED: Deploy step failed\nPassing statuses: SUCCESS (input 'passing-statuses')."
      }
    ])
  })

  it('still sets the outputs', () => {
    expect(outputs()).toMatchObject({ status: 'FAILED', 'execution-id': 'exec-7' })
  })

  it('writes the summary with a failed status and the reason under it', () => {
    const text = summary()
    expect(text).toContain('<h3>❌ harness-execution-status</h3>')
    expect(text).toContain('<td>❌ FAILED</td>')
    expect(text).toContain(
      "<p><strong>Deployment FAILED</strong>: Harness execution exec-7 ended with status FAILED: Deploy step failed<br>Passing statuses: SUCCESS (input 'passing-statuses').</p>"
    )
  })

  it('leaves the GitHub deployment at failure', () => {
    expect(github.deployments[0].statuses.map(status => status.state)).toEqual(['in_progress', 'failure'])
  })
})

describe('a timed-out wait', () => {
  it('ends the GitHub deployment as error with the reason', async () => {
    const timedOut: OperationResult = {
      ...passed,
      summary: { ...passed.summary, status: 'RUNNING', passed: false },
      failure: { title: 'Timed out', message: 'Timed out after 30m waiting for Harness execution exec-7; last status RUNNING' }
    }
    runOperation.mockImplementation(operationReporting([['RUNNING', 'in_progress']], timedOut))
    await run()
    expect(github.deployments[0].statuses.map(status => [status.state, status.description])).toEqual([
      ['in_progress', 'Harness status RUNNING'],
      ['error', 'Timed out after 30m waiting for Harness execution exec-7; last status RUNNING']
    ])
  })
})

describe('an operation that throws', () => {
  it('reports a Harness error with its advice, the key scrubbed, in the annotation and the summary', async () => {
    runOperation.mockRejectedValue(
      new ActionError(`Could not start the Harness execution: Harness answered HTTP 401: key ${API_KEY} is not valid`, {
        title: 'Could not start the Harness execution',
        hint: "Check that 'harness-api-key' is a current Harness API key (token) of account 'harness-account-id'."
      })
    )
    await run()
    expect(process.exitCode).toBe(1)
    const [error] = annotations(stdout())
    expect(error).toEqual({
      level: 'error',
      title: 'Could not start the Harness execution',
      message:
        'Could not start the Harness execution: Harness answered HTTP 401: key *** is not valid\n' +
        "Check that 'harness-api-key' is a current Harness API key (token) of account 'harness-account-id'."
    })
    const text = summary()
    expect(text).toContain('<h3>❌ harness-execution-status</h3>')
    expect(text).toContain(
      '<strong>Could not start the Harness execution</strong>: Could not start the Harness execution: Harness answered HTTP 401: key &#42;&#42;&#42; is not valid<br>'
    )
    expect(text + stdout() + readFileSync(files.output, 'utf8')).not.toContain(API_KEY)
  })

  it('ends a GitHub deployment it had started as error', async () => {
    runOperation.mockImplementation(async (_settings, { progress }) => {
      await progress.started(execution)
      await progress.changed('RUNNING', 'in_progress')
      throw new ActionError('Could not poll Harness execution exec-7: HTTP 503', { title: 'Could not poll the Harness execution' })
    })
    await run()
    expect(github.deployments[0].statuses.map(status => status.state)).toEqual(['in_progress', 'error'])
    expect(outputs()).toEqual({ 'deployment-id': String(github.deployments[0].id) })
  })

  it('reports bad input before any operation runs or GitHub is called', async () => {
    setInputs({ ...INPUTS, 'github-token': '' })
    await run()
    expect(runOperation).not.toHaveBeenCalled()
    expect(github.deployments).toHaveLength(0)
    expect(annotations(stdout())).toEqual([
      { level: 'error', title: 'Invalid input', message: expect.stringContaining("Input 'github-token' is required when 'github-environment' is set") }
    ])
    expect(summary()).toContain("<strong>Invalid input</strong>: Input 'github-token'")
  })

  it('calls an error that is not ours a bug, with advice on how to report it', async () => {
    runOperation.mockRejectedValue(new TypeError("Cannot read properties of undefined (reading 'status')"))
    await run()
    const [error] = annotations(stdout())
    expect(error.title).toBe('Unexpected error')
    expect(error.message).toBe(
      "Cannot read properties of undefined (reading 'status')\nThis looks like a bug in the action: please report it with the log of a run with ACTIONS_STEP_DEBUG set to true."
    )
  })
})
