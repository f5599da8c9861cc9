// The NextGen operations end to end: the bundled action as the runner starts it, against the fake NextGen API.
import type { ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { DEMO_NEXTGEN, startHarnessNextGen } from '../../simulator/harness-nextgen.js'
import { annotations, runAction, visibleLog, type ActionRun, type RunOptions } from './action.js'

type Simulator = Awaited<ReturnType<typeof startHarnessNextGen>>

let sim: Simulator

const PIPELINES: NonNullable<Parameters<typeof startHarnessNextGen>[0]>['pipelines'] = {
  ...DEMO_NEXTGEN.pipelines,
  slow: { name: 'Slow', stages: [{ identifier: 'deploy', name: 'Deploy' }], script: ['Running'] },
  suspended: { name: 'Suspended', stages: [{ identifier: 'deploy', name: 'Deploy' }], script: ['Running', 'Suspended'] },
  frozen: { name: 'Frozen', stages: [{ identifier: 'deploy', name: 'Deploy' }], startStatus: 'FREEZE_FAILED', script: ['AbortedByFreeze'] },
  fan_out: {
    name: 'Fan out',
    stages: [
      { identifier: 'build', name: 'Build', type: 'CI' },
      {
        parallel: [
          { identifier: 'eu', name: 'Deploy EU' },
          { identifier: 'us', name: 'Deploy US', strategy: 'MATRIX' }
        ]
      },
      { identifier: 'canary', name: 'Canary', strategy: 'LOOP' },
      { identifier: 'prod', name: 'Deploy production' }
    ],
    script: ['Running', 'Running', 'Running', 'Failed'],
    failure: { stage: 'us', message: 'matrix leg us-east-1 failed' }
  }
}

async function startSimulator(options: Parameters<typeof startHarnessNextGen>[0] = {}): Promise<void> {
  await sim?.close()
  sim = await startHarnessNextGen({ pipelines: PIPELINES, ...options })
}

beforeEach(async () => {
  sim = await startHarnessNextGen({ pipelines: PIPELINES })
})

afterEach(async () => {
  await sim.close()
})

function inputs(extra: Record<string, string>): Record<string, string> {
  return {
    operation: 'harness-ng-run-pipeline',
    'harness-url': sim.url,
    'harness-api-key': DEMO_NEXTGEN.apiKey,
    'harness-account-id': DEMO_NEXTGEN.accountId,
    'harness-org': DEMO_NEXTGEN.org,
    'harness-project': DEMO_NEXTGEN.project,
    pipeline: 'deploy_payments',
    'poll-interval': '0.1',
    timeout: '30s',
    ...extra
  }
}

/** Runs the action and checks what every run must: the key shows nowhere a person can read. */
async function run(extra: Record<string, string>, options?: RunOptions): Promise<ActionRun> {
  const result = await runAction(inputs(extra), options)
  for (const text of [visibleLog(result), result.summary, ...Object.values(result.outputs)]) {
    expect(text).not.toContain(DEMO_NEXTGEN.apiKey)
  }
  return result
}

function onlyExecution(): string {
  expect(sim.executions.size).toBe(1)
  return [...sim.executions.keys()][0]
}

async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 20_000
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise(resolve => setTimeout(resolve, 20))
  }
}

