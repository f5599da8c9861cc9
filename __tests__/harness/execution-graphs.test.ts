// Execution graphs as Harness builds them (parallel groups, matrix/loop wrappers), and at a size
// real pipelines reach: the walks must finish, in linear time and without recursion.
import { toExecution, type RawExecution } from '../../src/harness/firstgen.js'
import { parseExecution } from '../../src/harness/nextgen.js'

interface Node {
  nodeType: string
  nodeGroup?: string
  nodeIdentifier: string
  name?: string
  status?: string
  edgeLayoutList: { currentNodeChildren: string[]; nextIds: string[] }
}

function node(identifier: string, options: Partial<Node> & { next?: string[]; children?: string[] } = {}): Node {
  const { next = [], children = [], ...rest } = options
  return {
    nodeType: 'Deployment',
    nodeGroup: 'STAGE',
    nodeIdentifier: identifier,
    name: identifier.toUpperCase(),
    status: 'Success',
    edgeLayoutList: { currentNodeChildren: children, nextIds: next },
    ...rest
  }
}

function stagesOf(layoutNodeMap: Record<string, Node>, startingNodeId: string): ReturnType<typeof parseExecution>['stages'] {
  return parseExecution('x', { status: 'Running', layoutNodeMap, startingNodeId }, 'read it').stages
}

describe('NextGen layout graphs', () => {
  it('walks into parallel groups and matrix/loop wrappers, and names each real stage once by its own name', () => {
    // As harness-core lays them out: ParallelPlanCreator gives the group nodeType parallel and
    // nodeGroup STAGE with no name; StrategyUtils gives a wrapper nodeGroup STRATEGY, the stage's
    // name and identifier, and the stage itself as its only child.
    const stages = stagesOf(
      {
        'u-prod': node('prod'),
        'u-matrix-stage': node('canary', { status: 'Failed' }),
        'u-matrix': node('canary', { nodeType: 'MATRIX', nodeGroup: 'STRATEGY', status: 'Failed', children: ['u-matrix-stage'], next: ['u-prod'] }),
        'u-group': {
          nodeType: 'parallel',
          nodeGroup: 'STAGE',
          nodeIdentifier: 'parallelu-group',
          edgeLayoutList: { currentNodeChildren: ['u-eu', 'u-loop'], nextIds: ['u-matrix'] }
        },
        'u-eu': node('eu'),
        'u-loop-stage': node('us'),
        'u-loop': node('us', { nodeType: 'LOOP', nodeGroup: 'STRATEGY', children: ['u-loop-stage'] }),
        'u-build': node('build', { next: ['u-group'] })
      },
      'u-build'
    )
    expect(stages.map(stage => `${stage.name}:${stage.status}`)).toEqual(['BUILD:Success', 'EU:Success', 'US:Success', 'CANARY:Failed', 'PROD:Success'])
  })

  it('counts a node without nodeGroup (an older answer) as a stage unless it is a parallel group', () => {
    const plain = (identifier: string, next: string[] = [], children: string[] = [], nodeType = 'Deployment'): Node => {
      const { nodeGroup: _ignored, ...rest } = node(identifier, { next, children, nodeType })
      return rest
    }
    const stages = stagesOf({ a: plain('a', ['g']), g: plain('g', [], ['b', 'c'], 'parallel'), b: plain('b'), c: plain('c') }, 'a')
    expect(stages.map(stage => stage.identifier)).toEqual(['a', 'b', 'c'])
  })

  it('walks 100,000 chained stages without running out of stack', () => {
    const count = 100_000
    const map: Record<string, Node> = {}
    for (let index = 0; index < count; index++) map[`u${index}`] = node(`s${index}`, { next: index + 1 < count ? [`u${index + 1}`] : [] })
    const stages = stagesOf(map, 'u0')
    expect(stages).toHaveLength(count)
    expect(stages[0].identifier).toBe('s0')
    expect(stages[count - 1].identifier).toBe(`s${count - 1}`)
  })

  it('walks a parallel group of 100,000 stages, each once', () => {
    const count = 100_000
    const children = Array.from({ length: count }, (_, index) => `c${index}`)
    const map: Record<string, Node> = { group: node('group', { nodeType: 'parallel', children }) }
    for (const child of children) map[child] = node(child)
    // Every child also points back at the group and at its neighbour: seen nodes are skipped, not rescanned.
    children.forEach((child, index) => (map[child].edgeLayoutList.nextIds = ['group', children[(index + 1) % count]]))
    const stages = stagesOf(map, 'group')
    expect(stages).toHaveLength(count)
    expect(new Set(stages.map(stage => stage.identifier)).size).toBe(count)
  })
})

describe('FirstGen stage lists', () => {
  it('reads 200,000 stage executions', () => {
    const count = 200_000
    const raw: RawExecution = {
      __typename: 'PipelineExecution',
      id: 'e',
      status: 'RUNNING',
      application: { id: 'a', name: 'app' },
      pipelineStageExecutions: Array.from({ length: count }, (_, index) => ({
        __typename: 'WorkflowStageExecution',
        pipelineStageName: `STAGE ${index + 1}`,
        pipelineStepName: 'Deploy',
        status: 'SUCCESS'
      }))
    }
    const execution = toExecution(raw, 'read it')
    expect(execution.stages).toHaveLength(count)
    expect(execution.stages[count - 1].name).toBe(`STAGE ${count}: Deploy`)
  })
})
