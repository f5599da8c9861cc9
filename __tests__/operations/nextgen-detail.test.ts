// What a NextGen run tells about an ended execution from its full graph: the failing step, its
// log's last lines and the output variables; extra information that never fails the step itself.
import { expect } from '@jest/globals'
import { NextGenClient } from '../../src/harness/nextgen.js'
import { ngRunPipeline } from '../../src/operations/harness-ng-run-pipeline.js'
import { readExecutionDetail } from '../../src/operations/nextgen-detail.js'
import { DEMO_NEXTGEN, type startHarnessNextGen } from '../../simulator/harness-nextgen.js'
import { log, nextGenSimulator, recordingContext, runSettings } from './nextgen-fixtures.js'

const broken = DEMO_NEXTGEN.pipelines.deploy_broken
const FAILURE = "Shell Script step 'smoke_test' failed: exit status 1"

type Pipeline = NonNullable<NonNullable<Parameters<typeof startHarnessNextGen>[0]>['pipelines']>[string]
type Stage = Exclude<Pipeline['stages'][number], { parallel: unknown }>
type Step = NonNullable<Stage['steps']>[number]

/** deploy_broken with its failing step changed. */
function brokenWith(smokeTest: Partial<Step>): Pipeline {
  const [build, deploy] = broken.stages as Stage[]
  const [rollout, smoke] = deploy.steps ?? []
  return { ...broken, stages: [build, { ...deploy, steps: [rollout, { ...smoke, ...smokeTest }] }] }
}

