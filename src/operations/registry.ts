import { checkInputs, type OperationName, type Settings } from '../settings/index.js'
import type { Operation } from './types.js'

/**
 * The registry: each operation's entry lives in its own file; its family's list (harness.ts,
 * gitlab.ts) is a chunk of the bundle of its own, loaded only when one of its operations runs, so
 * that a step parses only its own family's code (yaml for Harness, yauzl for GitLab).
 */
async function familyOf(name: OperationName): Promise<readonly Operation[]> {
  if (name.startsWith('gitlab-')) return (await import('./gitlab.js')).GITLAB_OPERATIONS
  return (await import('./harness.js')).HARNESS_OPERATIONS
}

/** The registry entry of the operation named: one lookup. */
export async function operationNamed(name: OperationName): Promise<Operation> {
  const operation = (await familyOf(name)).find(entry => entry.name === name)
  if (!operation) throw new Error(`No registry entry for the operation '${name}'`)
  return operation
}

/** Reads and checks every input the chosen operation uses; nothing is sent before this returns. */
export async function readSettings(): Promise<Settings> {
  const operation = await operationNamed(checkInputs())
  return operation.read()
}
