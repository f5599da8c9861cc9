import { expect } from '@jest/globals'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { CancelledError, InputError } from '../../src/errors.js'
import { NEXTGEN_DEFAULT_PASSING } from '../../src/harness/statuses.js'
import { ngTriggerWebhook, readNgTriggerWebhook, type NgTriggerWebhookSettings } from '../../src/operations/harness-ng-trigger-webhook.js'
import { DEMO_NEXTGEN } from '../../simulator/harness-nextgen.js'
import { log, nextGenSimulator, recordingContext, until, type Simulator } from './nextgen-fixtures.js'

const slowPipeline = { name: 'Slow', stages: [{ identifier: 'deploy', name: 'Deploy' }], script: ['Running'] }
const triggers = {
  ...DEMO_NEXTGEN.triggers,
  on_slow: { pipeline: 'slow' },
  on_tag_only: { pipeline: 'deploy_payments', finalStatus: 'NO_MATCHING_TRIGGER_FOR_PAYLOAD_CONDITIONS', message: 'Payload conditions did not match' },
  on_retired: { pipeline: 'deploy_payments', disabled: true }
}

function settings(sim: Simulator, overrides: Partial<NgTriggerWebhookSettings> = {}): NgTriggerWebhookSettings {
  return {
    operation: 'harness-ng-trigger-webhook',
    harness: { url: new URL(sim.url), accountId: DEMO_NEXTGEN.accountId, apiKey: DEMO_NEXTGEN.apiKey },
    scope: { org: DEMO_NEXTGEN.org, project: DEMO_NEXTGEN.project },
    abort: { onTimeout: true, onCancel: true },
    wait: { enabled: true, pollIntervalMs: 20, timeoutMs: 10_000, passingStatuses: new Set(NEXTGEN_DEFAULT_PASSING) },
    pipeline: 'deploy_payments',
    trigger: 'on_release',
    payload: '{}',
    contentType: 'application/json',
    skippedPasses: false,
    failureLogLines: 50,
    ...overrides
  }
}

