import type { OperationName, Settings } from '../settings/index.js'
import type { ExecutionProgress, OperationResult } from '../results.js'

export * from '../results.js'

export interface OperationContext {
  progress: ExecutionProgress
  /** Aborted when the runner cancels the job. */
  signal: AbortSignal
}

/**
 * An operation's registry entry, in the operation's own file: its name, the inputs it reads (the
 * table in src/settings/inputs.ts, which is known before any operation's code is loaded), the
 * reader of its settings and the function that runs it.
 */
export interface Operation<S extends Settings = Settings> {
  name: OperationName
  inputs: readonly string[]
  read(): S | Promise<S>
  run(settings: S, context: OperationContext): Promise<OperationResult>
}
