// The FirstGen operations run from dist/ exactly as the runner runs them, against the local
// FirstGen simulator (which validates every query against its schema).
import { expect } from '@jest/globals'
import { ACCOUNT, API_KEY, graphqlBodies, operationNames, startSimulator, type Simulator } from '../harness/firstgen-fixtures.js'
import type { ChildProcess } from 'node:child_process'
import { annotations, runAction, visibleLog, type ActionRun, type Annotation, type RunOptions } from './action.js'

let sim: Simulator

afterEach(async () => {
  await sim?.close()
})

function inputs(extra: Record<string, string>): Record<string, string> {
  // Artifact cleanup does not wait, so it reads no wait settings (and would refuse them).
  const waits = extra.operation !== 'harness-artifact-cleanup'
  return {
    'harness-url': sim.url,
    'harness-api-key': API_KEY,
    'harness-account-id': ACCOUNT,
    ...(waits ? { 'poll-interval': '0.1', timeout: '30s' } : {}),
    ...extra
  }
}

/** Runs the action and checks what every run must hold: the key is seen nowhere. */
async function run(extra: Record<string, string>, env?: Record<string, string>, options: RunOptions = {}): Promise<ActionRun> {
  const result = await runAction(inputs(extra), { ...options, env })
  expect(visibleLog(result)).not.toContain(API_KEY)
  expect(JSON.stringify(result.outputs)).not.toContain(API_KEY)
  expect(result.summary).not.toContain(API_KEY)
  return result
}

function errorOf(result: ActionRun): Annotation {
  const errors = annotations(result.stdout).filter(annotation => annotation.level === 'error')
  expect(errors).toHaveLength(1)
  return errors[0]
}

const startPipeline = { operation: 'harness-start-execution', application: 'shop', pipeline: 'Release' }

