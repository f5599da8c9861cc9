import { ActionError } from '../../src/errors.js'
import {
  cleanUpArtifactStream,
  executionUrl,
  findApplication,
  findPipelineOrWorkflow,
  readExecution,
  startExecution,
  type FirstGenExecution,
  type StartRequest
} from '../../src/harness/firstgen.js'
import { ACCOUNT, connection, graphqlBodies, useSimulator } from './firstgen-fixtures.js'

const setup = useSimulator()

const start: StartRequest = {
  applicationId: 'app-1',
  kind: 'PIPELINE',
  entityId: 'pl-1',
  variables: [],
  serviceArtifacts: [],
  notes: 'from GitHub',
  label: "pipeline 'Release'"
}

describe('name lookups', () => {
  it('finds an application, a pipeline and a workflow by name', async () => {
    const harness = connection(setup.sim)
    expect(await findApplication(harness, 'shop')).toEqual({ id: 'app-1', name: 'shop' })
    expect(await findPipelineOrWorkflow(harness, 'app-1', 'PIPELINE', 'Release')).toEqual({ id: 'pl-1', name: 'Release' })
    expect(await findPipelineOrWorkflow(harness, 'app-1', 'WORKFLOW', 'Deploy api')).toEqual({ id: 'wf-1', name: 'Deploy api' })
    expect(graphqlBodies(setup.sim).map(body => body.variables)).toEqual([
      { name: 'shop' },
      { name: 'Release', applicationId: 'app-1' },
      { name: 'Deploy api', applicationId: 'app-1' }
    ])
  })

  it('says which input named something Harness does not have', async () => {
    await expect(findApplication(connection(setup.sim), 'Shop')).rejects.toThrow("Harness application 'Shop' was not found (input 'application')")
    const error = (await findPipelineOrWorkflow(connection(setup.sim), 'app-1', 'WORKFLOW', 'nope').catch((caught: unknown) => caught)) as ActionError
    expect(error.message).toBe("Harness workflow 'nope' was not found (input 'workflow')")
    expect(error.hint).toContain("give 'workflow-id'")
  })
})

describe('startExecution', () => {
  it('sends variables and service artifacts as GraphQL variables, never inside the document', async () => {
    const { execution } = await startExecution(connection(setup.sim), {
      ...start,
      variables: [
        { name: 'env', type: 'NAME', value: 'prod"}) { id } #' },
        { name: 'infra', type: 'ID', value: 'infra-9' },
        { name: 'tag', type: 'EXPRESSION', value: '${app.name}' }
      ],
      serviceArtifacts: [{ service: 'api', artifactSource: 'docker-api', buildNumber: '1.10' }]
    })
    expect(execution).toMatchObject({ id: 'exec-1', kind: 'PIPELINE', status: 'QUEUED', application: { id: 'app-1', name: 'shop' } })
    expect(setup.sim.started).toEqual([
      {
        applicationId: 'app-1',
        entityId: 'pl-1',
        executionType: 'PIPELINE',
        notes: 'from GitHub',
        variableInputs: [
          { name: 'env', variableValue: { type: 'NAME', value: 'prod"}) { id } #' } },
          { name: 'infra', variableValue: { type: 'ID', value: 'infra-9' } },
          { name: 'tag', variableValue: { type: 'EXPRESSION', value: '${app.name}' } }
        ],
        serviceInputs: [
          { name: 'api', artifactValueInput: { valueType: 'BUILD_NUMBER', buildNumber: { artifactSourceName: 'docker-api', buildNumber: '1.10' } } }
        ]
      }
    ])
    const [body] = graphqlBodies(setup.sim)
    expect(body.query).toContain('mutation StartExecution($input: StartExecutionInput!)')
    expect(body.query).not.toMatch(/prod|docker-api|ArtifactValueInput|VariableInput/)
  })

  it('leaves out empty variable and service lists', async () => {
    await startExecution(connection(setup.sim), start)
    expect(setup.sim.started[0]).toEqual({ applicationId: 'app-1', entityId: 'pl-1', executionType: 'PIPELINE', notes: 'from GitHub' })
  })

  it('reports an execution that Harness refuses to start with its message', async () => {
    await expect(startExecution(connection(setup.sim), { ...start, entityId: 'pl-404' })).rejects.toThrow(
      "Could not start the Harness pipeline 'Release': Pipeline does not exist or access is denied"
    )
  })

  it('passes on the warning Harness started it with', async () => {
    const body = {
      data: {
        startExecution: {
          warningMessage: 'Extra inputs ignored',
          execution: { __typename: 'WorkflowExecution', id: 'e9', status: 'QUEUED', application: { id: 'app-1', name: 'shop' } }
        }
      }
    }
    setup.sim.faults.push({ field: 'startExecution', status: 200, body })
    const started = await startExecution(connection(setup.sim), start)
    expect(started.warning).toBe('Extra inputs ignored')
    expect(started.execution.kind).toBe('WORKFLOW')
  })
})

