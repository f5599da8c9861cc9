// The full execution graph as harness-core sends it: which step failed, where its log is, and what the steps exported.
import { expect } from '@jest/globals'
import { exportedVariables, failingNode, graphNodes, isStep } from '../../src/harness/execution-graph.js'
import { logLineText, logServiceMessage } from '../../src/harness/log-service.js'

const FAILING = new Set(['Failed', 'Errored', 'Aborted', 'Expired', 'ApprovalRejected', 'AbortedByFreeze'])
const EMPTY_FAILURE = { message: '', failureTypeList: [], responseMessages: [] }

type Fields = Record<string, unknown>

/** A node as harness-core writes it: failureInfo always present, empty unless it failed. */
function node(uuid: string, baseFqn: string, fields: Fields = {}): [string, Fields] {
  const identifier = baseFqn.split('.').at(-1)
  return [uuid, { uuid, identifier, name: identifier, baseFqn, status: 'Success', stepType: 'ShellScript', failureInfo: EMPTY_FAILURE, ...fields }]
}

function graph(...nodes: Array<[string, Fields]>): unknown {
  return { pipelineExecutionSummary: {}, executionGraph: { rootNodeId: nodes[0]?.[0], nodeMap: Object.fromEntries(nodes) } }
}

const STAGE = 'pipeline.stages.deploy'
const STEPS = `${STAGE}.spec.execution.steps`

describe('graphNodes', () => {
  it('reads the nodes, and ignores what is not shaped as a node map', () => {
    expect(graphNodes(undefined)).toEqual([])
    expect(graphNodes({ executionGraph: null })).toEqual([])
    expect(graphNodes({ executionGraph: { nodeMap: [] } })).toEqual([])
    const [parsed] = graphNodes(graph(node('u1', STAGE, { stepType: 'DEPLOYMENT_STAGE_STEP', setupId: 'layout-1', startTs: 5, endTs: 9 })))
    expect(parsed).toMatchObject({ uuid: 'u1', setupId: 'layout-1', identifier: 'deploy', baseFqn: STAGE, status: 'Success', startTs: 5, endTs: 9 })
    expect(parsed.failureMessage).toBeUndefined()
  })

  it('fills what a node lacks from its key, and skips the keys Harness keeps for itself', () => {
    const nodes = graphNodes({ executionGraph: { nodeMap: { bare: { startTs: '2024-01-01', endTs: null }, __recast: { uuid: 'x' } } } })
    expect(nodes).toEqual([
      {
        uuid: 'bare',
        setupId: undefined,
        name: 'bare',
        identifier: 'bare',
        baseFqn: '',
        stepType: '',
        status: '',
        failureMessage: undefined,
        logKey: undefined,
        outputVariables: {},
        startTs: undefined,
        endTs: undefined
      }
    ])
  })

  it('falls back to the rollback graph when Harness leaves executionGraph out (a pipeline rollback)', () => {
    const data = { rollbackGraph: { executionGraph: { nodeMap: Object.fromEntries([node('r1', `${STEPS}.rollback`)]) } } }
    expect(graphNodes(data).map(parsed => parsed.uuid)).toEqual(['r1'])
  })

  it('takes the log key of the failed unit, else the last, from whichever executable response kind is there, else logBaseKey', () => {
    const task = {
      logBaseKey: 'base',
      executableResponses: [
        { task: { taskId: 't', logKeys: ['base-commandUnit:Initialize', 'base-commandUnit:Execute', 'base-commandUnit:Cleanup'], units: [] } }
      ],
      unitProgresses: [
        { unitName: 'Initialize', status: 'SUCCESS' },
        { unitName: 'Execute', status: 'FAILURE' },
        { unitName: 'Cleanup', status: 'SUCCESS' }
      ]
    }
    const asyncStep = { logBaseKey: 'ci-base', executableResponses: [{ async: { callbackIds: ['c'], logKeys: ['ci-base'], units: [], timeout: '0' } }] }
    const lastUnit = { executableResponses: [{ taskChain: { logKeys: ['k-commandUnit:A', 'k-commandUnit:B'] } }] }
    const noKeys = { logBaseKey: 'only-base', executableResponses: [{ skipTask: { message: 'skipped' } }] }
    const nodes = graphNodes(
      graph(node('a', `${STEPS}.a`, task), node('b', `${STEPS}.b`, asyncStep), node('c', `${STEPS}.c`, lastUnit), node('d', `${STEPS}.d`, noKeys))
    )
    expect(nodes.map(parsed => parsed.logKey)).toEqual(['base-commandUnit:Execute', 'ci-base', 'k-commandUnit:B', 'only-base'])
  })
})