describe('harness-ng-run-pipeline, end to end', () => {
  it('sends inline runtime YAML unchanged and passes after Running → ApprovalWaiting → Success', async () => {
    const yaml = 'pipeline:\n  identifier: deploy_payments\n  variables:\n    - name: version\n      type: String\n      value: "1.10"   # as typed\n\n'
    const result = await run({ 'runtime-inputs': yaml })

    expect(result.code).toBe(0)
    const id = onlyExecution()
    expect(sim.calls('execute')[0].body).toBe(yaml)
    const url = `${sim.url}/ng/account/${DEMO_NEXTGEN.accountId}/all/orgs/default/projects/payments/pipelines/deploy_payments/executions/${id}/pipeline`
    expect(result.outputs).toEqual({ 'execution-id': id, status: 'Success', 'status-normalized': 'success', 'execution-url': url, outputs: '{}' })
    const notice = annotations(result.stdout).find(annotation => annotation.level === 'notice')
    expect(notice).toMatchObject({ title: 'Action needed in Harness' })
    expect(notice?.message).toContain(`is waiting for an approval: a person must approve or reject it in Harness: ${url}`)
    expect(result.stdout).toContain('::group::Start NextGen pipeline deploy_payments')
    expect(result.stdout).toContain(`::group::Wait for NextGen execution ${id}`)
    expect(result.summary).toContain('Approve production')
    expect(result.summary).toContain(url)
  })

  it('reads runtime inputs from a YAML file in the workspace', async () => {
    const workspace = mkdtempSync(path.join(tmpdir(), 'ng-workspace-'))
    const yaml = 'pipeline:\n  identifier: deploy_payments\n  stages:\n    - stage:\n        identifier: deploy_prod\n        variables: []\n'
    mkdirSync(path.join(workspace, 'deploy'))
    writeFileSync(path.join(workspace, 'deploy', 'prod-inputs.yaml'), yaml)
    const result = await run({ 'runtime-inputs': 'deploy/prod-inputs.yaml', wait: 'false' }, { workspace })
    expect(result.code).toBe(0)
    expect(sim.calls('execute')[0].body).toBe(yaml)
    expect(sim.calls('execute')[0].headers['content-type']).toBe('application/yaml')
  })

  it('runs with input sets and, with wait: false, returns right after the start', async () => {
    const result = await run({ 'input-sets': 'prod\ncanary', wait: 'false' })
    expect(result.code).toBe(0)
    const [execute] = sim.calls('execute')
    expect(execute.path).toBe('/gateway/pipeline/api/pipeline/execute/deploy_payments/inputSetList')
    expect(JSON.parse(execute.body)).toEqual({ inputSetReferences: ['prod', 'canary'], withMergedPipelineYaml: true })
    expect(sim.calls('status')).toHaveLength(0)
    expect(result.outputs).toMatchObject({ 'execution-id': onlyExecution(), status: 'Running' })
  })

  it("fails naming the failing stage and step, Harness's message and the step's link", async () => {
    const result = await run({ pipeline: 'deploy_broken' })
    expect(result.code).toBe(1)
    expect(result.outputs.status).toBe('Failed')
    const id = onlyExecution()
    const [error] = annotations(result.stdout).filter(annotation => annotation.level === 'error')
    expect(error.title).toBe('Deployment Failed')
    const stepUrl = `${sim.url}/ng/account/${DEMO_NEXTGEN.accountId}/all/orgs/default/projects/payments/pipelines/deploy_broken/executions/${id}/pipeline?stage=node-deploy_prod&step=exec-deploy_prod-smoke_test`
    expect(error.message).toContain(
      `Harness NextGen execution ${id} ended with status Failed: stage 'Deploy production', step 'Smoke test' (Failed): Shell Script step 'smoke_test' failed: exit status 1. The step in Harness: ${stepUrl}`
    )
    expect(sim.calls('graph')).toHaveLength(1)
    expect(sim.calls('graph')[0].query.get('renderFullBottomGraph')).toBe('true')
  })

  it('sends exactly one AbortAll when the wait times out', async () => {
    const result = await run({ pipeline: 'slow', timeout: '0.5s' })
    expect(result.code).toBe(1)
    expect(sim.calls('interrupt')).toHaveLength(1)
    expect(sim.calls('interrupt')[0].query.get('interruptType')).toBe('AbortAll')
    expect(annotations(result.stdout).find(annotation => annotation.level === 'error')?.message).toContain('AbortAll was sent to Harness')
  })

  it('sends exactly one AbortAll and exits non-zero when the job is cancelled (SIGTERM) while waiting', async () => {
    let child: ChildProcess | undefined
    const running = run({ pipeline: 'slow' }, { started: started => (child = started) })
    await until(() => sim.calls('status').length > 0)
    child?.kill('SIGTERM')
    const result = await running
    expect(result.code).not.toBe(0)
    expect(sim.calls('interrupt')).toHaveLength(1)
    expect(sim.calls('interrupt')[0].path).toBe(`/gateway/pipeline/api/pipeline/execute/interrupt/${onlyExecution()}`)
    const text = visibleLog(result)
    expect(text).toContain('Received SIGTERM')
    expect(text).toContain('The job was cancelled: sending AbortAll to Harness execution')
    expect(text).toContain('Harness accepted AbortAll')
  })

  it("surfaces a 400 envelope's code and message, and does not send the run again", async () => {
    const result = await run({ 'runtime-inputs': 'inputs:\n  version: 1.2.3\n' })
    expect(result.code).toBe(1)
    expect(sim.calls('execute')).toHaveLength(1)
    const [error] = annotations(result.stdout).filter(annotation => annotation.level === 'error')
    expect(error.title).toBe("Could not start NextGen pipeline 'deploy_payments'")
    expect(error.message).toContain('Harness answered HTTP 400: INVALID_REQUEST: Invalid runtime input YAML: the YAML must have a top-level pipeline: key')
  })

  it('never shows the API key, even when Harness echoes it back', async () => {
    sim.failNext('execute', { httpStatus: 401, code: 'INVALID_TOKEN', message: `Token ${DEMO_NEXTGEN.apiKey} has expired` })
    const result = await run({})
    expect(result.code).toBe(1)
    expect(annotations(result.stdout)[0].message).toContain('INVALID_TOKEN: Token *** has expired')
  })
})

