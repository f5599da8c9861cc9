import { CancelledError } from '../../src/errors.js'
import { NEXTGEN_DEFAULT_PASSING } from '../../src/harness/statuses.js'
import { ngTriggerWebhook, type NgTriggerWebhookSettings } from '../../src/operations/harness-ng-trigger-webhook.js'
import { DEMO_NEXTGEN } from '../../simulator/harness-nextgen.js'
import { log, nextGenSimulator, recordingContext, until, type Simulator } from './nextgen-fixtures.js'

const slowPipeline = { name: 'Slow', stages: [{ identifier: 'deploy', name: 'Deploy' }], script: ['Running'] }
const triggers = { ...DEMO_NEXTGEN.triggers, on_slow: { pipeline: 'slow' } }

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

  it('aborts the execution it started when the wait times out, and hands the wait to harness-ng-execution-status in its hint', async () => {
    const sim = await nextGenSimulator({ triggers, pipelines: { slow: slowPipeline }, webhook: { pendingPolls: 3 } })
    const base = settings(sim, { pipeline: 'slow', trigger: 'on_slow' })
    const result = await ngTriggerWebhook({ ...base, wait: { ...base.wait, pollIntervalMs: 100, timeoutMs: 1_000 } }, recordingContext())
    expect(result.failure?.title).toBe('Timed out')
    // Aborted as the step that started it: the trigger ran the pipeline for this step.
    expect(sim.calls('interrupt')).toHaveLength(1)
    expect(result.failure?.hint).toContain("gate a later job on the execution with 'harness-ng-execution-status'")
  })
})
