import { CancelledError } from '../../src/errors.js'
import { ngRunPipeline } from '../../src/operations/harness-ng-run-pipeline.js'
import { log, nextGenSimulator, recordingContext, runSettings, until } from './nextgen-fixtures.js'

const slowPipeline = { name: 'Slow', stages: [{ identifier: 'deploy', name: 'Deploy' }], script: ['Running'] }

describe('harness-ng-run-pipeline', () => {
  it('starts the pipeline and follows Running → ApprovalWaiting → Success to a pass', async () => {
    const sim = await nextGenSimulator()
    const context = recordingContext()
    const result = await ngRunPipeline(runSettings(sim, { runtimeInputs: 'pipeline:\n  identifier: deploy_payments\n' }), context)

    const [id] = sim.executions.keys()
    const url = `${sim.url}/ng/account/demo-account/all/orgs/default/projects/payments/pipelines/deploy_payments/executions/${id}/pipeline`
    expect(result.failure).toBeUndefined()
    expect(result.outputs).toEqual({ 'execution-id': id, status: 'Success', 'status-normalized': 'success', 'execution-url': url, outputs: '{}' })
    expect(context.events).toEqual([`started ${id} ${url}`, 'Running in_progress', 'ApprovalWaiting in_progress', 'Running in_progress', 'Success success'])
    expect(result.summary).toMatchObject({
      operation: 'harness-ng-run-pipeline',
      target: 'default/payments / deploy_payments',
      status: 'Success',
      passed: true,
      links: [{ text: 'Execution in Harness', href: url }],
      stages: [
        { name: 'Build', status: 'Success' },
        { name: 'Approve production', status: 'Success' },
        { name: 'Deploy production', status: 'Success' }
      ]
    })
    const text = log()
    expect(text).toContain("Running pipeline 'deploy_payments' of default/payments with runtime input YAML (2 lines).")
    expect(text).toContain("ApprovalWaiting (stage 'Approve production')")
    expect(text).toContain(
      `::notice title=Action needed in Harness::Harness execution ${id} in stage 'Approve production' is waiting for an approval: a person must approve or reject it in Harness: ${url}`
    )
    expect(text).not.toContain('identifier: deploy_payments')
  })

  it('returns right after the start with wait: false', async () => {
    const sim = await nextGenSimulator()
    const context = recordingContext()
    const settings = runSettings(sim, { inputSets: ['prod'] })
    const result = await ngRunPipeline({ ...settings, wait: { ...settings.wait, enabled: false } }, context)
    expect(result.outputs.status).toBe('Running')
    expect(result.failure).toBeUndefined()
    expect(sim.calls('status')).toHaveLength(0)
    expect(context.events).toHaveLength(2)
  })

  it("fails with Harness's reason and the failing stage", async () => {
    const sim = await nextGenSimulator()
    const result = await ngRunPipeline(runSettings(sim, { pipeline: 'deploy_broken' }), recordingContext())
    expect(result.outputs.status).toBe('Failed')
    expect(result.summary.passed).toBe(false)
    expect(result.failure).toMatchObject({ title: 'Deployment Failed' })
    expect(result.failure?.message).toMatch(
      /^Harness NextGen execution \S+ ended with status Failed: stage 'Deploy production', step 'Smoke test' \(Failed\): Shell Script step 'smoke_test' failed: exit status 1\. The step in Harness: \S+\?stage=node-deploy_prod&step=exec-deploy_prod-smoke_test$/
    )
    expect(result.summary.details).toContainEqual(['Error', "Shell Script step 'smoke_test' failed: exit status 1"])
    expect(log()).toContain("Failed (stage 'Deploy production')")
  })

  it('sends exactly one AbortAll when the wait times out', async () => {
    const sim = await nextGenSimulator({ pipelines: { slow: slowPipeline } })
    const settings = runSettings(sim, { pipeline: 'slow' })
    const result = await ngRunPipeline({ ...settings, wait: { ...settings.wait, timeoutMs: 150 } }, recordingContext())
    expect(sim.calls('interrupt')).toHaveLength(1)
    expect(result.failure?.title).toBe('Timed out')
    expect(result.failure?.message).toMatch(/last status Running; AbortAll was sent to Harness$/)
    expect(result.summary.status).toBe('Running (timed out)')
    expect(log()).toContain('The wait timed out: sending AbortAll to Harness execution')
  })

  it('leaves the execution running on timeout when abort-on-timeout is false', async () => {
    const sim = await nextGenSimulator({ pipelines: { slow: slowPipeline } })
    const settings = runSettings(sim, { pipeline: 'slow', abort: { onTimeout: false, onCancel: true } })
    const result = await ngRunPipeline({ ...settings, wait: { ...settings.wait, timeoutMs: 100 } }, recordingContext())
    expect(sim.calls('interrupt')).toHaveLength(0)
    expect(result.failure?.message).toMatch(/it keeps running in Harness \(abort-on-timeout is false\)$/)
  })

  it('warns, naming the permission, when Harness refuses the abort', async () => {
    const sim = await nextGenSimulator({ pipelines: { slow: slowPipeline } })
    sim.failNext('interrupt', { httpStatus: 403, code: 'NG_ACCESS_DENIED', message: 'Missing permission core_pipeline_execute' })
    const settings = runSettings(sim, { pipeline: 'slow' })
    const result = await ngRunPipeline({ ...settings, wait: { ...settings.wait, timeoutMs: 100 } }, recordingContext())
    expect(sim.calls('interrupt')).toHaveLength(1)
    expect(result.failure?.message).toContain('it could not be aborted (Could not abort NextGen execution')
    expect(log()).toMatch(
      /::warning title=Could not abort the Harness execution::.*HTTP 403: NG_ACCESS_DENIED: Missing permission core_pipeline_execute\. Aborting needs the 'Pipelines: Execute' permission \(core_pipeline_execute\) on the pipeline; abort it by hand in Harness: http/
    )
  })

  it('sends exactly one AbortAll when the job is cancelled while waiting, then reports the cancel', async () => {
    const sim = await nextGenSimulator({ pipelines: { slow: slowPipeline } })
    const context = recordingContext()
    const running = ngRunPipeline(runSettings(sim, { pipeline: 'slow' }), context)
    await until(() => sim.calls('status').length > 0)
    context.cancel()
    await expect(running).rejects.toBeInstanceOf(CancelledError)
    expect(sim.calls('interrupt')).toHaveLength(1)
    expect(log()).toContain('The job was cancelled: sending AbortAll to Harness execution')
    expect(log()).toContain('Harness accepted AbortAll')
  })

  it('aborts at once on cancel even while a poll is being retried', async () => {
    const sim = await nextGenSimulator({ pipelines: { slow: slowPipeline } })
    sim.failNext('status', { httpStatus: 503, code: 'SERVICE_UNAVAILABLE', message: 'busy' }, 2)
    const context = recordingContext()
    const running = ngRunPipeline(runSettings(sim, { pipeline: 'slow' }), context)
    await until(() => sim.calls('status').length > 0)
    context.cancel()
    await expect(running).rejects.toBeInstanceOf(CancelledError)
    // The abort went out while the poll was still backing off (its third try comes 1.5 s or more later);
    // the cancel stopped that poll's back-off too, so no third try is left running.
    expect(sim.calls('status').length).toBeLessThan(3)
    expect(sim.calls('interrupt')).toHaveLength(1)
  })

  it('rides out an execution that Harness does not list yet', async () => {
    const sim = await nextGenSimulator()
    sim.failNext('status', { httpStatus: 404, code: 'RESOURCE_NOT_FOUND_EXCEPTION', message: 'Plan Execution Summary does not exist' })
    const result = await ngRunPipeline(runSettings(sim), recordingContext())
    expect(result.outputs.status).toBe('Success')
    expect(log()).toContain('is not visible in Harness yet')
  })
})
