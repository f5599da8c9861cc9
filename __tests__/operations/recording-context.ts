// The context an operation is called with in tests: progress calls recorded as lines (what a GitHub
// deployment would be told), and a cancel signal the test controls.
import type { ExecutionProgress, OperationContext } from '../../src/operations/types.js'

export function recordingContext(): OperationContext & { events: string[]; cancel: () => void } {
  const events: string[] = []
  const controller = new AbortController()
  // The progress interface returns promises; recording a line has nothing to wait for.
  const record = (line: string): Promise<void> => {
    events.push(line)
    return Promise.resolve()
  }
  const progress: ExecutionProgress = {
    started: execution => record(`started ${execution.id} ${execution.url}`),
    changed: (status, state) => record(`${status} ${state}`)
  }
  return { progress, signal: controller.signal, events, cancel: () => controller.abort() }
}
