import { checkInputs, givenOperation, maskSecretInputs, onlyInputsOf } from '../settings/index.js'
import type { InputTable } from '../settings/inputs.js'
import type { GITLAB_OPERATIONS } from './gitlab.js'
import type { HARNESS_OPERATIONS } from './harness.js'
import type { Operation } from './types.js'

type Entry = (typeof HARNESS_OPERATIONS)[number] | (typeof GITLAB_OPERATIONS)[number]
type SettingsOf<E> = E extends Operation<infer S> ? S : never

/** The name of every operation, from the family lists. */
export type OperationName = Entry['name']
/** The settings of any operation, as its reader returns them. */
export type Settings = SettingsOf<Entry>

/**
 * The registry is the two family lists (harness.ts, gitlab.ts); each is a chunk of the bundle of its
 * own, loaded only when one of its operations runs, so that a step parses only its own family's code
 * (yaml for Harness, yauzl for GitLab). The family is told by the name's prefix.
 */
async function familyOf(name: string): Promise<readonly Operation[]> {
  if (name.startsWith('gitlab-')) return (await import('./gitlab.js')).GITLAB_OPERATIONS
  return (await import('./harness.js')).HARNESS_OPERATIONS
}

/** Every operation, both families loaded, in the order the `operation` input's error lists them. */
export async function allOperations(): Promise<readonly Operation[]> {
  const [harness, gitlab] = await Promise.all([import('./harness.js'), import('./gitlab.js')])
  return [...harness.HARNESS_OPERATIONS, ...gitlab.GITLAB_OPERATIONS]
}

/** Which inputs each operation reads, by name. */
export function inputTable(operations: readonly Operation[]): InputTable {
  return Object.fromEntries(operations.map(operation => [operation.name, operation.inputs]))
}

/** The registry entry of the operation named: one lookup. */
export async function operationNamed(name: OperationName): Promise<Operation> {
  const operation = (await familyOf(name)).find(entry => entry.name === name)
  if (!operation) throw new Error(`No registry entry for the operation '${name}'`)
  return operation
}

/**
 * Reads and checks every input the chosen operation uses; nothing is sent before this returns.
 * Only the chosen operation's family is loaded when its inputs are all it is given. Otherwise (an
 * unknown operation or input, an input it does not read) the error says which operations read what,
 * so the other family is loaded too for the whole table.
 */
export async function readSettings(): Promise<Settings> {
  maskSecretInputs()
  const name = givenOperation()
  const entry = (await familyOf(name)).find(operation => operation.name === name)
  if (!entry || !onlyInputsOf(entry.inputs)) checkInputs(inputTable(await allOperations()))
  if (!entry) throw new Error(`No registry entry for the operation '${name}'`)
  return (await entry.read()) as Settings
}