describe('isStep', () => {
  it.each([
    [`${STEPS}.smoke`, 'ShellScript', true],
    [`${STEPS}.group.steps.smoke`, 'Run', true],
    [`${STEPS}.group`, 'STEP_GROUP', false],
    [`${STAGE}.spec.execution`, 'NG_SECTION_WITH_ROLLBACK_INFO', false],
    [STAGE, 'DEPLOYMENT_STAGE_STEP', false],
    [`${STAGE}.spec.infrastructure`, 'INFRASTRUCTURE_TASKSTEP_V2', false],
    [`${STEPS}.init`, 'IntegrationStageStepPMS', false]
  ])('%s (%s): %s', (baseFqn, stepType, expected) => {
    expect(isStep(graphNodes(graph(node('n', baseFqn, { stepType })))[0])).toBe(expected)
  })
})

describe('failingNode', () => {
  const stage = node('s', STAGE, { stepType: 'DEPLOYMENT_STAGE_STEP', status: 'Failed', failureInfo: { message: 'Stage failed' } })

  it('prefers a failed step with a message, the one that ended first, and names its stage', () => {
    const nodes = graphNodes(
      graph(
        stage,
        node('group', `${STEPS}.verify`, { stepType: 'STEP_GROUP', status: 'Failed', failureInfo: { message: 'group failed' } }),
        node('late', `${STEPS}.verify.steps.late`, { status: 'Failed', endTs: 30, failureInfo: { message: 'late' } }),
        node('quiet', `${STEPS}.verify.steps.quiet`, { status: 'Errored', endTs: 5, failureInfo: EMPTY_FAILURE }),
        node('first', `${STEPS}.verify.steps.first`, { status: 'Failed', endTs: 10, failureInfo: { message: 'exit status 1' } }),
        node('fine', `${STEPS}.ok`, { status: 'Success', endTs: 1 })
      )
    )
    const found = failingNode(nodes, FAILING)
    expect(found?.step?.uuid).toBe('first')
    expect(found?.stage?.uuid).toBe('s')
    expect(found?.message).toBe('exit status 1')
  })

  it("takes a failed step without a message when no step has one, with its stage's message", () => {
    const found = failingNode(graphNodes(graph(stage, node('quiet', `${STEPS}.quiet`, { status: 'Failed' }))), FAILING)
    expect(found).toMatchObject({ step: { uuid: 'quiet' }, message: 'Stage failed' })
  })

  it('falls back to the failing stage when no step failed (a stage-level error)', () => {
    const found = failingNode(graphNodes(graph(stage, node('fine', `${STEPS}.fine`))), FAILING)
    expect(found?.step).toBeUndefined()
    expect(found).toMatchObject({ stage: { uuid: 's' }, message: 'Stage failed' })
  })

  it('among failed steps with a reason, puts one that never ended after one that did', () => {
    const nodes = graphNodes(
      graph(
        stage,
        node('unended', `${STEPS}.unended`, { status: 'Failed', failureInfo: { message: 'still rolling back' } }),
        node('ended', `${STEPS}.ended`, { status: 'Failed', endTs: 50, failureInfo: { message: 'exit status 2' } })
      )
    )
    expect(failingNode(nodes, FAILING)?.step?.uuid).toBe('ended')
  })

  it('names no stage for a failed step outside pipeline.stages, and keeps its own message', () => {
    const found = failingNode(graphNodes(graph(node('orphan', 'stages.deploy.steps.smoke', { status: 'Failed', failureInfo: { message: 'exit 1' } }))), FAILING)
    expect(found).toEqual({ stage: undefined, step: expect.objectContaining({ uuid: 'orphan' }), message: 'exit 1' })
  })

  it('finds nothing in a graph where nothing failed', () => {
    expect(failingNode(graphNodes(graph(node('s', STAGE, { stepType: 'DEPLOYMENT_STAGE_STEP' }))), FAILING)).toBeUndefined()
  })
})

