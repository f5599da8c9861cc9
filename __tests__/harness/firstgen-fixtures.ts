// Shared by the FirstGen unit and e2e tests: a scripted account on the local simulator, and
// the settings and context a handler is called with.
import { jest } from '@jest/globals'
import { startHarnessFirstGen, type Scenario } from '../../simulator/harness-firstgen.js'
import type { HarnessConnection, WaitSettings } from '../../src/settings/index.js'

export const API_KEY = 'fg-api-key-5e1f0c2b'
export const ACCOUNT = 'acct-1'

/** One application with a pipeline that waits for an approval, two workflows and a few streams. */
export function scenario(overrides: Partial<Scenario> = {}): Scenario {
  return {
    accountId: ACCOUNT,
    apiKey: API_KEY,
    applications: [
      {
        id: 'app-1',
        name: 'shop',
        pipelines: [
          {
            id: 'pl-1',
            name: 'Release',
            stages: [
              { stage: 'STAGE 1', step: 'Deploy staging' },
              { stage: 'STAGE 2', step: 'Approve prod', approval: true }
            ],
            statuses: [
              { status: 'QUEUED', stages: ['QUEUED', 'QUEUED'] },
              { status: 'RUNNING', stages: ['RUNNING', 'QUEUED'] },
              { status: 'PAUSED', stages: ['SUCCESS', 'PAUSED'] },
              { status: 'SUCCESS', stages: ['SUCCESS', 'SUCCESS'] }
            ]
          },
          {
            id: 'pl-2',
            name: 'Broken release',
            statuses: ['QUEUED', 'RUNNING', { status: 'FAILED', failureDetails: 'Deploy staging: rollout timed out' }]
          },
          { id: 'pl-3', name: 'Stuck', statuses: ['RUNNING'] }
        ],
        workflows: [
          { id: 'wf-1', name: 'Deploy api', environmentId: 'env-qa', statuses: ['QUEUED', 'RUNNING', 'SUCCESS'] },
          { id: 'wf-2', name: 'Skipped deploy', statuses: ['RUNNING', 'SKIPPED'] }
        ]
      }
    ],
    artifactStreams: [
      { id: 'stream-docker', type: 'DOCKER' },
      { id: 'stream-jenkins', type: 'JENKINS' },
      { id: 'stream-nexus', type: 'NEXUS', failure: 'Nexus answered 503' }
    ],
    ...overrides
  }
}

export type Simulator = Awaited<ReturnType<typeof startHarnessFirstGen>>

export function startSimulator(overrides: Partial<Scenario> = {}): Promise<Simulator> {
  return startHarnessFirstGen(scenario(overrides))
}

/**
 * A fresh simulator for each test of the calling file, with the action's log captured (and kept out
 * of the test output). Scripted faults can be pushed to `sim.faults` during a test.
 */
export function useSimulator(overrides: Partial<Scenario> = {}): { sim: Simulator; log: ReturnType<typeof captureStdout> } {
  const current = {} as { sim: Simulator; log: ReturnType<typeof captureStdout> }
  beforeEach(async () => {
    current.log = captureStdout()
    current.sim = await startSimulator(overrides)
  })
  afterEach(async () => {
    current.log.restore()
    await current.sim.close()
  })
  return current
}

export function connection(sim: Simulator, apiKey = API_KEY): HarnessConnection {
  return { url: new URL(sim.url), accountId: ACCOUNT, apiKey }
}

export function quickWait(overrides: Partial<WaitSettings> = {}): WaitSettings {
  return { enabled: true, pollIntervalMs: 100, timeoutMs: 20_000, passingStatuses: new Set(['SUCCESS']), ...overrides }
}

/** The GraphQL bodies the simulator received, parsed. */
export interface GraphqlBody {
  query: string
  operationName: string
  variables: Record<string, unknown>
}

export function graphqlBodies(sim: Simulator): GraphqlBody[] {
  return sim.requests.map(request => JSON.parse(request.body) as GraphqlBody)
}

export function operationNames(sim: Simulator): string[] {
  return graphqlBodies(sim).map(body => body.operationName)
}

/** Captures what @actions/core prints (and keeps it out of the test output) until restored. */
export function captureStdout(): { text: () => string; restore: () => void } {
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation(() => true)
  return { text: () => spy.mock.calls.map(call => String(call[0])).join(''), restore: () => spy.mockRestore() }
}