describe('harness-ng-execution-status, end to end', () => {
  it('gates a later job on an execution started earlier', async () => {
    const started = await run({ wait: 'false' })
    const id = started.outputs['execution-id']
    const result = await run({ operation: 'harness-ng-execution-status', 'execution-id': id, pipeline: '' })
    expect(result.code).toBe(0)
    expect(result.outputs).toMatchObject({ 'execution-id': id, status: 'Success' })
    expect(result.outputs['execution-url']).toContain(`/pipelines/deploy_payments/executions/${id}/pipeline`)
  })
})

describe('NextGen statuses and layouts as harness-core has them (e2e)', () => {
  it('Suspended is final and passes by default (Harness counts it positive)', async () => {
    const result = await run({ pipeline: 'suspended' })
    expect(result.code).toBe(0)
    expect(result.outputs).toMatchObject({ status: 'Suspended', 'status-normalized': 'success' })
    expect(sim.calls('interrupt')).toHaveLength(0)
  })

  it('passing-statuses can leave Suspended out', async () => {
    const result = await run({ pipeline: 'suspended', 'passing-statuses': 'Success' })
    expect(result.code).toBe(1)
    expect(annotations(result.stdout).find(annotation => annotation.level === 'error')?.title).toBe('Deployment Suspended')
  })

  it("spells a freeze as Harness does: the execute answer's FREEZE_FAILED is AbortedByFreeze", async () => {
    const started = await run({ pipeline: 'frozen', wait: 'false' })
    expect(started.outputs).toMatchObject({ status: 'AbortedByFreeze', 'status-normalized': 'aborted' })
    const waited = await run({ pipeline: 'frozen' })
    expect(waited.code).toBe(1)
    expect(waited.outputs.status).toBe('AbortedByFreeze')
    expect(annotations(waited.stdout).find(annotation => annotation.level === 'error')?.title).toBe('Deployment AbortedByFreeze')
  })

  it.each(['InvalidRequestException', 'EntityNotFoundException'] as const)(
    'rides out "does not exist" on the first polls after a start, as %s reports it',
    async answer => {
      await startSimulator({ notVisibleAtFirst: { polls: 5, answer } })
      const result = await run({})
      expect(result.code).toBe(0)
      expect(result.outputs.status).toBe('Success')
      const text = visibleLog(result)
      expect(text).toContain('is not visible in Harness yet')
      expect(text.match(/is not visible in Harness yet/g)).toHaveLength(1)
      expect(annotations(result.stdout).filter(annotation => annotation.level === 'warning')).toEqual([])
    }
  )

  it('does not ride out "does not exist" for an execution it did not start', async () => {
    await startSimulator({ notVisibleAtFirst: { polls: 5, answer: 'InvalidRequestException' } })
    const started = await run({ wait: 'false' })
    const result = await run({ operation: 'harness-ng-execution-status', 'execution-id': started.outputs['execution-id'], pipeline: '' })
    expect(result.code).toBe(1)
    expect(sim.calls('status')).toHaveLength(1)
    expect(annotations(result.stdout).find(annotation => annotation.level === 'error')?.message).toContain(
      'HTTP 400: INVALID_REQUEST: Invalid request: Plan Execution Summary does not exist'
    )
  })

  it('names each stage once, by its own name, through parallel groups and matrix/loop wrappers', async () => {
    const result = await run({ pipeline: 'fan_out' })
    expect(result.code).toBe(1)
    const stageRows = [...result.summary.matchAll(/<tr><td>([^<]*)<\/td><td>(Success|Failed|NotStarted)<\/td><\/tr>/g)].map(match => match[1])
    expect(stageRows).toEqual(['Build', 'Deploy EU', 'Deploy US', 'Canary', 'Deploy production'])
    expect(result.summary).not.toMatch(/parallel/i)
    const stageLines = visibleLog(result)
      .split('\n')
      .filter(line => /^ {2}\S/.test(line))
    expect(stageLines).toEqual([
      '  Build: Success',
      '  Deploy EU: Success',
      '  Deploy US: Failed (matrix leg us-east-1 failed)',
      '  Canary: NotStarted',
      '  Deploy production: NotStarted'
    ])
    const error = annotations(result.stdout).find(annotation => annotation.level === 'error')
    expect(error?.message).toContain("stage 'Deploy US' (Failed): matrix leg us-east-1 failed")
  })
})

