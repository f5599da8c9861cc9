// The example workflows, run as copied. For each example the test plays the runner: jobs in `needs`
// order, a job only when the jobs it needs passed, steps in order with their `if:`; every step that
// uses this action runs dist/index.js with the inputs of its `with:` (expressions substituted:
// secrets and variables by the simulator's keys, step outputs by what earlier steps really output),
// and the `run:` steps of those jobs run in bash with a stand-in `gh` that records what it was
// given. Only three things differ from a real run, all about where and how fast: the example's
// service addresses point at the simulators, inputs it leaves to their default address
// (`harness-url`) get the simulator's, and `poll-interval` is cut so no test waits 15 s a poll.
// Jobs that build with tools of their own (npm, docker) are not run; their outputs are given.
import { expect } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { parse } from 'yaml'
import { startGitHubSimulator } from '../../simulator/github.js'
import { startGitLab } from '../../simulator/gitlab.js'
import { startHarnessFirstGen } from '../../simulator/harness-firstgen.js'
import { startHarnessNextGen } from '../../simulator/harness-nextgen.js'
import { projectRoot } from '../../simulator/run-action.js'
import { htmlProblems } from '../../simulator/summary-html.js'
import type { OperationName } from '../../src/operations/registry.js'
import { annotations, OPERATION_INPUTS, runAction, type ActionRun } from './action.js'
import { bundleSetsOutput } from './pending.js'

interface Step {
  id?: string
  name?: string
  uses?: string
  with?: Record<string, unknown>
  run?: string
  env?: Record<string, string>
  if?: string
}

interface Job {
  needs?: string | string[]
  if?: string
  outputs?: Record<string, string>
  steps: Step[]
}

/** What the runner would know that the example does not say: contexts, and where the services are. */
interface Scenario {
  secrets?: Record<string, string>
  vars?: Record<string, string>
  github: Record<string, string>
  inputs?: Record<string, string>
  /** Outputs of the jobs the test does not run (builds with npm and docker). */
  externalJobs?: Record<string, Record<string, string>>
  /** Addresses written in the example, replaced by the simulator's. */
  addresses?: Record<string, string>
  /** Inputs the example leaves to a default that would reach a real service. */
  defaults?: Record<string, string>
  /** Runner environment of the action's steps (GITHUB_API_URL of the fake GitHub, ...). */
  env?: Record<string, string>
}

interface StepRecord {
  title: string
  ran: boolean
  code?: number | null
  action?: ActionRun
  stdout?: string
}

interface JobRecord {
  ran: boolean
  passed: boolean
  steps: StepRecord[]
}

interface GhCall {
  args: string[]
  cwd: string
}

// How the examples refer to this action (the same rule as scripts/lint-workflows.js).
const THIS_ACTION = /^(\.\/?|[\w.-]+\/harness-gitlab-action@\S+)$/
const STATUS_FUNCTIONS = /\b(always|success|failure|cancelled)\(\)/g
const FAST_POLLS = { 'poll-interval': '0.1s' }

let scratch: string

beforeAll(() => {
  scratch = mkdtempSync(path.join(tmpdir(), 'examples-'))
})

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true })
})

function example(name: string): { jobs: Record<string, Job> } {
  return parse(readFileSync(path.join(projectRoot, 'examples', name), 'utf8')) as { jobs: Record<string, Job> }
}

/** A `gh` that records each call's arguments and working folder, one JSON file per call. */
function fakeGh(): { bin: string; calls: () => GhCall[] } {
  const bin = mkdtempSync(path.join(scratch, 'bin-'))
  const callsFolder = mkdtempSync(path.join(scratch, 'gh-calls-'))
  const script = path.join(bin, 'gh')
  writeFileSync(
    script,
    `#!${process.execPath}\n` +
      `require('node:fs').writeFileSync(require('node:path').join(${JSON.stringify(callsFolder)}, process.hrtime.bigint() + '.json'), ` +
      'JSON.stringify({ args: process.argv.slice(2), cwd: process.cwd() }))\n'
  )
  chmodSync(script, 0o755)
  const calls = (): GhCall[] =>
    readdirSync(callsFolder)
      .sort()
      .map(file => JSON.parse(readFileSync(path.join(callsFolder, file), 'utf8')) as GhCall)
  return { bin, calls }
}

/** Plays the runner over one example workflow. */
class Runner {
  private readonly jobOutputs: Record<string, Record<string, string>> = {}
  readonly gh = fakeGh()

  constructor(private readonly scenario: Scenario) {}