describe('NextGen failure detail', () => {
  it('shows the last lines of the failing step, says how many of how many, and strips colour codes', async () => {
    const coloured = brokenWith({ log: ['Executing command ...', 'curl -fsS https://payments.internal/health', '\u001b[31mcurl: (22) 503\u001b[0m'] })
    const sim = await nextGenSimulator({ pipelines: { coloured } })
    const result = await ngRunPipeline(runSettings(sim, { pipeline: 'coloured', failureLogLines: 2 }), recordingContext())
    const title = "Last 2 of 3 lines of the log of step 'Smoke test' of stage 'Deploy production'"
    expect(result.summary.log).toEqual({ title, lines: ['curl -fsS https://payments.internal/health', 'curl: (22) 503'] })
    expect(log()).toContain(`::group::${title}`)
    expect(sim.calls('log')).toHaveLength(1)
  })

  it('reads no log with failure-log-lines: 0, and still names the failing step', async () => {
    const sim = await nextGenSimulator()
    const result = await ngRunPipeline(runSettings(sim, { pipeline: 'deploy_broken', failureLogLines: 0 }), recordingContext())
    expect(sim.calls('log')).toHaveLength(0)
    expect(result.summary.log).toBeUndefined()
    expect(result.summary.details).toEqual(
      expect.arrayContaining([
        ['Failed stage', 'Deploy production'],
        ['Failed step', 'Smoke test']
      ])
    )
  })

  it("warns, with what to do, when the log service refuses the key, and the step's verdict stays the execution's", async () => {
    const sim = await nextGenSimulator({ logService: 'refuse' })
    const result = await ngRunPipeline(runSettings(sim, { pipeline: 'deploy_broken' }), recordingContext())
    expect(result.failure?.title).toBe('Deployment Failed')
    expect(result.summary.log).toBeUndefined()
    expect(log()).toContain(
      "::warning title=Step log unavailable::Could not read the log of step 'Smoke test' of stage 'Deploy production' from the Harness log service: the log service answered HTTP 403: apikey in request not authorized for receiving tokens. The log service checks 'harness-api-key' for the account"
    )
    expect(log()).toContain("Set 'failure-log-lines: 0' to stop asking.")
  })

  it('says calmly that a step has no stored log, or an empty one', async () => {
    const sim = await nextGenSimulator({ pipelines: { unlogged: brokenWith({ log: undefined }), quiet: brokenWith({ log: [] }) } })
    await ngRunPipeline(runSettings(sim, { pipeline: 'unlogged' }), recordingContext())
    expect(log()).toContain("Harness has no log stored for step 'Smoke test' of stage 'Deploy production' (the log service answered HTTP 404: cannot find key")
    expect(log()).not.toContain('::warning')
    await ngRunPipeline(runSettings(sim, { pipeline: 'quiet' }), recordingContext())
    expect(log()).toContain("The log of step 'Smoke test' of stage 'Deploy production' is empty.")
  })

  it("gives the step's own message beside the execution's when they differ", async () => {
    const sim = await nextGenSimulator({ pipelines: { worded: brokenWith({ failureMessage: 'Health check returned 503' }) } })
    const result = await ngRunPipeline(runSettings(sim, { pipeline: 'worded' }), recordingContext())
    expect(result.failure?.message).toContain(
      `stage 'Deploy production', step 'Smoke test' (Failed): Health check returned 503; ${FAILURE}. The step in Harness: `
    )
    expect(result.summary.details).toEqual(
      expect.arrayContaining([
        ['Harness message', 'Health check returned 503'],
        ['Error', FAILURE]
      ])
    )
  })

  it('names and links the failing stage when no step failed (a stage-level error)', async () => {
    const frozen = {
      name: 'Frozen',
      stages: [{ identifier: 'deploy', name: 'Deploy' }],
      script: ['Running', 'Failed'],
      failure: { message: 'Freeze window is active' }
    }
    const sim = await nextGenSimulator({ pipelines: { frozen } })
    const result = await ngRunPipeline(runSettings(sim, { pipeline: 'frozen' }), recordingContext())
    expect(result.failure?.message).toMatch(/ended with status Failed: stage 'Deploy' \(Failed\): Freeze window is active$/)
    expect(result.summary.details).toContainEqual(['Failed stage', 'Deploy'])
    expect(result.summary.details?.map(([name]) => name)).not.toContain('Failed step')
    expect(result.summary.links).toContainEqual({ text: "Failed stage 'Deploy' in Harness", href: expect.stringContaining('?stage=node-deploy') })
    expect(sim.calls('log')).toHaveLength(0)
  })

  it('goes on without the detail when the graph cannot be read, naming the failed stages from the summary', async () => {
    const sim = await nextGenSimulator()
    sim.failNext('graph', { httpStatus: 400, code: 'INVALID_REQUEST', message: 'Graph too large to render' })
    const result = await ngRunPipeline(runSettings(sim, { pipeline: 'deploy_broken' }), recordingContext())
    expect(result.failure?.message).toMatch(
      new RegExp(`ended with status Failed: stage 'Deploy production' \\(Failed\\): ${FAILURE.replace(/[()]/g, '\\$&')}$`)
    )
    expect(result.outputs.outputs).toBe('{}')
    expect(log()).toContain('::warning title=Execution details unavailable::')
    expect(log()).toContain('Graph too large to render')
  })

  it('lists secret output variables without their values and keeps them out of outputs', async () => {
    const exporting = {
      name: 'Exporting',
      stages: [
        {
          identifier: 'deploy',
          name: 'Deploy',
          steps: [{ identifier: 'rollout', name: 'Rollout', outputs: { URL: 'https://shop.example.com' }, secretOutputs: ['TOKEN'] }]
        }
      ],
      script: ['Running', 'Success']
    }
    const sim = await nextGenSimulator({ pipelines: { exporting } })
    const result = await ngRunPipeline(runSettings(sim, { pipeline: 'exporting' }), recordingContext())
    expect(result.failure).toBeUndefined()
    expect(JSON.parse(String(result.outputs.outputs))).toEqual({ deploy: { rollout: { URL: 'https://shop.example.com' } } })
    expect(result.summary.variables).toEqual([
      { stage: 'deploy', step: 'rollout', name: 'URL', value: 'https://shop.example.com' },
      { stage: 'deploy', step: 'rollout', name: 'TOKEN' }
    ])
    expect(log()).toContain("Output variables: 2 (1 secret, left out of 'outputs' and not shown), in the 'outputs' output and the job summary.")
    expect(log()).not.toMatch(/^(?!::add-mask::).*sweepingOutputSecrets/m)
  })
})

describe('the time the detail reads may take', () => {
  it('gives up on a log service that stops answering, says so once, and keeps the failing step', async () => {
    const sim = await nextGenSimulator({ logService: 'hang' })
    const ended = await ngRunPipeline(runSettings(sim, { pipeline: 'deploy_broken', failureLogLines: 0 }), recordingContext())
    const id = String(ended.outputs['execution-id'])
    const { harness, scope } = runSettings(sim)
    const detail = await readExecutionDetail({
      client: new NextGenClient(harness, scope),
      harness,
      id,
      pipeline: 'deploy_broken',
      failed: true,
      failingStatuses: new Set(['Failed']),
      logLines: 5,
      budgetMs: 300
    })
    expect(detail.failing).toMatchObject({ stage: 'Deploy production', step: 'Smoke test' })
    expect(detail.log).toBeUndefined()
    expect(log()).toContain(
      "::warning title=Step log unavailable::Could not read the log of step 'Smoke test' of stage 'Deploy production' from the Harness log service: Harness did not answer within 0.3s, the time the action gives these reads once the execution has ended."
    )
  })
})
