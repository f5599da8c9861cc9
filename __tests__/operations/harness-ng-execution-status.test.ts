import { expect } from '@jest/globals'
import { NextGenClient } from '../../src/harness/nextgen.js'
import { ngExecutionStatus } from '../../src/operations/harness-ng-execution-status.js'
import { nextGenSimulator, recordingContext, statusSettings, type Simulator } from './nextgen-fixtures.js'
import { rejectionOf } from '../rejection.js'

/** Starts a pipeline on the fake API the way an earlier job would. */
async function startedEarlier(sim: Simulator, pipeline: string): Promise<string> {
  const settings = statusSettings(sim, '')
  const { id } = await new NextGenClient(settings.harness, settings.scope).run({ pipeline, runtimeInputs: '', inputSets: [], notes: '' })
  return id
}

describe('harness-ng-execution-status', () => {
  it('reads the execution once with wait: false, linking it from the pipeline Harness names', async () => {
    const sim = await nextGenSimulator()
    const id = await startedEarlier(sim, 'deploy_payments')
    const context = recordingContext()
    const settings = statusSettings(sim, id)
    const result = await ngExecutionStatus({ ...settings, wait: { ...settings.wait, enabled: false } }, context)
    const url = `${sim.url}/ng/account/demo-account/all/orgs/default/projects/payments/pipelines/deploy_payments/executions/${id}/pipeline`
    expect(result.outputs).toEqual({ 'execution-id': id, status: 'Running', 'status-normalized': 'running', 'execution-url': url })
    expect(result.failure).toBeUndefined()
    expect(context.events).toEqual([`started ${id} ${url}`, 'Running in_progress'])
    expect(sim.calls('status')).toHaveLength(1)
  })

  it('waits for a final status and judges it', async () => {
    const sim = await nextGenSimulator()
    const id = await startedEarlier(sim, 'deploy_broken')
    const context = recordingContext()
    const result = await ngExecutionStatus(statusSettings(sim, id), context)
    expect(result.outputs.status).toBe('Failed')
    expect(result.failure?.message).toContain("stage 'Deploy production', step 'Smoke test' (Failed)")
    expect(context.events[0]).toMatch(/^started /)
    expect(context.events.slice(1)).toEqual(['Running in_progress', 'Failed failure'])
  })

  it('passes a status the user lists in passing-statuses', async () => {
    const sim = await nextGenSimulator()
    const id = await startedEarlier(sim, 'deploy_broken')
    const settings = statusSettings(sim, id)
    const result = await ngExecutionStatus({ ...settings, wait: { ...settings.wait, passingStatuses: new Set(['Success', 'Failed']) } }, recordingContext())
    expect(result.failure).toBeUndefined()
    expect(result.summary.passed).toBe(true)
  })

  it('leaves the execution it only watches running when its own wait times out', async () => {
    const sim = await nextGenSimulator({ pipelines: { slow: { name: 'Slow', stages: [{ identifier: 's', name: 'S' }], script: ['Running'] } } })
    const id = await startedEarlier(sim, 'slow')
    const settings = statusSettings(sim, id, { abort: { onTimeout: false, onCancel: false } })
    const result = await ngExecutionStatus({ ...settings, wait: { ...settings.wait, timeoutMs: 100 } }, recordingContext())
    expect(sim.calls('interrupt')).toHaveLength(0)
    expect(result.failure?.title).toBe('Timed out')
    expect(result.failure?.message).toMatch(/it keeps running in Harness \(abort-on-timeout is false\)$/)
    expect(result.failure?.hint).toBe("Raise 'timeout', or run this step again to keep waiting: the execution was left running in Harness.")
  })

  it('aborts on its own timeout when abort-on-timeout asks it to', async () => {
    const sim = await nextGenSimulator({ pipelines: { slow: { name: 'Slow', stages: [{ identifier: 's', name: 'S' }], script: ['Running'] } } })
    const id = await startedEarlier(sim, 'slow')
    const settings = statusSettings(sim, id, { abort: { onTimeout: true, onCancel: false } })
    const result = await ngExecutionStatus({ ...settings, wait: { ...settings.wait, timeoutMs: 100 } }, recordingContext())
    expect(sim.calls('interrupt')).toHaveLength(1)
    expect(result.failure?.message).toMatch(/AbortAll was sent to Harness$/)
  })

  it('fails at once, with advice, for an execution Harness does not know', async () => {
    const sim = await nextGenSimulator()
    const error = await rejectionOf(ngExecutionStatus(statusSettings(sim, 'no-such-id'), recordingContext()))
    expect(error.message).toBe(
      'Could not read NextGen execution no-such-id: Harness answered HTTP 404: RESOURCE_NOT_FOUND_EXCEPTION: Plan Execution Summary does not exist or has been deleted for planExecutionId: no-such-id'
    )
    expect(error.hint).toBe(
      "Check the identifiers: 'harness-org' 'default', 'harness-project' 'payments', the pipeline or execution id, and that the key can see that project of account 'demo-account' ('harness-account-id')."
    )
    expect(sim.calls('status')).toHaveLength(1)
  })

  it('with wait: false, describes an execution that has ended in full (failing step, log, variables) without judging it', async () => {
    const sim = await nextGenSimulator()
    const id = await startedEarlier(sim, 'deploy_broken')
    const settings = statusSettings(sim, id)
    await ngExecutionStatus(settings, recordingContext())
    const result = await ngExecutionStatus({ ...settings, wait: { ...settings.wait, enabled: false } }, recordingContext())
    expect(result.failure).toBeUndefined()
    expect(result.outputs).toMatchObject({ status: 'Failed', 'status-normalized': 'failed' })
    expect(JSON.parse(String(result.outputs.outputs))).toEqual({ build: { compile: { IMAGE_TAG: '1.4.2' } }, deploy_prod: { rollout: { REPLICAS: '3' } } })
    expect(result.summary.details).toEqual(expect.arrayContaining([['Failed step', 'Smoke test']]))
    expect(result.summary.links).toContainEqual({
      text: "Failed step 'Smoke test' in Harness",
      href: expect.stringContaining('/pipelines/deploy_broken/executions/')
    })
    expect(result.summary.log?.lines.at(-1)).toBe('Command finished with status FAILURE')
  })

  it('names the failed stages without reasons when Harness gives none and the graph cannot be read', async () => {
    const sim = await nextGenSimulator({
      pipelines: { mute: { name: 'Mute', stages: [{ identifier: 'deploy', name: 'Deploy' }], script: ['Running', 'Failed'] } }
    })
    const id = await startedEarlier(sim, 'mute')
    sim.failNext('graph', { httpStatus: 400, code: 'INVALID_REQUEST', message: 'Graph unavailable' })
    const result = await ngExecutionStatus(statusSettings(sim, id), recordingContext())
    expect(result.failure?.message).toMatch(/ended with status Failed: stage 'Deploy' \(Failed\)$/)
    expect(result.summary.target).toBe('default/payments / mute')
  })
})
