// harness-ng-trigger-webhook end to end: the bundled action as the runner starts it, against the fake
// NextGen API's custom webhook trigger, which runs the pipeline as the execute endpoint would.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { DEMO_NEXTGEN, startHarnessNextGen } from '../../simulator/harness-nextgen.js'
import { startServer, sendJson, type RunningServer } from '../../simulator/server.js'
import { annotations, runAction, visibleLog, type ActionRun, type RunOptions } from './action.js'

type Simulator = Awaited<ReturnType<typeof startHarnessNextGen>>
type SimulatorOptions = NonNullable<Parameters<typeof startHarnessNextGen>[0]>

const TRIGGERS: SimulatorOptions['triggers'] = {
  ...DEMO_NEXTGEN.triggers,
  skip_ci: {
    pipeline: 'deploy_payments',
    finalStatus: 'SKIPPED',
    message: 'Trigger event was skipped. Keyword skip ci/ci skip/pipeline skip/skip pipeline has been found.'
  },
  only_main: {
    pipeline: 'deploy_payments',
    finalStatus: 'NO_MATCHING_TRIGGER_FOR_PAYLOAD_CONDITIONS',
    message: 'No trigger matched payload after condition evaluation'
  },
  bad_inputs: { pipeline: 'deploy_payments', finalStatus: 'INVALID_RUNTIME_INPUT_YAML', message: 'Failed to merge runtime inputs: version is not a field' }
}

let sim: Simulator

async function startSimulator(webhook: SimulatorOptions['webhook'] = {}): Promise<void> {
  await sim?.close()
  sim = await startHarnessNextGen({ triggers: TRIGGERS, webhook: { pendingPolls: 2, ...webhook } })
}

beforeEach(async () => {
  await startSimulator()
})

afterEach(async () => {
  await sim.close()
})