describe('exportedVariables', () => {
  const outcome = (outputVariables: Record<string, unknown>, key = 'outputVariables'): Fields => ({
    outcomes: { output: { __recast: 'io.harness.steps.shellscript.ShellScriptOutcome', [key]: outputVariables }, artifact_x: { digest: 'sha' } }
  })
  const secret = '${sweepingOutputSecrets.obtain("TOKEN","c2VjcmV0LWNpcGhlcnRleHQ=")}'

  it('keys by stage, then step identifier, then name; leaves secrets and Harness keys out of the outputs and lists them as hidden', () => {
    const { outputs, listed } = exportedVariables(
      graphNodes(
        graph(
          node('s', STAGE, { stepType: 'DEPLOYMENT_STAGE_STEP', ...outcome({ NOT_A_STEP: 'x' }) }),
          node('a', `${STEPS}.rollout`, outcome({ VERSION: '1.4.2', REPLICAS: 3, READY: true, __recast: 'java.util.Map', NESTED: { a: 1 } })),
          node('b', `${STEPS}.verify.steps.smoke_test`, outcome({ URL: 'https://shop.example.com', TOKEN: secret })),
          node('c', 'pipeline.stages.build.spec.execution.steps.compile', outcome({ TAG: 'v1' }, 'output_vars'))
        )
      )
    )
    expect(outputs).toEqual({
      deploy: { rollout: { VERSION: '1.4.2', REPLICAS: '3', READY: 'true' }, smoke_test: { URL: 'https://shop.example.com' } },
      build: { compile: { TAG: 'v1' } }
    })
    expect(listed).toContainEqual({ stage: 'deploy', step: 'smoke_test', name: 'TOKEN' })
    expect(JSON.stringify(listed)).not.toContain('sweepingOutputSecrets')
  })

  it('keys two steps of a stage that share an identifier (in two step groups) by their group path', () => {
    const { outputs } = exportedVariables(
      graphNodes(
        graph(
          node('a', `${STEPS}.canary.steps.smoke_test`, outcome({ OK: 'canary' })),
          node('b', `${STEPS}.primary.steps.smoke_test`, outcome({ OK: 'primary' })),
          node('c', 'pipeline.stages.other.spec.execution.steps.smoke_test', outcome({ OK: 'other' }))
        )
      )
    )
    expect(outputs).toEqual({
      deploy: { 'canary.smoke_test': { OK: 'canary' }, 'primary.smoke_test': { OK: 'primary' } },
      other: { smoke_test: { OK: 'other' } }
    })
  })

  it('files the variables of a step outside pipeline.stages under an empty stage key', () => {
    const { outputs } = exportedVariables(graphNodes(graph(node('a', 'stages.deploy.steps.rollout', outcome({ VERSION: '2' })))))
    expect(outputs).toEqual({ '': { rollout: { VERSION: '2' } } })
  })

  it('gives each matrix or loop iteration its own key, by the identifier Harness gives it', () => {
    const { outputs } = exportedVariables(
      graphNodes(
        graph(
          node('a', `${STEPS}.smoke_test`, { identifier: 'smoke_test_0', ...outcome({ REGION: 'eu' }) }),
          node('b', `${STEPS}.smoke_test`, { identifier: 'smoke_test_1', ...outcome({ REGION: 'us' }) })
        )
      )
    )
    expect(outputs).toEqual({ deploy: { smoke_test_0: { REGION: 'eu' }, smoke_test_1: { REGION: 'us' } } })
  })
})

describe('log lines', () => {
  it('reads the out of an NDJSON line, and takes a plain-text line as it is', () => {
    expect(logLineText('{"level":"INFO","pos":0,"out":"hello\\n","time":"2024-01-01T00:00:00Z","args":null}')).toBe('hello')
    expect(logLineText('plain text line\r')).toBe('plain text line')
    expect(logLineText('{not json')).toBe('{not json')
  })

  it("reads the log service's words from error_msg or message", () => {
    expect(logServiceMessage('{"error_msg":"cannot list files for prefix"}')).toBe('cannot list files for prefix')
    expect(logServiceMessage('{"message":"not found"}')).toBe('not found')
    expect(logServiceMessage('404 page not found\nmore')).toBe('404 page not found')
    expect(logServiceMessage('{"detail":"no words"}')).toBe('')
  })
})
