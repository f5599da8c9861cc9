// The "not read here" rule: every input × operation pair, through readSettings as the runner feeds it.
import { allOperations, inputTable, readSettings, type OperationName } from '../../src/operations/registry.js'
import { knownInputs, notReadHere as notReadHereIn, operationsReading as operationsReadingIn } from '../../src/settings/inputs.js'
import { captureStdout } from '../stdout.js'

/** Which inputs each operation reads, from the family lists (each operation's own file). */
const OPERATION_INPUTS = inputTable(await allOperations()) as Readonly<Record<OperationName, readonly string[]>>
const OPERATIONS = Object.keys(OPERATION_INPUTS) as OperationName[]
const KNOWN_INPUTS = knownInputs(OPERATION_INPUTS)
const notReadHere = (input: string, operation: string): string | undefined => notReadHereIn(input, operation, OPERATION_INPUTS)
const operationsReading = (input: string): string[] => operationsReadingIn(input, OPERATION_INPUTS)

const connection = { 'harness-api-key': 'key', 'harness-account-id': 'acc' }
const gitlab = { 'gitlab-token': 'glpat', project: 'group/project', 'job-id': '42' }

/** A valid configuration of each operation, to which one more input is added. */
const MINIMAL: Record<OperationName, Record<string, string>> = {
  'harness-start-execution': { ...connection, application: 'shop', pipeline: 'deploy' },
  'harness-execution-status': { ...connection, 'execution-id': 'e1' },
  'harness-artifact-cleanup': { ...connection, 'artifact-stream-id': 's1' },
  'harness-ng-run-pipeline': { ...connection, 'harness-org': 'org', 'harness-project': 'proj', pipeline: 'deploy' },
  'harness-ng-execution-status': { ...connection, 'harness-org': 'org', 'harness-project': 'proj', 'execution-id': 'e1' },
  'harness-ng-trigger-webhook': { ...connection, 'harness-org': 'org', 'harness-project': 'proj', pipeline: 'deploy', trigger: 'on_release' },
  'gitlab-download-artifacts': gitlab,
  'gitlab-download-artifact-file': { ...gitlab, 'artifact-path': 'dist/app.tar.gz' },
  'gitlab-keep-artifacts': gitlab,
  'gitlab-delete-artifacts': gitlab
}

async function read(inputs: Record<string, string>): Promise<unknown> {
  const variables = Object.fromEntries(Object.entries(inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value]))
  Object.assign(process.env, variables)
  try {
    return await readSettings()
  } finally {
    Object.keys(variables).forEach(name => delete process.env[name])
  }
}

async function failureOf(inputs: Record<string, string>): Promise<string | undefined> {
  try {
    await read(inputs)
    return undefined
  } catch (error) {
    return (error as Error).message
  }
}

const inputs = [...KNOWN_INPUTS].filter(name => name !== 'operation')
const pairs = OPERATIONS.flatMap(operation => inputs.map(input => [operation, input] as const))

describe('an input the chosen operation does not read', () => {
  captureStdout()

  it('every minimal configuration is valid', async () => {
    for (const operation of OPERATIONS) expect(await failureOf({ ...MINIMAL[operation], operation })).toBeUndefined()
  })

  it.each(pairs)('%s with %s: fails naming who reads it, or is not refused as unread', async (operation, input) => {
    const message = await failureOf({ ...MINIMAL[operation], operation, [input]: 'x' })
    if (OPERATION_INPUTS[operation].includes(input)) {
      expect(message ?? '').not.toMatch(/does not read it|; for \S+ use/)
      return
    }
    expect(message).toBe(`Input '${input}' ${notReadHere(input, operation)}`)
    // The operations that read it, or the whole generation ("a GitLab input") when all of its operations do.
    const readers = operationsReading(input)
    if (!/is a (FirstGen|NextGen|GitLab) input;/.test(message ?? '')) for (const reader of readers) expect(message).toContain(reader)
    expect(message).toMatch(new RegExp(`; (for ${operation} use '|${operation} does not read it: remove it from this step\\.$)`))
  })

  it('says so in words a migrating user understands', () => {
    expect(notReadHere('variables', 'harness-ng-run-pipeline')).toBe(
      "is a FirstGen input (harness-start-execution); for harness-ng-run-pipeline use 'runtime-inputs' (or 'input-sets')."
    )
    expect(notReadHere('runtime-inputs', 'harness-start-execution')).toBe(
      "is a NextGen input (harness-ng-run-pipeline); for harness-start-execution use 'variables' and 'service-artifacts'."
    )
    expect(notReadHere('harness-org', 'harness-start-execution')).toBe("is a NextGen input; for harness-start-execution use 'application' or 'application-id'.")
    expect(notReadHere('extract', 'gitlab-download-artifact-file')).toBe(
      'is read only by gitlab-download-artifacts; gitlab-download-artifact-file does not read it: remove it from this step.'
    )
    expect(notReadHere('sha', 'harness-start-execution')).toBe('is a GitLab input; harness-start-execution does not read it: remove it from this step.')
    expect(notReadHere('passing-statuses', 'gitlab-download-artifacts')).toBe(
      'is read only by harness-start-execution, harness-execution-status, harness-ng-run-pipeline, harness-ng-execution-status and harness-ng-trigger-webhook; ' +
        'gitlab-download-artifacts does not read it: remove it from this step.'
    )
    // One name, two readers: a FirstGen pipeline id for harness-start-execution, a GitLab pipeline id for the GitLab operations.
    expect(notReadHere('pipeline-id', 'harness-ng-run-pipeline')).toBe(
      'is read only by harness-start-execution, gitlab-download-artifacts, gitlab-download-artifact-file, gitlab-keep-artifacts and gitlab-delete-artifacts; ' +
        "for harness-ng-run-pipeline use 'pipeline' (the NextGen pipeline identifier)."
    )
  })

  it('an empty input counts as not set', async () => {
    expect(
      await failureOf({ ...MINIMAL['harness-ng-run-pipeline'], operation: 'harness-ng-run-pipeline', variables: '', 'service-artifacts': '  ' })
    ).toBeUndefined()
  })
})

describe('an input this action does not have', () => {
  captureStdout()

  it('fails the step with the input that was meant (the runner only warns)', async () => {
    expect(await failureOf({ ...MINIMAL['harness-execution-status'], operation: 'harness-execution-status', timout: '2h' })).toBe(
      "Input 'timout' is not an input of this action, so it would be ignored. Did you mean 'timeout'?"
    )
    expect(await failureOf({ ...MINIMAL['harness-execution-status'], operaton: 'harness-execution-status' })).toBe(
      "Input 'operaton' is not an input of this action, so it would be ignored. Did you mean 'operation'?"
    )
    expect(await failureOf({ ...MINIMAL['gitlab-keep-artifacts'], operation: 'gitlab-keep-artifacts', 'retry-count': '3' })).toBe(
      "Input 'retry-count' is not an input of this action, so it would be ignored. Check its spelling against the inputs listed in the README."
    )
  })
})
