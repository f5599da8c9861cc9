import { jest } from '@jest/globals'
import { ActionError } from '../../src/errors.js'
import { ExecutionNotFoundError, executionStatusSpelling, NextGenClient, type NgRunRequest } from '../../src/harness/nextgen.js'
import type { HarnessConnection } from '../../src/settings/index.js'
import { rejectionOf } from '../rejection.js'
import { DEMO_NEXTGEN, startHarnessNextGen } from '../../simulator/harness-nextgen.js'
import { sendJson, startServer } from '../../simulator/server.js'

type Simulator = Awaited<ReturnType<typeof startHarnessNextGen>>

const scope = { org: DEMO_NEXTGEN.org, project: DEMO_NEXTGEN.project }
const running: Array<{ close: () => Promise<void> }> = []

async function simulator(options: Parameters<typeof startHarnessNextGen>[0] = {}): Promise<Simulator> {
  const sim = await startHarnessNextGen(options)
  running.push(sim)
  return sim
}

function clientFor(url: string, apiKey = DEMO_NEXTGEN.apiKey): NextGenClient {
  const harness: HarnessConnection = { url: new URL(url), accountId: DEMO_NEXTGEN.accountId, apiKey }
  return new NextGenClient(harness, scope)
}

const run: NgRunRequest = { pipeline: 'deploy_payments', runtimeInputs: '', inputSets: [], notes: 'from a test' }

beforeEach(() => {
  // The HTTP layer logs retries; keep the test output clean.
  jest.spyOn(process.stdout, 'write').mockImplementation(() => true)
})

afterEach(async () => {
  jest.restoreAllMocks()
  await Promise.all(running.splice(0).map(server => server.close()))
})

describe('NextGenClient.run', () => {
  it('posts the runtime input YAML byte for byte as application/yaml, with scope, notes and branch', async () => {
    const sim = await simulator()
    const yaml =
      'pipeline:\n  identifier: deploy_payments   \n  variables:\r\n    - name: version\n      value: 1.10 # keep as written\n    - name: owner\n      value: "Zoë"'
    const started = await clientFor(sim.url).run({ ...run, runtimeInputs: yaml, branch: 'release/2.4' })

    expect(started.status).toBe('Running')
    expect(sim.executions.has(started.id)).toBe(true)
    const [request] = sim.requests
    expect(request.method).toBe('POST')
    expect(request.path).toBe('/gateway/pipeline/api/pipeline/execute/deploy_payments')
    expect(Object.fromEntries(request.query)).toEqual({
      accountIdentifier: DEMO_NEXTGEN.accountId,
      orgIdentifier: 'default',
      projectIdentifier: 'payments',
      moduleType: '',
      notesForPipelineExecution: 'from a test',
      branch: 'release/2.4'
    })
    expect(request.headers['x-api-key']).toBe(DEMO_NEXTGEN.apiKey)
    expect(request.headers['content-type']).toBe('application/yaml')
    expect(request.body).toBe(yaml)
  })

  it('sends an empty body for a pipeline without runtime inputs, and no branch when none is given', async () => {
    const sim = await simulator()
    await clientFor(sim.url).run(run)
    expect(sim.requests[0].body).toBe('')
    expect(sim.requests[0].query.has('branch')).toBe(false)
  })

  it('runs with input sets through inputSetList as JSON', async () => {
    const sim = await simulator()
    await clientFor(sim.url).run({ ...run, inputSets: ['prod', 'canary'] })
    const [request] = sim.requests
    expect(request.path).toBe('/gateway/pipeline/api/pipeline/execute/deploy_payments/inputSetList')
    expect(request.headers['content-type']).toBe('application/json')
    expect(JSON.parse(request.body)).toEqual({ inputSetReferences: ['prod', 'canary'], withMergedPipelineYaml: true })
  })

  it('keeps the path prefix of a vanity URL and encodes path segments', async () => {
    const pipelines = { 'odd name/with slash': { ...DEMO_NEXTGEN.pipelines.deploy_payments } }
    const sim = await simulator({ prefix: '/harness', pipelines })
    await clientFor(`${sim.url}/harness/`).run({ ...run, pipeline: 'odd name/with slash' })
    expect(sim.requests[0].path).toBe('/harness/gateway/pipeline/api/pipeline/execute/odd%20name%2Fwith%20slash')
  })

  it("turns Harness's failure envelope into one line with the HTTP status, code and message", async () => {
    const sim = await simulator()
    const error = await rejectionOf(clientFor(sim.url).run({ ...run, runtimeInputs: 'variables: []' }))
    expect(error).toBeInstanceOf(ActionError)
    expect(error.message).toBe(
      "Could not start NextGen pipeline 'deploy_payments': Harness answered HTTP 400: INVALID_REQUEST: Invalid runtime input YAML: the YAML must have a top-level pipeline: key"
    )
  })

  it('never sends the execute call twice, even after a 500', async () => {
    const sim = await simulator()
    sim.failNext('execute', { httpStatus: 500, code: 'UNEXPECTED', message: 'Internal error' })
    const error = await rejectionOf(clientFor(sim.url).run(run))
    expect(error.message).toContain('HTTP 500: UNEXPECTED: Internal error')
    expect(sim.calls('execute')).toHaveLength(1)
  })

  it('names a bad key with the hint to check it', async () => {
    const sim = await simulator()
    const error = await rejectionOf(clientFor(sim.url, 'pat.wrong').run(run))
    expect(error.message).toContain('HTTP 401: INVALID_TOKEN: Token is not valid.')
    expect(error.hint).toContain('harness-api-key')
  })

  it('refuses an answer that is not JSON, pointing at harness-url', async () => {
    const server = await startServer((_request, res) => {
      res.writeHead(200, { 'content-type': 'text/html' })
      res.end('<html>Sign in</html>')
    })
    running.push(server)
    const error = await rejectionOf(clientFor(server.url).run(run))
    expect(error.message).toContain('answered HTTP 200 with a web page (text/html), not a JSON answer')
    expect(error.hint).toContain("'harness-url'")
  })
})

