import { executionStatus } from '../../src/operations/harness-execution-status.js'
import type { ExecutionStatusSettings } from '../../src/operations/harness-execution-status.js'
import type { Scenario } from '../../simulator/harness-firstgen.js'
import { connection, operationNames, quickWait, useSimulator } from '../harness/firstgen-fixtures.js'
import { recordingContext } from './recording-context.js'

/** A pipeline run under way, a paused workflow run, and a failed one. */
const executions: Scenario['executions'] = [
  { id: 'running-1', applicationId: 'app-1', type: 'PIPELINE', entityId: 'pl-1', statuses: ['RUNNING', 'PAUSED', 'SUCCESS'] },
  { id: 'paused-1', applicationId: 'app-1', type: 'WORKFLOW', entityId: 'wf-1', statuses: ['PAUSED'] },
  { id: 'failed-1', applicationId: 'app-1', type: 'WORKFLOW', entityId: 'wf-1', statuses: [{ status: 'FAILED', failureDetails: 'Pods crash-looped' }] }
]

const setup = useSimulator({ executions })

function settings(executionId: string, overrides: Partial<ExecutionStatusSettings> = {}): ExecutionStatusSettings {
  return {
    operation: 'harness-execution-status',
    harness: connection(setup.sim),
    executionId,
    wait: quickWait(),
    abort: { onTimeout: false, onCancel: false },
    ...overrides
  }
}

describe('harness-execution-status', () => {
  it('waits for a running execution and passes on SUCCESS', async () => {
    const context = recordingContext()
    const result = await executionStatus(settings('running-1'), context)
    expect(result.failure).toBeUndefined()
    expect(result.outputs).toMatchObject({ 'execution-id': 'running-1', status: 'SUCCESS', 'application-id': 'app-1' })
    expect(context.events.slice(1)).toEqual(['RUNNING in_progress', 'PAUSED in_progress', 'SUCCESS success'])
    expect(setup.log.text()).toContain("Pipeline 'Release' of application 'shop'")
  })

  it('says a person must act when a workflow is paused outside an approval stage', async () => {
    const result = await executionStatus(settings('paused-1', { wait: quickWait({ enabled: false }) }), recordingContext())
    expect(result.outputs.status).toBe('PAUSED')
    expect(setup.log.text()).toContain('Status PAUSED: waiting for a person to act in Harness (an approval or a manual intervention): http')
  })

  it('with wait: false reports the status read and does not judge it', async () => {
    const result = await executionStatus(settings('running-1', { wait: quickWait({ enabled: false }) }), recordingContext())
    expect(operationNames(setup.sim)).toEqual(['Execution'])
    expect(result.outputs.status).toBe('RUNNING')
    expect(result.failure).toBeUndefined()
  })

  it('judges an execution that has already ended without polling again', async () => {
    const result = await executionStatus(settings('failed-1'), recordingContext())
    expect(operationNames(setup.sim)).toEqual(['Execution'])
    expect(result.failure?.message).toBe('Harness workflow execution failed-1 ended with status FAILED: Pods crash-looped')
    expect(setup.log.text()).toContain('Status FAILED: Pods crash-looped')
  })

  it('survives a 500 on a poll', async () => {
    setup.sim.faults.push({ field: 'execution', nth: 2, status: 500 })
    const result = await executionStatus(settings('running-1'), recordingContext())
    expect(result.outputs.status).toBe('SUCCESS')
  })

  it("fails with Harness's message for an unknown execution", async () => {
    await expect(executionStatus(settings('nope'), recordingContext())).rejects.toThrow(
      'Could not read Harness execution nope: Execution does not exist or access is denied'
    )
  })
})