  /** The value of one `${{ }}` expression; one the test cannot give fails the test rather than becoming ''. */
  private value(expression: string, stepOutputs: Record<string, Record<string, string>>): string {
    const [context, ...rest] = expression.split('.')
    const name = rest.join('.')
    const contexts: Record<string, Record<string, string> | undefined> = {
      secrets: this.scenario.secrets,
      vars: this.scenario.vars,
      github: this.scenario.github,
      inputs: this.scenario.inputs
    }
    if (context in contexts) {
      const value = contexts[context]?.[name]
      if (value === undefined) throw new Error(`The scenario gives no value for ${expression}`)
      return value
    }
    const output = /^(needs|steps)\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expression)
    if (output) return (output[1] === 'needs' ? this.jobOutputs : stepOutputs)[output[2]]?.[output[3]] ?? ''
    // fromJSON(<output>).a.b: the output parsed as JSON, then properties read as the runner does
    // (a missing one is null, which a string context shows as '').
    const fromJson = /^fromJSON\((.+)\)((?:\.[\w-]+)+)$/.exec(expression)
    if (fromJson) {
      let value: unknown = JSON.parse(this.value(fromJson[1], stepOutputs))
      for (const key of fromJson[2].slice(1).split('.'))
        value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined
      if (value === undefined || value === null) return ''
      return typeof value === 'string' ? value : JSON.stringify(value)
    }
    throw new Error(`The test does not know how to evaluate \${{ ${expression} }}`)
  }

  private substitute(text: string, stepOutputs: Record<string, Record<string, string>>): string {
    return text.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_, expression: string) => this.value(expression, stepOutputs))
  }

  /** A step's `if:`, in the small part of the expression language the examples use. */
  private shouldRun(condition: string | undefined, failed: boolean, stepOutputs: Record<string, Record<string, string>>): boolean {
    if (condition === undefined) return !failed
    let expression = condition.replace(/^\$\{\{\s*|\s*\}\}$/g, '')
    // As on GitHub, a condition without a status function only runs while everything passed.
    if (!new RegExp(STATUS_FUNCTIONS.source).test(expression)) expression = `success() && (${expression})`
    const status: Record<string, boolean> = { always: true, success: !failed, failure: failed, cancelled: false }
    const script = expression
      .replace(STATUS_FUNCTIONS, (_, name: string) => String(status[name]))
      .replace(/\b(steps|needs|secrets|vars|github|inputs)\.[\w.-]+/g, reference => JSON.stringify(this.value(reference, stepOutputs)))
      .replace(/'([^']*)'/g, (_, literal: string) => JSON.stringify(literal))
      .replace(/([!=])=/g, '$1==')
    // The test's stand-in for the runner's expression engine: the condition, already translated to
    // JavaScript from an example checked into this repository, is evaluated as such.
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- evaluating that translated expression is the point
    const evaluate = new Function(`return (${script})`) as () => unknown
    return Boolean(evaluate())
  }

  private async runStep(step: Step, workspace: string, stepOutputs: Record<string, Record<string, string>>): Promise<StepRecord> {
    const title = step.name ?? step.uses ?? step.run ?? '?'
    if (step.uses && THIS_ACTION.test(step.uses)) {
      const inputs: Record<string, string> = { ...this.scenario.defaults }
      for (const [name, raw] of Object.entries(step.with ?? {})) {
        let value = this.substitute(String(raw), stepOutputs)
        for (const [written, simulator] of Object.entries(this.scenario.addresses ?? {})) value = value.replaceAll(written, simulator)
        inputs[name] = value
      }
      // Polls are cut for the operations that poll; the others would refuse an input they do not read.
      if (OPERATION_INPUTS[inputs.operation as OperationName]?.includes('poll-interval')) Object.assign(inputs, FAST_POLLS)
      const action = await runAction(inputs, { env: { ...this.scenario.env }, workspace })
      expect(htmlProblems(action.summary)).toEqual([])
      if (step.id) stepOutputs[step.id] = action.outputs
      return { title, ran: true, code: action.code, action }
    }
    if (step.run !== undefined) {
      const env: Record<string, string> = {
        PATH: `${this.gh.bin}${path.delimiter}${process.env.PATH ?? ''}`,
        HOME: workspace,
        GITHUB_REF_NAME: this.scenario.github.ref_name ?? '',
        GITHUB_REPOSITORY: this.scenario.github.repository ?? ''
      }
      for (const [name, raw] of Object.entries(step.env ?? {})) env[name] = this.substitute(String(raw), stepOutputs)
      const script = path.join(mkdtempSync(path.join(scratch, 'step-')), 'script.sh')
      writeFileSync(script, this.substitute(step.run, stepOutputs))
      // The runner's default shell on Linux: bash -e {0}.
      const shell = spawnSync('bash', ['--noprofile', '--norc', '-e', script], { cwd: workspace, env, encoding: 'utf8' })
      return { title, ran: true, code: shell.status, stdout: shell.stdout + shell.stderr }
    }
    // Another action (actions/checkout...) in a job the test runs: nothing here needs it.
    return { title, ran: false }
  }

  private async runJob(name: string, job: Job): Promise<JobRecord> {
    if (job.if !== undefined) throw new Error(`The test does not evaluate the job-level if: of ${name}`)
    const workspace = mkdtempSync(path.join(scratch, `${name}-`))
    const stepOutputs: Record<string, Record<string, string>> = {}
    const steps: StepRecord[] = []
    let failed = false
    for (const step of job.steps) {
      if (!this.shouldRun(step.if, failed, stepOutputs)) {
        steps.push({ title: step.name ?? step.uses ?? '?', ran: false })
        continue
      }
      const record = await this.runStep(step, workspace, stepOutputs)
      if (record.ran && record.code !== 0) failed = true
      steps.push(record)
    }
    this.jobOutputs[name] = Object.fromEntries(Object.entries(job.outputs ?? {}).map(([output, raw]) => [output, this.substitute(raw, stepOutputs)]))
    return { ran: true, passed: !failed, steps }
  }

  /** Every job, in `needs` order; a job whose needs did not all pass is skipped, as on GitHub. */
  async run(workflow: { jobs: Record<string, Job> }): Promise<Record<string, JobRecord>> {
    const records: Record<string, JobRecord> = {}
    const external = this.scenario.externalJobs ?? {}
    for (const [name, outputs] of Object.entries(external)) {
      this.jobOutputs[name] = outputs
      records[name] = { ran: false, passed: true, steps: [] }
    }
    const pending = Object.keys(workflow.jobs).filter(name => !(name in external))
    while (pending.length > 0) {
      const ready = pending.find(name => [workflow.jobs[name].needs ?? []].flat().every(need => need in records))
      if (!ready) throw new Error(`Jobs whose needs never finish: ${pending.join(', ')}`)
      pending.splice(pending.indexOf(ready), 1)
      const needs = [workflow.jobs[ready].needs ?? []].flat()
      records[ready] = needs.every(need => records[need].passed) ? await this.runJob(ready, workflow.jobs[ready]) : { ran: false, passed: false, steps: [] }
    }
    return records
  }
}

