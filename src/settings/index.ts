import { InputError } from '../errors.js'
import { knownInputs, notReadHere, type InputTable } from './inputs.js'
import { didYouMean, optional, secret } from './reader.js'

export * from './types.js'

const SECRET_INPUTS = ['harness-api-key', 'gitlab-token', 'gitlab-job-token', 'github-token']

/** The runner's variable for an input: INPUT_<NAME>, spaces as underscores, upper case. */
function variableOf(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`
}

/** The INPUT_* variables given to this step, not empty: every one was set by the workflow (action.yml declares no defaults). */
function givenVariables(env: NodeJS.ProcessEnv = process.env): string[] {
  return Object.keys(env).filter(variable => variable.startsWith('INPUT_') && (env[variable] ?? '').trim() !== '')
}

/** Masks every secret input at once, whichever operation runs and whatever input is wrong. */
export function maskSecretInputs(): void {
  for (const name of SECRET_INPUTS) secret(name)
}

/** The `operation` input as given ('' when not set), before it is checked. */
export function givenOperation(): string {
  return optional('operation') ?? ''
}

/** True when every input given to this step is `operation` or one of `inputs`: the common case, checked without the other family's table. */
export function onlyInputsOf(inputs: readonly string[]): boolean {
  const read = new Set(['operation', ...inputs].map(variableOf))
  return givenVariables().every(variable => read.has(variable))
}

function readOperation(operations: readonly string[]): string {
  const operation = optional('operation')
  if (operation !== undefined && operations.includes(operation)) return operation
  const got = operation === undefined ? 'nothing' : `'${operation}'`
  const suggestion = operation === undefined ? '' : didYouMean(operation, operations)
  throw new InputError('operation', `must be one of ${operations.join(', ')}; got ${got}.${suggestion}`)
}

/**
 * An input this action does not declare (a misspelt `timout:`) reaches the step too: the runner
 * passes every `with:` entry and only warns about unexpected ones. It would be ignored, so it fails.
 */
function refuseUnknownInputs(known: ReadonlySet<string>): void {
  const knownVariables = new Set([...known].map(variableOf))
  for (const variable of givenVariables()) {
    if (knownVariables.has(variable)) continue
    const name = variable.slice('INPUT_'.length).toLowerCase()
    const suggestion = didYouMean(name, [...known]) || ' Check its spelling against the inputs listed in the README.'
    throw new InputError(name, `is not an input of this action, so it would be ignored.${suggestion}`)
  }
}

/** An input the chosen operation does not read would be silently dropped: it fails the step instead. */
function refuseInputsNotReadBy(operation: string, table: InputTable): void {
  const given = new Set(givenVariables())
  for (const input of knownInputs(table)) {
    if (!given.has(variableOf(input))) continue
    const problem = notReadHere(input, operation, table)
    if (problem) throw new InputError(input, problem)
  }
}

/**
 * The checks against every operation's inputs (`table`), in the order their errors take: no
 * unknown input, a known operation, no input that operation does not read. Returns the operation
 * chosen. Secrets are masked before (maskSecretInputs).
 */
export function checkInputs(table: InputTable): string {
  refuseUnknownInputs(knownInputs(table))
  const operation = readOperation(Object.keys(table))
  refuseInputsNotReadBy(operation, table)
  return operation
}