describe('moduleType on an older self-managed Harness (e2e)', () => {
  it('runs on a build that requires moduleType, sending it empty', async () => {
    await startSimulator({ moduleTypeRequired: true })
    const result = await run({ 'input-sets': 'prod' })
    expect(result.code).toBe(0)
    expect(sim.calls('execute')[0].query.get('moduleType')).toBe('')
  })
})

describe('who aborts a NextGen execution (e2e)', () => {
  it('the status operation leaves the execution running when its own wait times out', async () => {
    const started = await run({ pipeline: 'slow', wait: 'false' })
    const result = await run({ operation: 'harness-ng-execution-status', 'execution-id': started.outputs['execution-id'], pipeline: '', timeout: '0.5s' })
    expect(result.code).toBe(1)
    expect(sim.calls('interrupt')).toHaveLength(0)
    const error = annotations(result.stdout).find(annotation => annotation.level === 'error')
    expect(error?.message).toMatch(/it keeps running in Harness \(abort-on-timeout is false\)/)
    expect(error?.message).toContain("Raise 'timeout', or run this step again to keep waiting")
    expect(error?.message).not.toContain('status operation')
  })

  it('the status operation aborts once on its timeout when abort-on-timeout is true', async () => {
    const started = await run({ pipeline: 'slow', wait: 'false' })
    const result = await run({
      operation: 'harness-ng-execution-status',
      'execution-id': started.outputs['execution-id'],
      pipeline: '',
      timeout: '0.5s',
      'abort-on-timeout': 'true'
    })
    expect(result.code).toBe(1)
    expect(sim.calls('interrupt')).toHaveLength(1)
  })

  it('the status operation does not abort when the job is cancelled, unless asked', async () => {
    const started = await run({ pipeline: 'slow', wait: 'false' })
    let child: ChildProcess | undefined
    const running = run(
      { operation: 'harness-ng-execution-status', 'execution-id': started.outputs['execution-id'], pipeline: '' },
      { started: process => (child = process) }
    )
    await until(() => sim.calls('status').length > 0)
    child?.kill('SIGTERM')
    const result = await running
    expect(result.code).not.toBe(0)
    expect(sim.calls('interrupt')).toHaveLength(0)
    expect(visibleLog(result)).toContain('abort-on-cancel is false, so Harness execution')
  })
})

/** The lines between a group's start and its end, as the runner folds them. */
function groupLines(stdout: string, title: string): string[] | undefined {
  const lines = stdout.split('\n')
  const start = lines.indexOf(`::group::${title}`)
  if (start < 0) return undefined
  const end = lines.indexOf('::endgroup::', start)
  return lines.slice(start + 1, end).filter(line => !line.startsWith('::debug::'))
}

const INJECTED_LOG = [
  'Executing command ...',
  '::set-output name=deployed::INJECTED',
  '::error::INJECTED-error',
  '##[group]INJECTED-group',
  `curl -H "x-api-key: ${DEMO_NEXTGEN.apiKey}" https://payments.internal/health`,
  '\u001b[31mcurl: (22) The requested URL returned error: 503\u001b[0m',
  'Command finished with status FAILURE'
]