function inputs(extra: Record<string, string>): Record<string, string> {
  return {
    operation: 'harness-ng-trigger-webhook',
    'harness-url': sim.url,
    'harness-api-key': DEMO_NEXTGEN.apiKey,
    'harness-account-id': DEMO_NEXTGEN.accountId,
    'harness-org': DEMO_NEXTGEN.org,
    'harness-project': DEMO_NEXTGEN.project,
    pipeline: 'deploy_payments',
    trigger: 'on_release',
    payload: '{"version": "1.4.2", "sha": "abc123"}',
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

function onlyEvent(): string {
  expect(sim.events.size).toBe(1)
  return [...sim.events.keys()][0]
}

function errors(result: ActionRun): ReturnType<typeof annotations> {
  return annotations(result.stdout).filter(annotation => annotation.level === 'error')
}

describe('harness-ng-trigger-webhook, end to end', () => {
  it('sends the payload once, waits for Harness to run the pipeline, and follows the execution to Success', async () => {
    const payload = '{"version": "1.4.2", "sha": "abc123"}\n'
    const result = await run({ payload })

    expect(result.code).toBe(0)
    const [webhook] = sim.calls('webhook')
    expect(sim.calls('webhook')).toHaveLength(1)
    expect(webhook.path).toBe('/gateway/pipeline/api/webhook/custom/v2')
    expect(Object.fromEntries(webhook.query)).toEqual({
      accountIdentifier: DEMO_NEXTGEN.accountId,
      orgIdentifier: 'default',
      projectIdentifier: 'payments',
      pipelineIdentifier: 'deploy_payments',
      triggerIdentifier: 'on_release'
    })
    expect(webhook.headers['x-api-key']).toBe(DEMO_NEXTGEN.apiKey)
    expect(webhook.headers['content-type']).toBe('application/json')
    expect(webhook.body).toBe(payload)

    const eventId = onlyEvent()
    const executionId = sim.events.get(eventId)?.executionId
    expect(executionId).toBeDefined()
    // Newer Harness names the V2 details path, which answers QUEUED while pending; the key goes along.
    expect(sim.calls('event').every(call => call.path.endsWith(`/triggerExecutionDetailsV2/${eventId}`))).toBe(true)
    expect(sim.calls('event').every(call => call.headers['x-api-key'] === DEMO_NEXTGEN.apiKey)).toBe(true)
    const url = `${sim.url}/ng/account/${DEMO_NEXTGEN.accountId}/all/orgs/default/projects/payments/pipelines/deploy_payments/executions/${executionId}/pipeline`
    expect(result.outputs).toEqual({
      'event-id': eventId,
      'execution-id': executionId,
      status: 'Success',
      'status-normalized': 'success',
      'execution-url': url,
      outputs: '{}'
    })
    const log = visibleLog(result)
    expect(log).toContain(`Trigger event ${eventId}: QUEUED (Trigger execution is queued.)`)
    expect(log).toContain(`Trigger event ${eventId}: TARGET_EXECUTION_REQUESTED`)
    expect(log).toContain(`Trigger 'on_release' started execution ${executionId}: ${url}`)
    expect(result.stdout).toContain(`::group::Wait for NextGen execution ${executionId}`)
    expect(result.summary).toContain('on_release')
    expect(result.summary).toContain(eventId)
    expect(result.summary).toContain(url)
  })

  it("fails with the execution's failure when the pipeline the trigger started fails", async () => {
    const result = await run({ pipeline: 'deploy_broken', trigger: 'on_broken_release' })
    expect(result.code).toBe(1)
    expect(result.outputs).toMatchObject({ 'event-id': onlyEvent(), status: 'Failed', 'status-normalized': 'failed' })
    const [error] = errors(result)
    expect(error.title).toBe('Deployment Failed')
    // The shared NextGen follower names the failing step and prints its log, as for run-pipeline.
    expect(error.message).toContain(
      "ended with status Failed: stage 'Deploy production', step 'Smoke test' (Failed): Shell Script step 'smoke_test' failed: exit status 1"
    )
    expect(result.stdout).toMatch(/::group::.*of the log of step 'Smoke test' of stage 'Deploy production'/)
  })

  it('sends the webhook exactly once when reading the event meets server errors', async () => {
    sim.failNext('event', { httpStatus: 503, code: 'SERVICE_UNAVAILABLE', message: 'try later' }, 2)
    const result = await run({})
    expect(result.code).toBe(0)
    expect(sim.calls('webhook')).toHaveLength(1)
    expect(sim.executions.size).toBe(1)
  })

  it('keeps the event id and says to look before re-running when the event cannot be read after Harness accepted it', async () => {
    sim.failNext('event', { httpStatus: 403, code: 'NG_ACCESS_DENIED', message: 'Missing permission core_pipeline_view' })
    const result = await run({})
    expect(result.code).toBe(1)
    expect(sim.calls('webhook')).toHaveLength(1)
    expect(result.outputs).toEqual({ 'event-id': onlyEvent() })
    const [error] = errors(result)
    expect(error.message).toContain('Missing permission core_pipeline_view')
    expect(error.message).toContain(`(after Harness accepted trigger event ${onlyEvent()})`)
    expect(result.stdout).toContain("Look in the Activity History of trigger 'on_release'")
    expect(result.summary).toContain(onlyEvent())
  })

  it('does not send the webhook again when its answer is a server error', async () => {
    sim.failNext('webhook', { httpStatus: 500, code: 'UNEXPECTED', message: 'Internal error' })
    const result = await run({})
    expect(result.code).toBe(1)
    expect(sim.calls('webhook')).toHaveLength(1)
    expect(errors(result)[0].message).toContain('Harness answered HTTP 500')
    expect(result.stdout).toContain("Look in the Activity History of trigger 'on_release'")
    expect(result.stdout).not.toContain('try again later')
  })

  it('on Harness without QUEUED (v1 apiUrl), waits out "Trigger event history doesn\'t exist" as not processed yet', async () => {
    await startSimulator({ apiUrl: 'v1', pendingPolls: 3 })
    const result = await run({})
    expect(result.code).toBe(0)
    const eventId = onlyEvent()
    expect(visibleLog(result)).toContain(`Trigger event ${eventId}: Harness has not processed the event yet.`)
    expect(sim.calls('event').every(call => call.path.endsWith(`/triggerExecutionDetails/${eventId}`))).toBe(true)
    expect(annotations(result.stdout).filter(annotation => annotation.level === 'warning')).toEqual([])
  })

  it('reads the event on the v1 path when Harness names no apiUrl', async () => {
    await startSimulator({ apiUrl: 'none' })
    const result = await run({ wait: 'false' })
    expect(result.code).toBe(0)
    expect(sim.calls('event').every(call => call.path.includes('/webhook/triggerExecutionDetails/'))).toBe(true)
  })

  it('never sends the key to an apiUrl on another origin than harness-url', async () => {
    const elsewhere: RunningServer = await startServer((_request, res) => sendJson(res, 500, { message: 'must not be called' }))
    try {
      await startSimulator({ apiUrlBase: elsewhere.url })
      const result = await run({})
      expect(result.code).toBe(0)
      expect(elsewhere.requests).toHaveLength(0)
      expect(visibleLog(result)).toContain(`Harness named another address for the event's details (${elsewhere.url}/gateway/pipeline/api/webhook/`)
      expect(sim.calls('event').length).toBeGreaterThan(0)
      // The endpoint Harness named (V2), read on harness-url.
      expect(sim.calls('event').every(call => call.path.includes('/webhook/triggerExecutionDetailsV2/'))).toBe(true)
    } finally {
      await elsewhere.close()
    }
  })

  it('with wait: false, returns once the execution is known, without following it', async () => {
    const result = await run({ wait: 'false' })
    expect(result.code).toBe(0)
    expect(sim.calls('status')).toHaveLength(0)
    const executionId = sim.events.get(onlyEvent())?.executionId
    expect(result.outputs).toMatchObject({ 'event-id': onlyEvent(), 'execution-id': executionId, status: 'Running' })
  })

  it("fails when Harness skips the event, with Harness's message", async () => {
    const result = await run({ trigger: 'skip_ci' })
    expect(result.code).toBe(1)
    expect(sim.executions.size).toBe(0)
    expect(result.outputs).toEqual({ 'event-id': onlyEvent(), status: 'Skipped', 'status-normalized': 'skipped' })
    const [error] = errors(result)
    expect(error.title).toBe('Pipeline not run')
    expect(error.message).toContain(
      `Harness did not run pipeline 'deploy_payments' for trigger event ${onlyEvent()} of trigger 'skip_ci': SKIPPED: Trigger event was skipped.`
    )
    expect(result.stdout).toContain("add Skipped to 'passing-statuses'")
  })

  it("passes when the trigger's conditions do not match and passing-statuses names Skipped", async () => {
    const result = await run({ trigger: 'only_main', 'passing-statuses': 'Success, Skipped' })
    expect(result.code).toBe(0)
    expect(result.outputs).toEqual({ 'event-id': onlyEvent(), status: 'Skipped', 'status-normalized': 'skipped' })
    expect(visibleLog(result)).toContain("(NO_MATCHING_TRIGGER_FOR_PAYLOAD_CONDITIONS); 'passing-statuses' names Skipped, so the step passes.")
    expect(errors(result)).toEqual([])
  })

  it('fails with a hint when no enabled trigger has the identifier', async () => {
    const result = await run({ trigger: 'on_relase' })
    expect(result.code).toBe(1)
    expect(result.outputs).toMatchObject({ status: 'NO_ENABLED_CUSTOM_TRIGGER_FOUND', 'status-normalized': 'failed' })
    const [error] = errors(result)
    expect(error.title).toBe('Trigger NO_ENABLED_CUSTOM_TRIGGER_FOUND')
    expect(error.message).toContain('No enabled custom trigger found for Account:')
    expect(result.stdout).toContain("has a Custom trigger with the identifier 'on_relase'")
  })

  it("fails on invalid runtime input YAML with Harness's message", async () => {
    const result = await run({ trigger: 'bad_inputs', 'passing-statuses': 'Skipped' })
    expect(result.code).toBe(1)
    expect(errors(result)[0].message).toContain('INVALID_RUNTIME_INPUT_YAML: Failed to merge runtime inputs')
  })

  it('fails without polling when Harness answers "Unrecognized Webhook", and says to look before re-running', async () => {
    await startSimulator({ unrecognized: true })
    const result = await run({})
    expect(result.code).toBe(1)
    expect(sim.calls('webhook')).toHaveLength(1)
    expect(sim.calls('event')).toHaveLength(0)
    const [error] = errors(result)
    expect(error.title).toBe('Webhook not recognised by Harness')
    expect(result.stdout).toContain('before re-running')
  })

  it('sends text as text/plain and reads a .json payload file from the workspace', async () => {
    const text = await run({ payload: 'release 1.4.2', wait: 'false' })
    expect(text.code).toBe(0)
    expect(sim.calls('webhook')[0].headers['content-type']).toBe('text/plain')
    expect(sim.calls('webhook')[0].body).toBe('release 1.4.2')

    const workspace = mkdtempSync(path.join(tmpdir(), 'ng-webhook-workspace-'))
    try {
      mkdirSync(path.join(workspace, 'deploy'))
      writeFileSync(path.join(workspace, 'deploy', 'release.json'), '{"version":"2.0.0"}')
      const file = await run({ payload: 'deploy/release.json', wait: 'false' }, { workspace })
      expect(file.code).toBe(0)
      expect(sim.calls('webhook')[1].headers['content-type']).toBe('application/json')
      expect(sim.calls('webhook')[1].body).toBe('{"version":"2.0.0"}')
    } finally {
      rmSync(workspace, { recursive: true, force: true })
    }
  })

  it('sends the key an account that mandates it needs, and {} without a payload', async () => {
    await startSimulator({ mandateApiKey: true })
    const result = await run({ payload: '', wait: 'false' })
    expect(result.code).toBe(0)
    expect(sim.calls('webhook')[0].body).toBe('{}')
  })

  it.each([
    [{ trigger: '' }, "Input 'trigger' is required: the identifier of the custom webhook trigger."],
    [{ trigger: '../x' }, "Input 'trigger' must be an identifier without '/'"],
    [{ payload: '{"version": 1.4.2}' }, "Input 'payload' looks like JSON but is not valid JSON"],
    [{ payload: 'missing.json' }, "Input 'payload' names the file 'missing.json', which does not exist in the workspace"],
    [{ 'runtime-inputs': 'pipeline: {}' }, "Input 'runtime-inputs' is read only by harness-ng-run-pipeline; for harness-ng-trigger-webhook use 'payload'"]
  ])('refuses bad input before any request: %o', async (extra, message) => {
    const result = await run(extra)
    expect(result.code).toBe(1)
    expect(sim.requests).toHaveLength(0)
    expect(errors(result)[0].message).toContain(message)
  })
})