describe('harness-start-execution (e2e)', () => {
  it('a pipeline by name: QUEUED → RUNNING → PAUSED → SUCCESS passes; variables and artifacts reach Harness as sent', async () => {
    sim = await startSimulator()
    const result = await run(
      {
        ...startPipeline,
        variables: 'env: prod\nversion: 1.10\ninfra: {type: ID, value: infra-9}',
        'service-artifacts': 'api: docker-api@2024.1.7\nweb:\n  artifact-source: s3-web\n  build-number: "88"'
      },
      {
        GITHUB_REPOSITORY: 'acme/shop',
        GITHUB_SHA: '0123456789abcdef0123',
        GITHUB_WORKFLOW: 'release',
        GITHUB_RUN_ID: '77',
        GITHUB_SERVER_URL: 'https://github.com'
      }
    )
    expect(result.code).toBe(0)
    const url = `${sim.url}/#/account/${ACCOUNT}/app/app-1/pipeline-execution/exec-1/workflow-execution/undefined/details`
    expect(result.outputs).toEqual({
      'execution-id': 'exec-1',
      status: 'SUCCESS',
      'status-normalized': 'success',
      'execution-url': url,
      'application-id': 'app-1'
    })
    expect(sim.started).toEqual([
      {
        applicationId: 'app-1',
        entityId: 'pl-1',
        executionType: 'PIPELINE',
        notes: "Started from GitHub: acme/shop@0123456789ab by workflow 'release', run https://github.com/acme/shop/actions/runs/77",
        variableInputs: [
          { name: 'env', variableValue: { type: 'NAME', value: 'prod' } },
          { name: 'version', variableValue: { type: 'NAME', value: '1.10' } },
          { name: 'infra', variableValue: { type: 'ID', value: 'infra-9' } }
        ],
        serviceInputs: [
          { name: 'api', artifactValueInput: { valueType: 'BUILD_NUMBER', buildNumber: { artifactSourceName: 'docker-api', buildNumber: '2024.1.7' } } },
          { name: 'web', artifactValueInput: { valueType: 'BUILD_NUMBER', buildNumber: { artifactSourceName: 's3-web', buildNumber: '88' } } }
        ]
      }
    ])
    const statusLines = visibleLog(result)
      .split('\n')
      .filter(line => line.startsWith('Status '))
    expect(statusLines.map(line => line.split(/[ :]/)[1])).toEqual(['QUEUED', 'RUNNING', 'PAUSED', 'SUCCESS'])
    expect(statusLines[2]).toContain("waiting for approval at 'STAGE 2: Approve prod'; a person must approve or reject it in Harness")
    expect(result.summary).toContain('shop / Release')
    expect(result.summary).toContain('STAGE 2: Approve prod')
    expect(result.summary).toContain(`href="${url}"`)
  })

  it('a pipeline by id that ends FAILED fails the step with Harness reason; outputs still set', async () => {
    sim = await startSimulator()
    const result = await run({ operation: 'harness-start-execution', 'application-id': 'app-1', 'pipeline-id': 'pl-2' })
    expect(result.code).toBe(1)
    expect(operationNames(sim)[0]).toBe('StartExecution')
    expect(result.outputs.status).toBe('FAILED')
    expect(errorOf(result)).toMatchObject({
      title: 'Deployment FAILED',
      message:
        "Harness pipeline execution exec-1 ended with status FAILED: Deploy staging: rollout timed out\nPassing statuses: SUCCESS (input 'passing-statuses')."
    })
  })

  it('a workflow by name passes, linked through its environment', async () => {
    sim = await startSimulator()
    const result = await run({ operation: 'harness-start-execution', application: 'shop', workflow: 'Deploy api' })
    expect(result.code).toBe(0)
    expect(operationNames(sim).slice(0, 3)).toEqual(['ApplicationByName', 'WorkflowByName', 'StartExecution'])
    expect(result.outputs['execution-url']).toBe(`${sim.url}/#/account/${ACCOUNT}/app/app-1/env/env-qa/executions/exec-1/details`)
  })

  it('a workflow by id with wait: false returns after the start', async () => {
    sim = await startSimulator()
    const result = await run({ operation: 'harness-start-execution', 'application-id': 'app-1', 'workflow-id': 'wf-1', wait: 'false' })
    expect(result.code).toBe(0)
    expect(operationNames(sim)).toEqual(['StartExecution'])
    expect(result.outputs.status).toBe('QUEUED')
  })

  it('a timeout fails the step with the last status', async () => {
    sim = await startSimulator()
    const result = await run({ ...startPipeline, pipeline: 'Stuck', timeout: '1s' })
    expect(result.code).toBe(1)
    expect(result.outputs.status).toBe('RUNNING')
    const error = errorOf(result)
    expect(error.title).toBe('Timed out')
    expect(error.message).toContain('Timed out after 1s waiting for Harness pipeline execution exec-1; last status RUNNING')
  })

  it('a 429 on a poll is waited out, then the execution is followed to the end', async () => {
    sim = await startSimulator({ faults: [{ field: 'execution', nth: 2, status: 429, headers: { 'retry-after': '0' } }] })
    const result = await run(startPipeline)
    expect(result.code).toBe(0)
    expect(result.outputs.status).toBe('SUCCESS')
    expect(visibleLog(result)).toContain('HTTP 429; retrying')
  })

  it('a 500 on a poll is retried, then the execution is followed to the end', async () => {
    sim = await startSimulator({ faults: [{ field: 'execution', nth: 1, status: 500 }] })
    const result = await run(startPipeline)
    expect(result.code).toBe(0)
    expect(result.outputs.status).toBe('SUCCESS')
  })

  it('a 500 on startExecution is not retried: exactly one start reached Harness', async () => {
    sim = await startSimulator({ faults: [{ field: 'startExecution', status: 500 }] })
    const result = await run(startPipeline)
    expect(result.code).toBe(1)
    expect(operationNames(sim).filter(name => name === 'StartExecution')).toHaveLength(1)
    const error = errorOf(result)
    expect(error.title).toBe("Could not start the Harness pipeline 'Release'")
    expect(error.message).toContain('Harness answered HTTP 500')
    expect(error.message).toContain('The request was not sent again: Harness may have carried it out anyway.')
    expect(error.message).toContain('Check in Harness whether it happened before re-running this job')
  })

  it('an unknown pipeline name fails before anything starts', async () => {
    sim = await startSimulator()
    const result = await run({ ...startPipeline, pipeline: 'Relase' })
    expect(result.code).toBe(1)
    expect(errorOf(result).message).toContain("Harness pipeline 'Relase' was not found (input 'pipeline')")
    expect(sim.started).toEqual([])
  })

  it('an invalid API key fails with Harness message, and the key is shown nowhere', async () => {
    sim = await startSimulator({ apiKey: 'the-real-key' })
    const result = await run(startPipeline)
    expect(result.code).toBe(1)
    const error = errorOf(result)
    expect(error.message).toContain('Harness answered HTTP 401: Invalid Api Key')
    expect(error.message).toContain("Check that 'harness-api-key' is a current Harness API key")
  })

  it('works under the path of a vanity URL', async () => {
    sim = await startSimulator({ pathPrefix: '/harness' })
    const result = await run({ ...startPipeline, 'harness-url': `${sim.url}/harness`, wait: 'false' })
    expect(result.code).toBe(0)
    expect(sim.requests.every(request => request.path === '/harness/gateway/api/graphql')).toBe(true)
    expect(result.outputs['execution-url']).toMatch(new RegExp(`^${sim.url}/harness/#/account/`))
  })

  it('every document is a constant: user values travel only in variables', async () => {
    sim = await startSimulator()
    await run({ ...startPipeline, variables: 'env=prod") { id } #', wait: 'false' })
    for (const body of graphqlBodies(sim)) {
      expect(body.query).not.toContain('shop')
      expect(body.query).not.toContain('prod')
    }
  })
})

