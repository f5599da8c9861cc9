import { InputError } from '../errors.js'
import { KNOWN_INPUTS, notReadHere } from './inputs.js'
import { didYouMean, optional, secret } from './reader.js'
import { OPERATIONS, type OperationName } from './types.js'

export * from './types.js'

const SECRET_INPUTS = ['harness-api-key', 'gitlab-token', 'gitlab-job-token', 'github-token']

function isOperation(value: string): value is OperationName {
  return (OPERATIONS as readonly string[]).includes(value)
}

function readOperation(): OperationName {
  const operation = optional('operation')
  if (operation !== undefined && isOperation(operation)) return operation
  const got = operation === undefined ? 'nothing' : `'${operation}'`
  const suggestion = operation === undefined ? '' : didYouMean(operation, OPERATIONS)
  throw new InputError('operation', `must be one of ${OPERATIONS.join(', ')}; got ${got}.${suggestion}`)
}

/**
 * The inputs given to this step, as the runner passes them (INPUT_<NAME>, not empty). action.yml
 * declares no defaults, so every one of them was set by the workflow. Found from the variables'
 * names first, so that only the inputs given are read here.
 */
export function givenInputs(env: NodeJS.ProcessEnv = process.env): string[] {
  return [...KNOWN_INPUTS].filter(name => {
    const variable = `INPUT_${name.replace(/ /g, '_').toUpperCase()}`
    return variable in env && (env[variable] ?? '').trim() !== ''
  })
}

/**
 * An input this action does not declare (a misspelt `timout:`) reaches the step too: the runner
 * passes every `with:` entry and only warns about unexpected ones. It would be ignored, so it fails.
 */
function refuseUnknownInputs(env: NodeJS.ProcessEnv = process.env): void {
  const known = new Set([...KNOWN_INPUTS].map(name => `INPUT_${name.replace(/ /g, '_').toUpperCase()}`))
  for (const variable of Object.keys(env)) {
    if (!variable.startsWith('INPUT_') || known.has(variable) || (env[variable] ?? '').trim() === '') continue
    const name = variable.slice('INPUT_'.length).toLowerCase()
    const suggestion = didYouMean(name, [...KNOWN_INPUTS]) || ' Check its spelling against the inputs listed in the README.'
    throw new InputError(name, `is not an input of this action, so it would be ignored.${suggestion}`)
  }
}

/** An input the chosen operation does not read would be silently dropped: it fails the step instead. */
function refuseInputsNotReadBy(operation: OperationName): void {
  for (const input of givenInputs()) {
    const problem = notReadHere(input, operation)
    if (problem) throw new InputError(input, problem)
  }
}

/**
 * The checks every step makes before its operation's own reader: secrets masked, no unknown input,
 * a known operation, no input that operation does not read. Returns the operation chosen.
 */
export function checkInputs(): OperationName {
  // Masked first, whichever operation runs and whatever input is wrong.
  for (const name of SECRET_INPUTS) secret(name)
  refuseUnknownInputs()
  const operation = readOperation()
  refuseInputsNotReadBy(operation)
  return operation
}
