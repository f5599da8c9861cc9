// The runner-faithful way to start the bundle lives with the simulator (the demo and the bench use
// it too); this adds what tests read from a run.
import { allOperations, inputTable, type OperationName } from '../../src/operations/registry.js'
import { runAction, metadata, parseOutputFile, type ActionRun, type RunOptions } from '../../simulator/run-action.js'

export { runAction, metadata, parseOutputFile, type ActionRun, type RunOptions }

/** Which inputs each operation reads, from the family lists (each operation's own file). */
export const OPERATION_INPUTS = inputTable(await allOperations()) as Readonly<Record<OperationName, readonly string[]>>

export interface Annotation {
  level: 'error' | 'warning' | 'notice'
  title?: string
  message: string
}

/** The `::error title=...::message` workflow commands in a run's stdout. */
export function annotations(stdout: string): Annotation[] {
  const unescape = (text: string): string => text.replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%')
  return [...stdout.matchAll(/^::(error|warning|notice)(?: ([^:]*))?::(.*)$/gm)].map(match => ({
    level: match[1] as Annotation['level'],
    title: /title=([^,]*)/
      .exec(match[2] ?? '')?.[1]
      ?.replace(/%2C/g, ',')
      .replace(/%3A/g, ':')
      .replace(/%25/g, '%'),
    message: unescape(match[3])
  }))
}

/** Log lines as a person reads them, without the add-mask commands that carry secrets to the runner. */
export function visibleLog(run: ActionRun): string {
  return (run.stdout + run.stderr)
    .split('\n')
    .filter(line => !line.startsWith('::add-mask::'))
    .join('\n')
}

/**
 * The inputs of a shared fixture that `inputs.operation` reads: a step given an input its
 * operation does not read fails (its registry entry's `inputs`), so fixtures shared by several
 * operations keep only what each one takes.
 */
export function readByOperation(inputs: Record<string, string>): Record<string, string> {
  const operation = inputs.operation as OperationName
  return Object.fromEntries(Object.entries(inputs).filter(([name]) => name === 'operation' || OPERATION_INPUTS[operation].includes(name)))
}