describe('NextGen failure detail and output variables (e2e)', () => {
  const DETAIL_PIPELINES: typeof PIPELINES = {
    ...PIPELINES,
    broken_detail: {
      name: 'Broken, in detail',
      stages: [
        { identifier: 'build', name: 'Build', type: 'CI', steps: [{ identifier: 'compile', name: 'Compile', kind: 'async', outputs: { IMAGE_TAG: '1.4.2' } }] },
        {
          identifier: 'deploy',
          name: 'Deploy',
          steps: [
            { identifier: 'rollout', name: 'Rollout' },
            {
              identifier: 'smoke_test',
              name: 'Smoke test',
              group: 'verify',
              fails: true,
              failureMessage: 'Shell Script execution failed. Please check execution logs.',
              log: INJECTED_LOG
            }
          ]
        }
      ],
      script: ['Running', 'Running', 'Failed'],
      failure: { stage: 'deploy', message: 'Stage Deploy failed' }
    },
    exports: {
      name: 'Exports',
      stages: [
        {
          identifier: 'deploy',
          name: 'Deploy',
          steps: [
            { identifier: 'rollout', name: 'Rollout', outputs: { VERSION: '1.4.2' } },
            {
              identifier: 'smoke_test',
              name: 'Smoke test',
              group: 'verify',
              kind: 'async',
              outputs: { URL: 'https://shop.example.com' },
              secretOutputs: ['DB_PASSWORD']
            }
          ]
        }
      ],
      script: ['Running', 'Success']
    }
  }

  beforeEach(async () => {
    await startSimulator({ pipelines: DETAIL_PIPELINES })
  })

  it("prints the failing step's last log lines in a group, as text: no workflow command runs, secrets are masked, colours dropped", async () => {
    const result = await run({ pipeline: 'broken_detail' })
    expect(result.code).toBe(1)
    const title = "All 7 lines of the log of step 'Smoke test' of stage 'Deploy'"
    const shown = groupLines(result.stdout, title)
    expect(shown).toHaveLength(INJECTED_LOG.length)
    expect(shown?.[0]).toBe('Executing command ...')
    // Each injected line is there, but broken up so that the runner reads no command from it.
    expect(shown?.join('\n')).toContain('set-output name=deployed::INJECTED')
    expect(result.stdout).not.toMatch(/^\s*::set-output/m)
    expect(result.stdout).not.toMatch(/^\s*::error::INJECTED/m)
    expect(result.stdout).not.toContain('##[group]')
    expect(annotations(result.stdout).filter(annotation => annotation.message.startsWith('INJECTED'))).toEqual([])
    expect(result.outputs).not.toHaveProperty('deployed')
    expect(shown?.[4]).toBe('curl -H "x-api-key: ***" https://payments.internal/health')
    expect(shown?.[5]).toBe('curl: (22) The requested URL returned error: 503')
    // The log service was asked once, with the key of the unit that failed, under harness-url.
    const [logRead] = sim.calls('log')
    expect(sim.calls('log')).toHaveLength(1)
    expect(logRead.path).toBe('/gateway/log-service/blob')
    expect(logRead.query.get('accountID')).toBe(DEMO_NEXTGEN.accountId)
    expect(logRead.query.get('key')).toMatch(/level8:smoke_test-commandUnit:Execute$/)
    const [error] = annotations(result.stdout).filter(annotation => annotation.level === 'error')
    expect(error.message).toContain(
      "stage 'Deploy', step 'Smoke test' (Failed): Shell Script execution failed. Please check execution logs.; Stage Deploy failed"
    )
    // The summary names stage, step and message, links the step, and shows the log folded and escaped.
    expect(result.summary).toContain('<td>Failed step</td><td>Smoke test</td>')
    expect(result.summary).toContain('<td>Harness message</td><td>Shell Script execution failed. Please check execution logs.</td>')
    expect(result.summary).toContain("Failed step 'Smoke test' in Harness</a>")
    expect(result.summary).toContain(`<details><summary>${title}</summary><pre>Executing command ...<br>`)
    expect(result.summary).toContain('curl -H &quot;x-api-key: &#42;&#42;&#42;&quot;')
    expect(result.summary).toContain('##&#91;group&#93;INJECTED-group')
    expect(result.summary).not.toContain(DEMO_NEXTGEN.apiKey)
    expect(result.outputs.outputs).toBe(JSON.stringify({ build: { compile: { IMAGE_TAG: '1.4.2' } } }))
  })

  it('keeps only the last failure-log-lines lines', async () => {
    const result = await run({ pipeline: 'broken_detail', 'failure-log-lines': '2' })
    expect(result.code).toBe(1)
    expect(groupLines(result.stdout, "Last 2 of 7 lines of the log of step 'Smoke test' of stage 'Deploy'")).toEqual([
      'curl: (22) The requested URL returned error: 503',
      'Command finished with status FAILURE'
    ])
  })

  it('says once that the log service refused, in its words, and still reports the failure', async () => {
    await startSimulator({ pipelines: DETAIL_PIPELINES, logService: 'refuse' })
    const result = await run({ pipeline: 'broken_detail' })
    expect(result.code).toBe(1)
    const warnings = annotations(result.stdout).filter(annotation => annotation.level === 'warning')
    expect(warnings).toHaveLength(1)
    expect(warnings[0].title).toBe('Step log unavailable')
    expect(warnings[0].message).toContain(
      "Could not read the log of step 'Smoke test' of stage 'Deploy' from the Harness log service: the log service answered HTTP 403: apikey in request not authorized for receiving tokens."
    )
    expect(sim.calls('log')).toHaveLength(1)
    const [error] = annotations(result.stdout).filter(annotation => annotation.level === 'error')
    expect(error.message).toContain("step 'Smoke test' (Failed)")
    expect(result.summary).not.toContain('<details>')
  })

  it('failure-log-lines: 0 reads no log', async () => {
    const result = await run({ pipeline: 'broken_detail', 'failure-log-lines': '0' })
    expect(result.code).toBe(1)
    expect(sim.calls('log')).toHaveLength(0)
    expect(result.stdout).not.toContain('lines of the log')
    expect(annotations(result.stdout).find(annotation => annotation.level === 'error')?.message).toContain("step 'Smoke test' (Failed)")
  })

  it('a graph that cannot be read is one warning; the step reports the failing stage as before', async () => {
    sim.failNext('graph', { httpStatus: 403, code: 'NG_ACCESS_DENIED', message: 'Missing permission core_pipeline_view' })
    const result = await run({ pipeline: 'broken_detail' })
    expect(result.code).toBe(1)
    const warnings = annotations(result.stdout).filter(annotation => annotation.level === 'warning')
    expect(warnings).toHaveLength(1)
    expect(warnings[0].message).toContain('NG_ACCESS_DENIED: Missing permission core_pipeline_view')
    expect(warnings[0].message).toContain('Its failing step and output variables are not shown')
    expect(annotations(result.stdout).find(annotation => annotation.level === 'error')?.message).toContain("stage 'Deploy' (Failed): Stage Deploy failed")
    expect(result.outputs.outputs).toBe('{}')
  })

  it("exposes the steps' output variables as the JSON output 'outputs', leaving secrets out", async () => {
    const result = await run({ pipeline: 'exports' })
    expect(result.code).toBe(0)
    const outputs: unknown = JSON.parse(result.outputs.outputs)
    expect(outputs).toEqual({ deploy: { rollout: { VERSION: '1.4.2' }, smoke_test: { URL: 'https://shop.example.com' } } })
    expect(sim.calls('log')).toHaveLength(0)
    expect(result.summary).toContain('<td>deploy</td><td>smoke&#95;test</td><td>URL</td><td>https://shop.example.com</td>')
    expect(result.summary).toContain('<td>DB&#95;PASSWORD</td><td><em>hidden (secret)</em></td>')
    expect(visibleLog(result)).not.toContain('sweepingOutputSecrets')
    expect(result.summary).not.toContain('sweepingOutputSecrets')
    expect(visibleLog(result)).toContain("Output variables: 3 (1 secret, left out of 'outputs' and not shown)")
  })

  it('harness-ng-execution-status with wait: false describes an execution that has ended: outputs and failing step', async () => {
    const started = await run({ pipeline: 'broken_detail' })
    const result = await run({ operation: 'harness-ng-execution-status', 'execution-id': started.outputs['execution-id'], pipeline: '', wait: 'false' })
    expect(result.code).toBe(0)
    expect(result.outputs.status).toBe('Failed')
    expect(JSON.parse(result.outputs.outputs)).toEqual({ build: { compile: { IMAGE_TAG: '1.4.2' } } })
    expect(groupLines(result.stdout, "All 7 lines of the log of step 'Smoke test' of stage 'Deploy'")).toHaveLength(7)
    expect(result.summary).toContain('<td>Failed step</td><td>Smoke test</td>')
  })

  it('refuses a failure-log-lines that is not a count from 0 to 1000, before any request', async () => {
    const result = await run({ pipeline: 'broken_detail', 'failure-log-lines': '5000' })
    expect(result.code).toBe(1)
    expect(annotations(result.stdout)[0].message).toContain("Input 'failure-log-lines' must be a whole number from 0 to 1000; got '5000'.")
    expect(sim.requests).toHaveLength(0)
  })
})