function actionStep(job: JobRecord, title: string): ActionRun {
  const step = job.steps.find(candidate => candidate.title === title)
  if (!step?.action) throw new Error(`The step "${title}" did not run the action`)
  return step.action
}

/** The files a `gh release create` call attaches: its arguments after the flags and their values. */
function releaseAssets(call: GhCall): string[] {
  const valued = new Set(['--repo', '--notes', '--title', '--target', '--notes-file'])
  const assets: string[] = []
  for (let index = 3; index < call.args.length; index++) {
    if (valued.has(call.args[index])) index++
    else if (!call.args[index].startsWith('--')) assets.push(call.args[index])
  }
  return assets
}

describe('examples/harness-firstgen-release.yml, run as copied', () => {
  const ACCOUNT = 'acct-firstgen-example'
  const KEY = 'harness-key-firstgen-example'

  async function runExample(lastStatus: { status: string; stages: string[]; failureDetails?: string }) {
    const harness = await startHarnessFirstGen({
      accountId: ACCOUNT,
      apiKey: KEY,
      applications: [
        {
          id: 'app-shop',
          name: 'shop',
          pipelines: [
            {
              id: 'pl-production',
              name: 'Deploy to production',
              stages: [{ stage: 'STAGE 1', step: 'Deploy web' }],
              statuses: [{ status: 'RUNNING', stages: ['RUNNING'] }, lastStatus]
            }
          ]
        }
      ]
    })
    const gitHub = await startGitHubSimulator()
    try {
      const runner = new Runner({
        secrets: { HARNESS_API_KEY: KEY },
        vars: { HARNESS_ACCOUNT_ID: ACCOUNT },
        github: { ref_name: 'v1.4.2', repository: 'octo-org/shop', token: 'ghs_example-token' },
        externalJobs: { build: { 'image-tag': '1.4.2' } },
        defaults: { 'harness-url': harness.url },
        env: { GITHUB_API_URL: gitHub.url, GITHUB_REPOSITORY: 'octo-org/shop', GITHUB_SHA: '3f786850e387550fdab836ed7e6dc881de23001b' }
      })
      const jobs = await runner.run(example('harness-firstgen-release.yml'))
      return { jobs, gh: runner.gh.calls(), started: harness.started, deployments: gitHub.deployments }
    } finally {
      await Promise.all([harness.close(), gitHub.close()])
    }
  }

  it('a deployment that passes lets the release job publish, with the execution link', async () => {
    const { jobs, gh, started, deployments } = await runExample({ status: 'SUCCESS', stages: ['SUCCESS'] })
    const deploy = actionStep(jobs.deploy, 'Deploy with Harness')
    expect(deploy.code).toBe(0)
    expect(started).toHaveLength(1)
    expect(started[0]).toMatchObject({ applicationId: 'app-shop', entityId: 'pl-production', executionType: 'PIPELINE' })
    expect(JSON.stringify(started[0])).toContain('docker-web')
    expect(deployments.map(deployment => [deployment.environment, deployment.statuses.at(-1)?.state])).toEqual([['production', 'success']])
    expect(gh).toEqual([
      {
        args: [
          'release',
          'create',
          'v1.4.2',
          '--repo',
          'octo-org/shop',
          '--generate-notes',
          '--notes',
          `Deployed to production by Harness: ${deploy.outputs['execution-url']}`
        ],
        cwd: expect.any(String)
      }
    ])
  })

  it('a deployment that fails stops the release: the release job never runs', async () => {
    const { jobs, gh, deployments } = await runExample({ status: 'FAILED', stages: ['FAILED'], failureDetails: 'Smoke test failed' })
    const deploy = actionStep(jobs.deploy, 'Deploy with Harness')
    expect(deploy.code).toBe(1)
    expect(annotations(deploy.stdout).filter(annotation => annotation.level === 'error')).toHaveLength(1)
    expect(jobs.release.ran).toBe(false)
    expect(gh).toEqual([])
    expect(deployments.map(deployment => deployment.statuses.at(-1)?.state)).toEqual(['failure'])
  })
})