describe('readExecution', () => {
  it('reads a pipeline execution with its stages, advancing one status per read', async () => {
    const { execution } = await startExecution(connection(setup.sim), start)
    const statuses: string[] = []
    let last: FirstGenExecution | undefined
    for (let poll = 0; poll < 4; poll++) {
      last = await readExecution(connection(setup.sim), execution.id)
      statuses.push(last.status)
    }
    expect(statuses).toEqual(['QUEUED', 'RUNNING', 'PAUSED', 'SUCCESS'])
    expect(last).toMatchObject({
      kind: 'PIPELINE',
      target: { id: 'pl-1', name: 'Release' },
      stages: [
        { name: 'STAGE 1: Deploy staging', status: 'SUCCESS', approval: false },
        { name: 'STAGE 2: Approve prod', status: 'SUCCESS', approval: true }
      ]
    })
    expect(last?.startedAt).toEqual(expect.any(Number))
  })

  it('reads a workflow execution with the environment it deploys to', async () => {
    const { execution } = await startExecution(connection(setup.sim), { ...start, kind: 'WORKFLOW', entityId: 'wf-1' })
    const read = await readExecution(connection(setup.sim), execution.id)
    expect(read).toMatchObject({ kind: 'WORKFLOW', environmentId: 'env-qa', target: { id: 'wf-1', name: 'Deploy api' }, stages: [] })
  })

  it('accepts DateTime as epoch milliseconds too (older Harness answers)', async () => {
    const body = {
      data: {
        execution: {
          __typename: 'WorkflowExecution',
          id: 'e1',
          status: 'FAILED',
          failureDetails: 'boom',
          startedAt: 1_700_000_000_000,
          endedAt: '2023-11-14T22:14:20Z',
          application: { id: 'app-1' }
        }
      }
    }
    setup.sim.faults.push({ field: 'execution', status: 200, body })
    expect(await readExecution(connection(setup.sim), 'e1')).toMatchObject({ startedAt: 1_700_000_000_000, endedAt: 1_700_000_060_000, failureDetails: 'boom' })
  })

  it("fails with Harness's message for an unknown execution", async () => {
    await expect(readExecution(connection(setup.sim), 'nope')).rejects.toThrow(
      'Could not read Harness execution nope: Execution does not exist or access is denied'
    )
  })
})

describe('executionUrl', () => {
  const execution: FirstGenExecution = { id: 'ex 1', kind: 'PIPELINE', status: 'RUNNING', application: { id: 'app-1' }, stages: [] }

  it('links a pipeline execution the way Harness does', () => {
    const harness = { url: new URL('https://app.harness.io'), accountId: ACCOUNT, apiKey: 'k' }
    expect(executionUrl(harness, execution)).toBe(
      'https://app.harness.io/#/account/acct-1/app/app-1/pipeline-execution/ex%201/workflow-execution/undefined/details'
    )
  })

  it("links a workflow execution through its environment, or Harness's placeholder before one is known", () => {
    const harness = { url: new URL('https://harness.example.com/vanity/'), accountId: ACCOUNT, apiKey: 'k' }
    const workflow: FirstGenExecution = { ...execution, id: 'ex1', kind: 'WORKFLOW' }
    expect(executionUrl(harness, { ...workflow, environmentId: 'env-qa' })).toBe(
      'https://harness.example.com/vanity/#/account/acct-1/app/app-1/env/env-qa/executions/ex1/details'
    )
    expect(executionUrl(harness, workflow)).toBe('https://harness.example.com/vanity/#/account/acct-1/app/app-1/env/empty/executions/ex1/details')
  })
})

describe('cleanUpArtifactStream', () => {
  it("returns Harness's message, whatever it says", async () => {
    const harness = connection(setup.sim)
    expect(await cleanUpArtifactStream(harness, 'stream-docker')).toBe('Cleanup successful for Artifact stream with id: stream-docker')
    expect(await cleanUpArtifactStream(harness, 'stream-jenkins')).toBe('Clean up not supported for artifact Stream type: JENKINS')
    expect(await cleanUpArtifactStream(harness, 'nope')).toBe('Artifact stream not found for the id: nope')
    expect(graphqlBodies(setup.sim)[0].variables).toEqual({ input: { artifactStreamId: 'stream-docker' } })
  })
})