describe('harness-execution-status (e2e)', () => {
  it('gates in a later job on an execution started with wait: false', async () => {
    sim = await startSimulator()
    const started = await run({ ...startPipeline, wait: 'false' })
    expect(started.code).toBe(0)
    const gate = await run({ operation: 'harness-execution-status', 'execution-id': started.outputs['execution-id'] })
    expect(gate.code).toBe(0)
    expect(gate.outputs).toMatchObject({ 'execution-id': 'exec-1', status: 'SUCCESS', 'application-id': 'app-1' })
    expect(gate.summary).toContain('shop / Release')
  })

  it('fails the gate when the execution failed', async () => {
    sim = await startSimulator({
      executions: [
        { id: 'old-1', applicationId: 'app-1', type: 'PIPELINE', entityId: 'pl-2', statuses: [{ status: 'FAILED', failureDetails: 'Verification failed' }] }
      ]
    })
    const result = await run({ operation: 'harness-execution-status', 'execution-id': 'old-1' })
    expect(result.code).toBe(1)
    expect(result.outputs.status).toBe('FAILED')
    expect(errorOf(result).message).toContain('ended with status FAILED: Verification failed')
  })
})

describe('FirstGen aborts (e2e): only the step that started the execution aborts it', () => {
  const abortOf = (executionId: string): object => ({ executionId, appId: 'app-1', routingId: ACCOUNT, body: { executionInterruptType: 'ABORT_ALL' } })

  it('the start operation aborts the execution it started, once, when its wait times out', async () => {
    sim = await startSimulator()
    const result = await run({ ...startPipeline, pipeline: 'Stuck', timeout: '1s' })
    expect(result.code).toBe(1)
    expect(sim.aborts).toEqual([abortOf('exec-1')])
    const abort = sim.requests.find(request => request.method === 'PUT')
    expect(abort?.path).toBe('/gateway/api/executions/exec-1')
    expect(abort?.headers['x-api-key']).toBe(API_KEY)
    expect(abort?.headers['content-type']).toBe('application/json')
    const error = errorOf(result)
    expect(error.message).toMatch(/last status RUNNING; ABORT_ALL was sent to Harness$/m)
    expect(error.message).toContain("Raise 'timeout', or start with 'wait: false' and gate a later job on the execution with 'harness-execution-status'.")
    expect(visibleLog(result)).toContain('Harness accepted ABORT_ALL: Harness execution exec-1 is being aborted.')
  })

  it('the start operation aborts once when the job is cancelled (SIGTERM) while it waits', async () => {
    sim = await startSimulator()
    let child: ChildProcess | undefined
    const running = run({ ...startPipeline, pipeline: 'Stuck' }, undefined, { started: started => (child = started) })
    await until(() => operationNames(sim).filter(name => name === 'Execution').length > 0)
    child?.kill('SIGTERM')
    const result = await running
    expect(result.code).not.toBe(0)
    expect(sim.aborts).toEqual([abortOf('exec-1')])
    expect(visibleLog(result)).toContain('The job was cancelled: sending ABORT_ALL to Harness execution exec-1.')
  })

  it('a refused abort is a warning that names the permission the key lacks', async () => {
    sim = await startSimulator({ refuseAbort: true })
    const result = await run({ ...startPipeline, pipeline: 'Stuck', timeout: '1s' })
    expect(result.code).toBe(1)
    expect(sim.aborts).toHaveLength(1)
    const warning = annotations(result.stdout).find(
      annotation => annotation.level === 'warning' && annotation.title === 'Could not abort the Harness execution'
    )
    expect(warning?.message).toContain('Could not abort Harness execution exec-1: Harness answered HTTP 403: Not authorized to perform this action')
    expect(warning?.message).toContain("Aborting needs the 'Execute Pipeline' application permission for this pipeline; abort it by hand in Harness: http")
    expect(errorOf(result).message).toContain('it could not be aborted')
  })

  it('abort-on-timeout: false leaves the started execution running', async () => {
    sim = await startSimulator()
    const result = await run({ ...startPipeline, pipeline: 'Stuck', timeout: '1s', 'abort-on-timeout': 'false' })
    expect(result.code).toBe(1)
    expect(sim.aborts).toEqual([])
    expect(errorOf(result).message).toMatch(/it keeps running in Harness \(abort-on-timeout is false\)$/m)
  })

  it('the status operation only watches: its own timeout leaves the execution running, with advice that fits', async () => {
    sim = await startSimulator({ executions: [{ id: 'long-1', applicationId: 'app-1', type: 'WORKFLOW', entityId: 'wf-1', statuses: ['RUNNING'] }] })
    const result = await run({ operation: 'harness-execution-status', 'execution-id': 'long-1', timeout: '1s' })
    expect(result.code).toBe(1)
    expect(sim.aborts).toEqual([])
    const error = errorOf(result)
    expect(error.message).toMatch(/it keeps running in Harness \(abort-on-timeout is false\)$/m)
    expect(error.message).toContain("Raise 'timeout', or run this step again to keep waiting")
    expect(error.message).not.toContain('status operation')
    expect(result.outputs['status-normalized']).toBe('running')
  })

  it('the status operation aborts on its timeout when abort-on-timeout asks it to; a workflow needs Abort Workflow', async () => {
    sim = await startSimulator({
      refuseAbort: true,
      executions: [{ id: 'long-1', applicationId: 'app-1', type: 'WORKFLOW', entityId: 'wf-1', statuses: ['RUNNING'] }]
    })
    const result = await run({ operation: 'harness-execution-status', 'execution-id': 'long-1', timeout: '1s', 'abort-on-timeout': 'true' })
    expect(sim.aborts).toEqual([abortOf('long-1')])
    expect(visibleLog(result)).toContain("Aborting needs the 'Abort Workflow' application permission for this workflow")
  })
})

