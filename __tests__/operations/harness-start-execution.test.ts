import { expect } from '@jest/globals'
import { CancelledError } from '../../src/errors.js'
import { startExecution } from '../../src/operations/harness-start-execution.js'
import type { StartExecutionSettings } from '../../src/operations/harness-start-execution.js'
import { connection, operationNames, quickWait, useSimulator } from '../harness/firstgen-fixtures.js'
import { recordingContext } from './recording-context.js'

const setup = useSimulator()

function settings(overrides: Partial<StartExecutionSettings> = {}): StartExecutionSettings {
  return {
    operation: 'harness-start-execution',
    harness: connection(setup.sim),
    application: { by: 'name', name: 'shop' },
    target: { type: 'PIPELINE', ref: { by: 'name', name: 'Release' } },
    variables: [],
    serviceArtifacts: [],
    notes: 'from a test',
    wait: quickWait(),
    abort: { onTimeout: true, onCancel: true },
    ...overrides
  }
}

/** The job is cancelled as soon as Harness reports the execution running. */
function cancelWhenRunning(context: ReturnType<typeof recordingContext>): void {
  context.progress = {
    ...context.progress,
    changed: status => {
      if (status === 'RUNNING') context.cancel()
      return Promise.resolve()
    }
  }
}

describe('harness-start-execution', () => {
  it('resolves names, starts, follows QUEUED → RUNNING → PAUSED → SUCCESS and passes', async () => {
    const context = recordingContext()
    const result = await startExecution(settings(), context)
    const url = `${setup.sim.url}/#/account/acct-1/app/app-1/pipeline-execution/exec-1/workflow-execution/undefined/details`
    expect(result.failure).toBeUndefined()
    expect(result.outputs).toEqual({
      'execution-id': 'exec-1',
      status: 'SUCCESS',
      'status-normalized': 'success',
      'execution-url': url,
      'application-id': 'app-1'
    })
    expect(operationNames(setup.sim)).toEqual(['ApplicationByName', 'PipelineByName', 'StartExecution', 'Execution', 'Execution', 'Execution', 'Execution'])
    expect(context.events).toEqual([`started exec-1 ${url}`, 'QUEUED in_progress', 'RUNNING in_progress', 'PAUSED in_progress', 'SUCCESS success'])
    const text = setup.log.text()
    expect(text).toContain('::group::Resolve the Harness application and pipeline')
    expect(text).toContain("::group::Start the pipeline 'Release'")
    expect(text).toContain(`Status PAUSED: waiting for approval at 'STAGE 2: Approve prod'; a person must approve or reject it in Harness: ${url}`)
    expect(result.summary).toMatchObject({
      operation: 'harness-start-execution',
      target: 'shop / Release',
      status: 'SUCCESS',
      passed: true,
      links: [{ href: url }],
      stages: [
        { name: 'STAGE 1: Deploy staging', status: 'SUCCESS' },
        { name: 'STAGE 2: Approve prod', status: 'SUCCESS' }
      ]
    })
  })

  it('starts a workflow by id without any lookup, and links it through its environment', async () => {
    const result = await startExecution(
      settings({ application: { by: 'id', id: 'app-1' }, target: { type: 'WORKFLOW', ref: { by: 'id', id: 'wf-1' } } }),
      recordingContext()
    )
    expect(operationNames(setup.sim).slice(0, 2)).toEqual(['StartExecution', 'Execution'])
    expect(result.outputs['execution-url']).toBe(`${setup.sim.url}/#/account/acct-1/app/app-1/env/env-qa/executions/exec-1/details`)
    expect(result.summary.target).toBe('shop / Deploy api')
  })

  it('fails the step on FAILED with Harness failure details, outputs still set', async () => {
    const result = await startExecution(settings({ target: { type: 'PIPELINE', ref: { by: 'id', id: 'pl-2' } } }), recordingContext())
    expect(result.outputs.status).toBe('FAILED')
    expect(result.failure).toEqual({
      title: 'Deployment FAILED',
      message: 'Harness pipeline execution exec-1 ended with status FAILED: Deploy staging: rollout timed out',
      hint: "Passing statuses: SUCCESS (input 'passing-statuses')."
    })
    expect(result.summary).toMatchObject({ passed: false, details: expect.arrayContaining([['Failure', 'Deploy staging: rollout timed out']]) })
  })

  it('passes a status listed in passing-statuses', async () => {
    const wait = quickWait({ passingStatuses: new Set(['SUCCESS', 'SKIPPED']) })
    const result = await startExecution(settings({ target: { type: 'WORKFLOW', ref: { by: 'name', name: 'Skipped deploy' } }, wait }), recordingContext())
    expect(result.outputs.status).toBe('SKIPPED')
    expect(result.failure).toBeUndefined()
  })

  it('fails with the last status on timeout', async () => {
    const wait = quickWait({ timeoutMs: 500 })
    const result = await startExecution(settings({ target: { type: 'PIPELINE', ref: { by: 'name', name: 'Stuck' } }, wait }), recordingContext())
    expect(result.outputs.status).toBe('RUNNING')
    expect(result.failure?.title).toBe('Timed out')
    expect(result.failure?.message).toContain('last status RUNNING')
    expect(result.summary.status).toBe('RUNNING (timed out)')
  })

  it('with wait: false returns right after the start', async () => {
    const context = recordingContext()
    const result = await startExecution(settings({ wait: quickWait({ enabled: false }) }), context)
    expect(operationNames(setup.sim)).toEqual(['ApplicationByName', 'PipelineByName', 'StartExecution'])
    expect(result.outputs.status).toBe('QUEUED')
    expect(result.failure).toBeUndefined()
    expect(context.events[1]).toBe('QUEUED in_progress')
  })

  it('lists variable names (not values) and service artifacts in the summary', async () => {
    const result = await startExecution(
      settings({
        variables: [{ name: 'db_password', type: 'NAME', value: 'hunter2' }],
        serviceArtifacts: [{ service: 'api', artifactSource: 'docker-api', buildNumber: '42' }],
        wait: quickWait({ enabled: false })
      }),
      recordingContext()
    )
    expect(result.summary.details).toEqual(
      expect.arrayContaining([
        ['Variables', 'db_password'],
        ['Service api', 'docker-api build 42']
      ])
    )
    expect(JSON.stringify(result.summary)).not.toContain('hunter2')
  })

  it('never sends startExecution twice after a 500, and says to check Harness', async () => {
    setup.sim.faults.push({ field: 'startExecution', status: 500 })
    await expect(startExecution(settings(), recordingContext())).rejects.toThrow('The request was not sent again: Harness may have carried it out anyway.')
    expect(operationNames(setup.sim).filter(name => name === 'StartExecution')).toHaveLength(1)
  })

  it('aborts the execution it started, once, when the job is cancelled while waiting', async () => {
    const context = recordingContext()
    cancelWhenRunning(context)
    await expect(startExecution(settings(), context)).rejects.toThrow(CancelledError)
    expect(setup.sim.aborts).toEqual([{ executionId: 'exec-1', appId: 'app-1', routingId: 'acct-1', body: { executionInterruptType: 'ABORT_ALL' } }])
    expect(setup.log.text()).toContain('The job was cancelled: sending ABORT_ALL to Harness execution exec-1.')
  })

  it('leaves the execution running on cancel when abort-on-cancel is false', async () => {
    const context = recordingContext()
    cancelWhenRunning(context)
    await expect(startExecution(settings({ abort: { onTimeout: true, onCancel: false } }), context)).rejects.toThrow(CancelledError)
    expect(setup.sim.aborts).toHaveLength(0)
    expect(setup.log.text()).toContain('abort-on-cancel is false, so Harness execution exec-1 keeps running in Harness')
  })
})