describe('harness-ng-trigger-webhook', () => {
  it('mirrors the execution the trigger started onto the progress listener, as run-pipeline does', async () => {
    const sim = await nextGenSimulator({ triggers })
    const context = recordingContext()
    const result = await ngTriggerWebhook(settings(sim), context)
    const [[eventId, event]] = [...sim.events]
    const url = `${sim.url}/ng/account/demo-account/all/orgs/default/projects/payments/pipelines/deploy_payments/executions/${event.executionId}/pipeline`
    expect(result.failure).toBeUndefined()
    expect(result.outputs['event-id']).toBe(eventId)
    expect(context.events[0]).toBe(`started ${event.executionId} ${url}`)
    expect(context.events.at(-1)).toBe('Success success')
    expect(result.summary).toMatchObject({ target: 'default/payments / deploy_payments (trigger on_release)', passed: true })
    expect(result.summary.details).toEqual(expect.arrayContaining([['Trigger event', eventId]]))
  })

  it('just stops on a cancel while Harness has not processed the event: nothing to abort yet', async () => {
    const sim = await nextGenSimulator({ triggers, webhook: { pendingPolls: 1_000 } })
    const context = recordingContext()
    const running = ngTriggerWebhook(settings(sim), context)
    await until(() => sim.calls('event').length > 0)
    context.cancel()
    await expect(running).rejects.toBeInstanceOf(CancelledError)
    expect(sim.calls('webhook')).toHaveLength(1)
    expect(sim.calls('interrupt')).toHaveLength(0)
    expect(context.events).toEqual([])
  })

  it('aborts the execution the trigger started when the job is cancelled while it runs', async () => {
    const sim = await nextGenSimulator({ triggers, pipelines: { slow: slowPipeline } })
    const context = recordingContext()
    const running = ngTriggerWebhook(settings(sim, { pipeline: 'slow', trigger: 'on_slow' }), context)
    await until(() => sim.calls('status').length > 0)
    context.cancel()
    await expect(running).rejects.toBeInstanceOf(CancelledError)
    expect(sim.calls('interrupt')).toHaveLength(1)
  })

  it('fails after the timeout when Harness never decides, without aborting anything, and says where to look', async () => {
    const sim = await nextGenSimulator({ triggers, webhook: { pendingPolls: 1_000 } })
    const base = settings(sim)
    const result = await ngTriggerWebhook({ ...base, wait: { ...base.wait, timeoutMs: 300 } }, recordingContext())
    expect(result.outputs).toMatchObject({ status: 'QUEUED', 'status-normalized': 'queued' })
    expect(result.failure?.title).toBe('Timed out')
    expect(result.failure?.hint).toContain("Activity History of trigger 'on_release'")
    expect(sim.calls('interrupt')).toHaveLength(0)
    expect(log()).toContain('QUEUED (Trigger execution is queued.)')
  })

  it('keeps the event id when a read fails after Harness accepted the event, and says to look before re-running', async () => {
    const sim = await nextGenSimulator({ triggers })
    sim.failNext('event', { httpStatus: 403, code: 'NG_ACCESS_DENIED', message: 'Missing permission core_pipeline_view' })
    const result = await ngTriggerWebhook(settings(sim), recordingContext())
    const [event] = sim.events.keys()
    expect(result.outputs).toEqual({ 'event-id': event })
    expect(result.summary).toMatchObject({ status: 'unknown', passed: false })
    expect(result.failure?.message).toContain(`(after Harness accepted trigger event ${event})`)
    expect(result.failure?.hint).toContain("Activity History of trigger 'on_release'")
    expect(sim.calls('webhook')).toHaveLength(1)
  })

  it('aborts the execution it started when the wait times out, and hands the wait to harness-ng-execution-status in its hint', async () => {
    const sim = await nextGenSimulator({ triggers, pipelines: { slow: slowPipeline }, webhook: { pendingPolls: 3 } })
    const base = settings(sim, { pipeline: 'slow', trigger: 'on_slow' })
    const result = await ngTriggerWebhook({ ...base, wait: { ...base.wait, pollIntervalMs: 100, timeoutMs: 1_000 } }, recordingContext())
    expect(result.failure?.title).toBe('Timed out')
    // Aborted as the step that started it: the trigger ran the pipeline for this step.
    expect(sim.calls('interrupt')).toHaveLength(1)
    expect(result.failure?.hint).toContain("gate a later job on the execution with 'harness-ng-execution-status'")
  })

  it('fails, naming the condition, when the trigger filters the event out, and passes when passing-statuses names Skipped', async () => {
    const sim = await nextGenSimulator({ triggers })
    const skipped = await ngTriggerWebhook(settings(sim, { trigger: 'on_tag_only' }), recordingContext())
    const [eventId] = sim.events.keys()
    expect(skipped.outputs).toEqual({ 'event-id': eventId, status: 'Skipped', 'status-normalized': 'skipped' })
    expect(skipped.failure).toMatchObject({
      title: 'Pipeline not run',
      message: `Harness did not run pipeline 'deploy_payments' for trigger event ${eventId} of trigger 'on_tag_only': NO_MATCHING_TRIGGER_FOR_PAYLOAD_CONDITIONS: Payload conditions did not match`,
      hint: expect.stringContaining("add Skipped to 'passing-statuses'")
    })
    expect(skipped.summary).toMatchObject({ status: 'Skipped', passed: false })
    expect(skipped.summary.details).toContainEqual(['Message', 'Payload conditions did not match'])
    expect(sim.executions.size).toBe(0)

    const passed = await ngTriggerWebhook(settings(sim, { trigger: 'on_tag_only', skippedPasses: true }), recordingContext())
    expect(passed.failure).toBeUndefined()
    expect(passed.summary).toMatchObject({ status: 'Skipped', passed: true })
    expect(log()).toContain("'passing-statuses' names Skipped, so the step passes.")
  })

  it('fails with what to check when Harness finds no enabled trigger of that identifier', async () => {
    const sim = await nextGenSimulator({ triggers })
    const result = await ngTriggerWebhook(settings(sim, { trigger: 'on_retired' }), recordingContext())
    expect(result.outputs).toMatchObject({ status: 'NO_ENABLED_CUSTOM_TRIGGER_FOUND', 'status-normalized': 'failed' })
    expect(result.failure?.title).toBe('Trigger NO_ENABLED_CUSTOM_TRIGGER_FOUND')
    expect(result.failure?.message).toContain('No enabled custom trigger found for Account:demo-account')
    expect(result.failure?.hint).toContain("a Custom trigger with the identifier 'on_retired'")
    expect(result.summary.links).toEqual([{ text: 'Trigger activity in Harness', href: expect.stringContaining('/triggers/on_retired/activity-history') }])
  })

  it('with wait: false returns once Harness started the execution, with the status Harness gave, and aborts nothing', async () => {
    const sim = await nextGenSimulator({ triggers })
    const base = settings(sim)
    const context = recordingContext()
    const result = await ngTriggerWebhook({ ...base, wait: { ...base.wait, enabled: false } }, context)
    const [[eventId, event]] = [...sim.events]
    expect(result.failure).toBeUndefined()
    expect(result.outputs).toMatchObject({ 'event-id': eventId, 'execution-id': event.executionId, status: 'Running', 'status-normalized': 'running' })
    expect(result.summary.details?.slice(0, 2)).toEqual([
      ['Trigger', 'on_release'],
      ['Trigger event', eventId]
    ])
    expect(result.summary.links?.map(link => link.text)).toEqual(['Execution in Harness', 'Trigger activity in Harness'])
    expect(sim.calls('status')).toHaveLength(0)
    expect(sim.calls('interrupt')).toHaveLength(0)
  })

  it('reads the event from the v1 path when Harness names no apiUrl, and says it was never processed when the wait runs out', async () => {
    const sim = await nextGenSimulator({ triggers, webhook: { apiUrl: 'none', pendingPolls: 1_000 } })
    const base = settings(sim, { payload: 'x', contentType: 'text/plain' })
    const result = await ngTriggerWebhook({ ...base, wait: { ...base.wait, timeoutMs: 300 } }, recordingContext())
    const [eventId] = sim.events.keys()
    expect(result.failure?.message).toBe(
      "Timed out after 0.3s waiting for Harness to process the event of trigger 'on_release'; last status QUEUED (not processed yet)"
    )
    expect(result.summary).toMatchObject({ status: 'QUEUED (timed out)', links: [] })
    expect(sim.calls('event').every(call => call.path.endsWith(`/triggerExecutionDetails/${eventId}`))).toBe(true)
    expect(sim.calls('webhook')[0].headers['content-type']).toBe('text/plain')
    const text = log()
    expect(text).toContain("Sending a text payload (1 byte) to custom trigger 'on_release'")
    expect(text).toContain(`Harness accepted trigger event ${eventId}.`)
    expect(text).toContain(`Trigger event ${eventId}: Harness has not processed the event yet.`)
  })

  it('reads the event from harness-url, not from another host Harness names, so the API key stays there', async () => {
    const sim = await nextGenSimulator({ triggers, webhook: { apiUrlBase: 'https://vanity.example.com' } })
    const result = await ngTriggerWebhook(settings(sim), recordingContext())
    expect(result.failure).toBeUndefined()
    expect(sim.calls('event').length).toBeGreaterThan(0)
    expect(log()).toContain(
      `Harness named another address for the event's details (https://vanity.example.com/gateway/pipeline/api/webhook/triggerExecutionDetailsV2/${[...sim.events.keys()][0]}); reading the same endpoint from ${new URL(sim.url).origin} instead`
    )
  })
})