describe('examples/harness-nextgen-run.yml, run as copied', () => {
  it('runs the pipeline with the runtime inputs built from the dispatch inputs, shows where it ran and reads an output variable with fromJSON', async () => {
    const harness = await startHarnessNextGen({
      accountId: 'acct-nextgen-example',
      apiKey: 'pat.acct-nextgen-example.example-key',
      org: 'default',
      project: 'shop',
      pipelines: {
        deploy_web: {
          name: 'Deploy web',
          stages: [
            {
              identifier: 'deploy',
              name: 'Deploy',
              type: 'Deployment',
              steps: [{ identifier: 'smoke_test', name: 'Smoke test', outputs: { VERSION: '1.4.2' }, secretOutputs: ['DB_PASSWORD'] }]
            }
          ],
          script: ['Running', 'Success']
        }
      }
    })
    const gitHub = await startGitHubSimulator()
    try {
      const runner = new Runner({
        secrets: { HARNESS_API_KEY: 'pat.acct-nextgen-example.example-key' },
        vars: { HARNESS_ACCOUNT_ID: 'acct-nextgen-example' },
        github: { ref_name: 'main', repository: 'octo-org/shop', token: 'ghs_example-token' },
        inputs: { environment: 'staging', version: '1.4.2' },
        defaults: { 'harness-url': harness.url },
        env: { GITHUB_API_URL: gitHub.url, GITHUB_REPOSITORY: 'octo-org/shop', GITHUB_SHA: '3f786850e387550fdab836ed7e6dc881de23001b' }
      })
      const jobs = await runner.run(example('harness-nextgen-run.yml'))
      const run = actionStep(jobs.deploy, 'Run the Harness pipeline')
      expect(run.code).toBe(0)
      const [execution] = [...harness.executions.values()]
      expect(execution.body).toContain('value: "1.4.2"')
      expect(execution.body).toContain('environmentRef: staging')
      expect(gitHub.deployments.map(deployment => deployment.environment)).toEqual(['staging'])
      const shown = jobs.deploy.steps.find(step => step.title === 'Show where it ran')
      expect(shown).toMatchObject({ ran: true, code: 0 })
      expect(shown?.stdout).toBe(`Harness finished with Success: ${run.outputs['execution-url']}\n`)
      const exported = jobs.deploy.steps.find(step => step.title === 'Use a value the pipeline exported')
      expect(exported).toMatchObject({ ran: true, code: 0, stdout: 'Harness deployed version 1.4.2\n' })
      expect(run.outputs.outputs).not.toContain('DB_PASSWORD')
    } finally {
      await Promise.all([harness.close(), gitHub.close()])
    }
  })
})