describe('harness-artifact-cleanup (e2e)', () => {
  it('passes on Cleanup successful', async () => {
    sim = await startSimulator()
    const result = await run({ operation: 'harness-artifact-cleanup', 'artifact-stream-id': 'stream-docker' })
    expect(result.code).toBe(0)
    expect(result.outputs).toEqual({ message: 'Cleanup successful for Artifact stream with id: stream-docker' })
    expect(graphqlBodies(sim)[0].variables).toEqual({ input: { artifactStreamId: 'stream-docker' } })
  })

  it.each([
    ['nope', 'Artifact stream not found for the id: nope'],
    ['stream-jenkins', 'Clean up not supported for artifact Stream type: JENKINS'],
    ['stream-nexus', 'Failed to cleanup artifacts for artifact stream. Reason Nexus answered 503']
  ])('fails with Harness message for %s', async (id, message) => {
    sim = await startSimulator()
    const result = await run({ operation: 'harness-artifact-cleanup', 'artifact-stream-id': id })
    expect(result.code).toBe(1)
    expect(result.outputs.message).toBe(message)
    expect(errorOf(result)).toMatchObject({
      title: 'Artifact cleanup failed',
      message: expect.stringContaining(`Harness did not clean up artifact stream ${id}: ${message}`)
    })
  })
})

async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 20_000
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise(resolve => setTimeout(resolve, 20))
  }
}