describe('NextGenClient.execution', () => {
  it('reads status, error, times and stages of an execution', async () => {
    const sim = await simulator()
    const client = clientFor(sim.url)
    const { id } = await client.run({ ...run, pipeline: 'deploy_broken' })
    await client.execution(id)
    await client.execution(id)
    const failed = await client.execution(id)
    expect(failed).toMatchObject({
      id,
      status: 'Failed',
      pipeline: 'deploy_broken',
      errorMessage: "Shell Script step 'smoke_test' failed: exit status 1",
      stages: [
        { identifier: 'build', name: 'Build', status: 'Success' },
        { identifier: 'deploy_prod', name: 'Deploy production', status: 'Failed', failureMessage: "Shell Script step 'smoke_test' failed: exit status 1" }
      ]
    })
    expect(typeof failed.startTs).toBe('number')
    const poll = sim.calls('status')[0]
    expect(poll.path).toBe(`/gateway/pipeline/api/pipelines/execution/v2/${id}`)
    expect(Object.fromEntries(poll.query)).toEqual({ accountIdentifier: DEMO_NEXTGEN.accountId, orgIdentifier: 'default', projectIdentifier: 'payments' })
  })

  it('orders stages as they run, through parallel groups, whatever the order of the map', async () => {
    const node = (identifier: string, next: string[] = [], children: string[] = [], nodeType = 'Deployment'): object => ({
      nodeType,
      nodeIdentifier: identifier,
      name: identifier.toUpperCase(),
      status: 'Running',
      edgeLayoutList: { currentNodeChildren: children, nextIds: next }
    })
    const server = await startServer((_request, res) =>
      sendJson(res, 200, {
        status: 'SUCCESS',
        data: {
          pipelineExecutionSummary: {
            status: 'Running',
            pipelineIdentifier: 'p',
            startingNodeId: 'u-build',
            layoutNodeMap: {
              'u-prod': node('prod'),
              'u-group': node('parallel', ['u-prod'], ['u-eu', 'u-us'], 'parallel'),
              'u-us': node('us'),
              'u-build': node('build', ['u-group']),
              'u-eu': node('eu')
            }
          }
        }
      })
    )
    running.push(server)
    const execution = await clientFor(server.url).execution('x')
    expect(execution.stages.map(stage => stage.name)).toEqual(['BUILD', 'EU', 'US', 'PROD'])
  })

  it('reports "not found" as an ExecutionNotFoundError, both as a 404 and as an older build\'s INVALID_REQUEST', async () => {
    const sim = await simulator()
    const client = clientFor(sim.url)
    const missing = await rejectionOf(client.execution('not-yet'))
    expect(missing).toBeInstanceOf(ExecutionNotFoundError)
    expect(missing.message).toContain('HTTP 404: RESOURCE_NOT_FOUND_EXCEPTION: Plan Execution Summary does not exist')
    const { id } = await client.run(run)
    sim.failNext('status', {
      httpStatus: 400,
      code: 'INVALID_REQUEST',
      message: 'Invalid request: Plan Execution Summary does not exist or has been deleted for given planExecutionId'
    })
    const older = await rejectionOf(client.execution(id))
    expect(older).toBeInstanceOf(ExecutionNotFoundError)
    expect(older.message).toContain('HTTP 400: INVALID_REQUEST: Invalid request: Plan Execution Summary does not exist')
    sim.failNext('status', { httpStatus: 400, code: 'INVALID_REQUEST', message: 'Invalid runtime input' })
    expect(await client.execution(id).catch((error: unknown) => error)).not.toBeInstanceOf(ExecutionNotFoundError)
  })

  it('retries a read after a 5xx', async () => {
    const sim = await simulator()
    const client = clientFor(sim.url)
    const { id } = await client.run(run)
    sim.failNext('status', { httpStatus: 503, code: 'SERVICE_UNAVAILABLE', message: 'try later' })
    expect((await client.execution(id)).status).toBe('Running')
    expect(sim.calls('status')).toHaveLength(2)
  })
})