describe('examples/gitlab-artifacts-release.yml, run as copied', () => {
  const TOKEN = 'glpat-example-token'
  const TAG = 'v1.4.2'
  const COMMIT = '7'.repeat(40)

  async function runExample() {
    const gitLab = await startGitLab({
      project: { id: 7, path: 'shop/web' },
      token: TOKEN,
      redirectToStorage: true,
      // The tagged commit's pipeline reaches GitLab a little late (a mirror), its build still running;
      // main has moved on with a newer pipeline whose build must not be taken.
      pipelines: [
        { id: 900, ref: TAG, sha: COMMIT, status: 'running', hiddenFor: 1 },
        { id: 901, ref: 'main', sha: 'e'.repeat(40) }
      ],
      jobs: [
        { id: 5100, name: 'build', pipeline: 901, entries: [{ name: 'dist/other.txt', data: 'another commit' }] },
        {
          id: 5001,
          name: 'build',
          pipeline: 900,
          statuses: ['running', 'success'],
          etag: 'sha256',
          entries: [
            { name: 'dist/', type: 'directory' },
            { name: 'dist/app-1.4.2.tar.gz', size: 64 * 1024, seed: 3 },
            { name: 'dist/docs/', type: 'directory' },
            { name: 'dist/docs/CHANGELOG.md', data: Buffer.from('# 1.4.2\n') }
          ]
        },
        { id: 5002, name: 'package', pipeline: 900, entries: [{ name: 'dist/SHA256SUMS', data: Buffer.from('0000  app-1.4.2.tar.gz\n') }] }
      ]
    })
    try {
      const runner = new Runner({
        secrets: { GITLAB_TOKEN: TOKEN },
        github: { ref_name: TAG, sha: COMMIT, repository: 'octo-org/shop', token: 'ghs_example-token' },
        addresses: { 'https://gitlab.example.com': gitLab.url }
      })
      const jobs = await runner.run(example('gitlab-artifacts-release.yml'))
      return { jobs, gh: runner.gh.calls(), gitLab, leaks: gitLab.leaks.length, kept: gitLab.jobs.get(5001)?.kept === true }
    } finally {
      await gitLab.close()
    }
  }

  it("waits for the tagged commit's build, downloads its artifacts and the package job's checksum file", async () => {
    const { jobs, leaks } = await runExample()
    const build = actionStep(jobs.release, "Download the build job's artifacts")
    expect(build.code).toBe(0)
    expect(build.outputs).toMatchObject({ 'job-id': '5001', 'commit-sha': COMMIT, 'job-status': 'success' })
    expect(actionStep(jobs.release, 'Download the checksum file of the package job').code).toBe(0)
    expect(leaks).toBe(0)
  })

  // The keep step and the release notes read job-id and job-url of the download, which another
  // change adds to every GitLab download (issue 12, point 4). Until the bundle sets them, the
  // runner would pass '' and keep would fail, so the whole example cannot pass yet.
  const missing = ['job-id', 'job-url'].filter(output => !bundleSetsOutput(output))
  const whole = missing.length === 0 ? it : it.skip
  whole(
    `keeps the downloaded job by the job-id it output and publishes the release with files only${missing.length ? ` (SKIPPED: dist/ does not set the output(s) ${missing.join(', ')} yet)` : ''}`,
    async () => {
      const { jobs, gh, kept } = await runExample()
      const download = actionStep(jobs.release, "Download the build job's artifacts")
      expect(jobs.release.passed).toBe(true)
      expect(kept).toBe(true)
      expect(gh).toHaveLength(1)
      const [call] = gh
      expect(call.args.slice(0, 8)).toEqual([
        'release',
        'create',
        TAG,
        '--repo',
        'octo-org/shop',
        '--generate-notes',
        '--notes',
        `Built by GitLab CI (${download.outputs['job-url']}): 2 files, archive SHA-256 ${download.outputs.sha256}.`
      ])
      const assets = releaseAssets(call)
      expect(assets).toEqual(['release-assets/SHA256SUMS', 'release-assets/dist/app-1.4.2.tar.gz', 'release-assets/dist/docs/CHANGELOG.md'])
      for (const asset of assets) expect(statSync(path.join(call.cwd, asset)).isFile()).toBe(true)
    }
  )
})
