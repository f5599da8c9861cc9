// Shared setup for the NextGen operation tests: the fake API, settings as the settings reader
// would produce them, a progress recorder and a log capture.
import { jest } from '@jest/globals'
import { NEXTGEN_DEFAULT_PASSING } from '../../src/harness/statuses.js'
import type { NgExecutionStatusSettings } from '../../src/operations/harness-ng-execution-status.js'
import type { NgRunPipelineSettings } from '../../src/operations/harness-ng-run-pipeline.js'
import { DEMO_NEXTGEN, startHarnessNextGen } from '../../simulator/harness-nextgen.js'

export type Simulator = Awaited<ReturnType<typeof startHarnessNextGen>>

const running: Simulator[] = []
let output: { mock: { calls: unknown[][] }; mockRestore: () => void } | undefined

/** Starts the fake API (closed after each test) and captures the log. */
export async function nextGenSimulator(options: Parameters<typeof startHarnessNextGen>[0] = {}): Promise<Simulator> {
  const sim = await startHarnessNextGen(options)
  running.push(sim)
  output ??= jest.spyOn(process.stdout, 'write').mockImplementation(() => true)
  return sim
}

/** What the operation logged so far, workflow commands included. */
export function log(): string {
  return (output?.mock.calls ?? []).map(call => String(call[0])).join('')
}

afterEach(async () => {
  output?.mockRestore()
  output = undefined
  await Promise.all(running.splice(0).map(sim => sim.close()))
})

function common(sim: Simulator) {
  return {
    harness: { url: new URL(sim.url), accountId: DEMO_NEXTGEN.accountId, apiKey: DEMO_NEXTGEN.apiKey },
    scope: { org: DEMO_NEXTGEN.org, project: DEMO_NEXTGEN.project },
    abort: { onTimeout: true, onCancel: true },
    wait: { enabled: true, pollIntervalMs: 20, timeoutMs: 10_000, passingStatuses: new Set(NEXTGEN_DEFAULT_PASSING) },
    failureLogLines: 50
  }
}

export function runSettings(sim: Simulator, overrides: Partial<NgRunPipelineSettings> = {}): NgRunPipelineSettings {
  return {
    operation: 'harness-ng-run-pipeline',
    ...common(sim),
    pipeline: 'deploy_payments',
    runtimeInputs: '',
    inputSets: [],
    notes: 'from a test',
    ...overrides
  }
}

export function statusSettings(sim: Simulator, executionId: string, overrides: Partial<NgExecutionStatusSettings> = {}): NgExecutionStatusSettings {
  return { operation: 'harness-ng-execution-status', ...common(sim), executionId, ...overrides }
}

export { recordingContext } from './recording-context.js'

/** Resolves once the condition holds; the fake API's request log is the usual condition. */
export async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise(resolve => setTimeout(resolve, 10))
  }
}