describe('NextGenClient.abort', () => {
  it('sends AbortAll with the scope as a PUT', async () => {
    const sim = await simulator()
    const client = clientFor(sim.url)
    const { id } = await client.run(run)
    await client.abort(id)
    const [put] = sim.calls('interrupt')
    expect(put.path).toBe(`/gateway/pipeline/api/pipeline/execute/interrupt/${id}`)
    expect(Object.fromEntries(put.query)).toEqual({
      accountIdentifier: DEMO_NEXTGEN.accountId,
      orgIdentifier: 'default',
      projectIdentifier: 'payments',
      interruptType: 'AbortAll'
    })
    expect((await client.execution(id)).status).toBe('Aborted')
  })

  it('does not send AbortAll again after a 500', async () => {
    const sim = await simulator()
    const client = clientFor(sim.url)
    const { id } = await client.run(run)
    sim.failNext('interrupt', { httpStatus: 500, code: 'UNEXPECTED', message: 'Internal error' })
    await expect(client.abort(id)).rejects.toThrow(`Could not abort NextGen execution ${id}: Harness answered HTTP 500: UNEXPECTED: Internal error`)
    expect(sim.calls('interrupt')).toHaveLength(1)
  })
})

describe('execution URLs and status spelling', () => {
  it('links to the execution in the NextGen UI under harness-url', () => {
    expect(clientFor('https://acme.harness.io').executionUrl('deploy', 'abc_1')).toBe(
      `https://acme.harness.io/ng/account/${DEMO_NEXTGEN.accountId}/all/orgs/default/projects/payments/pipelines/deploy/executions/abc_1/pipeline`
    )
    expect(clientFor('https://harness.example.com/prefix/').executionUrl('deploy', 'abc')).toMatch(/^https:\/\/harness\.example\.com\/prefix\/ng\/account\//)
  })

  it('spells engine statuses as execution statuses', () => {
    expect(executionStatusSpelling('RUNNING')).toBe('Running')
    expect(executionStatusSpelling('ASYNC_WAITING')).toBe('AsyncWaiting')
    expect(executionStatusSpelling('SUCCEEDED')).toBe('Success')
    expect(executionStatusSpelling('Running')).toBe('Running')
  })

  it("spells every engine status (io.harness.pms.contracts.execution.Status) with harness-core's display name", () => {
    // Pairs from harness-core pms-contracts ExecutionStatus: engine status → @JsonProperty display name.
    const displayNames: Record<string, string> = {
      RUNNING: 'Running',
      ASYNC_WAITING: 'AsyncWaiting',
      TASK_WAITING: 'TaskWaiting',
      TIMED_WAITING: 'TimedWaiting',
      FAILED: 'Failed',
      ERRORED: 'Errored',
      IGNORE_FAILED: 'IgnoreFailed',
      EXPIRED: 'Expired',
      ABORTED: 'Aborted',
      DISCONTINUING: 'Discontinuing',
      QUEUED: 'Queued',
      PAUSED: 'Paused',
      RESOURCE_WAITING: 'ResourceWaiting',
      INTERVENTION_WAITING: 'InterventionWaiting',
      APPROVAL_WAITING: 'ApprovalWaiting',
      WAIT_STEP_RUNNING: 'WaitStepRunning',
      QUEUED_LICENSE_LIMIT_REACHED: 'QueuedLicenseLimitReached',
      QUEUED_EXECUTION_CONCURRENCY_REACHED: 'QueuedExecutionConcurrencyReached',
      SUCCEEDED: 'Success',
      SUSPENDED: 'Suspended',
      SKIPPED: 'Skipped',
      PAUSING: 'Pausing',
      APPROVAL_REJECTED: 'ApprovalRejected',
      INPUT_WAITING: 'InputWaiting',
      FREEZE_FAILED: 'AbortedByFreeze'
    }
    for (const [engine, display] of Object.entries(displayNames)) expect(executionStatusSpelling(engine)).toBe(display)
  })
})