describe('readNgTriggerWebhook', () => {
  const required = {
    'harness-api-key': 'k',
    'harness-account-id': 'acc',
    'harness-org': 'default',
    'harness-project': 'payments',
    pipeline: 'deploy',
    trigger: 'on_release'
  }
  let workspace: string | undefined
  const workspaceBefore = process.env.GITHUB_WORKSPACE

  function read(inputs: Record<string, string>): NgTriggerWebhookSettings {
    const all = { ...required, ...inputs }
    Object.entries(all).forEach(([name, value]) => (process.env[`INPUT_${name.toUpperCase()}`] = value))
    try {
      return readNgTriggerWebhook()
    } finally {
      Object.keys(all).forEach(name => delete process.env[`INPUT_${name.toUpperCase()}`])
    }
  }

  function inWorkspace(files: Record<string, string>): void {
    workspace = mkdtempSync(path.join(tmpdir(), 'payload-'))
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(workspace, name), text)
    process.env.GITHUB_WORKSPACE = workspace
  }

  afterEach(() => {
    if (workspaceBefore === undefined) delete process.env.GITHUB_WORKSPACE
    else process.env.GITHUB_WORKSPACE = workspaceBefore
    if (workspace) rmSync(workspace, { recursive: true, force: true })
    workspace = undefined
  })

  it('sends JSON as application/json and anything else as text, byte for byte', () => {
    expect(read({})).toMatchObject({ payload: '{}', contentType: 'application/json', skippedPasses: false })
    expect(read({ payload: '{"version": "1.4.2"}' })).toMatchObject({ payload: '{"version": "1.4.2"}', contentType: 'application/json' })
    expect(read({ payload: 'release 1.4.2' })).toMatchObject({ payload: 'release 1.4.2', contentType: 'text/plain' })
  })

  it('refuses text that looks like JSON but is not, naming the input', () => {
    expect(() => read({ payload: '{"version": 1.4.2}' })).toThrow(InputError)
    expect(() => read({ payload: '{"version": 1.4.2}' })).toThrow(/^Input 'payload' looks like JSON but is not valid JSON: .+ Fix it, or give plain text/)
  })

  it('reads a .json file of the workspace, and refuses one that is not JSON', () => {
    inWorkspace({ 'release.json': '{"version":"2.0.0"}\n', 'broken.json': '{"version":' })
    expect(read({ payload: 'release.json' })).toMatchObject({ payload: '{"version":"2.0.0"}\n', contentType: 'application/json' })
    expect(() => read({ payload: 'broken.json' })).toThrow(/^Input 'payload' names the file 'broken.json', which is not valid JSON: /)
  })

  it("lets a skipped event pass when 'passing-statuses' names Skipped, in any case", () => {
    expect(read({ 'passing-statuses': 'Success, skipped' }).skippedPasses).toBe(true)
  })
})
