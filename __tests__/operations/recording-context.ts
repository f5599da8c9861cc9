// The context an operation is called with in tests: progress calls recorded as lines (what a GitHub
// deployment would be told), and a cancel signal the test controls.
import type { ExecutionProgress, OperationContext } from '../../src/operations/types.js'

export function recordingContext(): OperationContext & { events: string[]; cancel: () => void } {
  const events: string[] = []
  const controller = new AbortController()
  const progress: ExecutionProgress = {
    started: async execution => void events.push(`started ${execution.id} ${execution.url}`),
    changed: async (status, state) => void events.push(`${status} ${state}`)
  }
  return { progress, signal: controller.signal, events, cancel: () => controller.abort() }
}
