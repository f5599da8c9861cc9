import type { ExecutionProgress, OperationResult } from '../results.js'

export * from '../results.js'

export interface OperationContext {
  progress: ExecutionProgress
  /** Aborted when the runner cancels the job. */
  signal: AbortSignal
}

/** What every operation's settings say: the operation they were read for. */
export interface OperationSettings {
  operation: string
}

/**
 * An operation's registry entry, in the operation's own file, with its settings type and reader:
 * its name, the inputs it reads (checked before anything is sent), the reader of its settings and
 * the function that runs it. Its family's list (harness.ts, gitlab.ts) holds it.
 */
export interface Operation<S extends OperationSettings = OperationSettings> {
  name: S['operation']
  inputs: readonly string[]
  read(): S | Promise<S>
  run(settings: S, context: OperationContext): Promise<OperationResult>
}
