// The operations, and which inputs each reads: the one table that the settings, action.yml's descriptions
// and the README's per-operation lists are checked against (__tests__/action-metadata.test.ts).
// An input that is set but not read by the chosen operation fails the step before any request,
// so that an input meant for another operation or generation is never silently dropped.
//
// To add an input: declare it in action.yml (its description ends with "Read by ..." and, when it
// has one, "Default: ..."), list it here under every operation that reads it, give its default in
// INPUT_DEFAULTS, and add it to the README's table of inputs per operation. The metadata test
// names whatever is missing.

const HARNESS_CONNECTION = ['harness-url', 'harness-api-key', 'harness-account-id'] as const
const HARNESS_WAIT = ['wait', 'poll-interval', 'timeout', 'passing-statuses'] as const
/** Who aborts: defaults differ between the operations that start an execution and those that only watch one. */
const HARNESS_ABORT = ['abort-on-timeout', 'abort-on-cancel'] as const
const GITHUB_DEPLOYMENT = ['github-token', 'github-environment'] as const
const NEXTGEN_SCOPE = ['harness-org', 'harness-project'] as const
const GITLAB_CONNECTION = ['gitlab-url', 'gitlab-token', 'gitlab-job-token', 'project', 'job-id', 'timeout'] as const
const GITLAB_JOB_BY_REF = ['ref', 'job', 'search-recent-successful-pipelines'] as const

const INPUTS_BY_OPERATION = {
  'harness-start-execution': [
    ...HARNESS_CONNECTION,
    'application-id',
    'application',
    'pipeline-id',
    'pipeline',
    'workflow-id',
    'workflow',
    'variables',
    'service-artifacts',
    'notes',
    ...HARNESS_WAIT,
    ...HARNESS_ABORT,
    ...GITHUB_DEPLOYMENT
  ],
  'harness-execution-status': [...HARNESS_CONNECTION, 'execution-id', ...HARNESS_WAIT, ...HARNESS_ABORT, ...GITHUB_DEPLOYMENT],
  'harness-artifact-cleanup': [...HARNESS_CONNECTION, 'artifact-stream-id'],
  'harness-ng-run-pipeline': [
    ...HARNESS_CONNECTION,
    ...NEXTGEN_SCOPE,
    'pipeline',
    'runtime-inputs',
    'input-sets',
    'branch',
    'notes',
    ...HARNESS_WAIT,
    ...HARNESS_ABORT,
    ...GITHUB_DEPLOYMENT
  ],
  'harness-ng-execution-status': [...HARNESS_CONNECTION, ...NEXTGEN_SCOPE, 'execution-id', ...HARNESS_WAIT, ...HARNESS_ABORT, ...GITHUB_DEPLOYMENT],
  'gitlab-download-artifacts': [...GITLAB_CONNECTION, ...GITLAB_JOB_BY_REF, 'path', 'stall-timeout', 'extract', 'max-extracted-size', 'max-extracted-files'],
  'gitlab-download-artifact-file': [...GITLAB_CONNECTION, ...GITLAB_JOB_BY_REF, 'artifact-path', 'path', 'stall-timeout'],
  'gitlab-keep-artifacts': GITLAB_CONNECTION,
  'gitlab-delete-artifacts': GITLAB_CONNECTION
} satisfies Record<string, readonly string[]>

export type OperationName = keyof typeof INPUTS_BY_OPERATION

export const OPERATION_INPUTS: Readonly<Record<OperationName, readonly string[]>> = INPUTS_BY_OPERATION

/**
 * Every operation, in the order the `operation` input's error lists them. Known here, before any
 * operation's code is loaded: each family's operations are a chunk of the bundle of their own.
 */
export const OPERATIONS = Object.keys(OPERATION_INPUTS) as OperationName[]

/** The inputs `operation` reads. */
export function inputsOf(operation: OperationName): readonly string[] {
  return OPERATION_INPUTS[operation]
}

/**
 * For an input that plays a role in another operation or generation: the input(s) that play that
 * role in the operation named, as the error message says it ("for harness-ng-run-pipeline use ...").
 */
export const ROLE_HERE: Readonly<Record<string, Partial<Record<OperationName, string>>>> = {
  variables: { 'harness-ng-run-pipeline': "'runtime-inputs' (or 'input-sets')" },
  'service-artifacts': { 'harness-ng-run-pipeline': "'runtime-inputs' (or 'input-sets')" },
  'runtime-inputs': { 'harness-start-execution': "'variables' and 'service-artifacts'" },
  'input-sets': { 'harness-start-execution': "'variables' and 'service-artifacts'" },
  application: { 'harness-ng-run-pipeline': "'harness-org' and 'harness-project'", 'harness-ng-execution-status': "'harness-org' and 'harness-project'" },
  'application-id': { 'harness-ng-run-pipeline': "'harness-org' and 'harness-project'", 'harness-ng-execution-status': "'harness-org' and 'harness-project'" },
  'harness-org': { 'harness-start-execution': "'application' or 'application-id'" },
  'harness-project': { 'harness-start-execution': "'application' or 'application-id'" },
  'pipeline-id': { 'harness-ng-run-pipeline': "'pipeline' (the NextGen pipeline identifier)" },
  workflow: { 'harness-ng-run-pipeline': "'pipeline' (the NextGen pipeline identifier)" },
  'workflow-id': { 'harness-ng-run-pipeline': "'pipeline' (the NextGen pipeline identifier)" },
  ref: { 'gitlab-keep-artifacts': "'job-id'", 'gitlab-delete-artifacts': "'job-id'" },
  job: { 'gitlab-keep-artifacts': "'job-id'", 'gitlab-delete-artifacts': "'job-id'" },
  'search-recent-successful-pipelines': { 'gitlab-keep-artifacts': "'job-id'", 'gitlab-delete-artifacts': "'job-id'" }
}

/**
 * Defaults live here, not in action.yml: the runner passes every input declared with a `default:`
 * to every step, and the action could then not tell an input the user set from one they did not.
 * Each is stated in its action.yml description ("Default: 30m.") and in the README.
 */
export const INPUT_DEFAULTS: Readonly<Record<string, string>> = {
  'harness-url': 'https://app.harness.io',
  wait: 'true',
  'poll-interval': '10s',
  timeout: '30m',
  'gitlab-url': 'https://gitlab.com',
  'stall-timeout': '5m',
  'search-recent-successful-pipelines': 'false',
  extract: 'true',
  'max-extracted-size': '10GiB',
  'max-extracted-files': '100000'
}

/** Every input some operation reads, and `operation` itself. */
export const KNOWN_INPUTS: ReadonlySet<string> = new Set(['operation', ...Object.values(OPERATION_INPUTS).flat()])

type Family = 'FirstGen' | 'NextGen' | 'GitLab'

function familyOf(operation: OperationName): Family {
  if (operation.startsWith('gitlab-')) return 'GitLab'
  return operation.startsWith('harness-ng-') ? 'NextGen' : 'FirstGen'
}

function readsAllOf(family: Family, readers: readonly OperationName[]): boolean {
  return OPERATIONS.every(operation => familyOf(operation) !== family || readers.includes(operation))
}

export function operationsReading(input: string): OperationName[] {
  return OPERATIONS.filter(operation => inputsOf(operation).includes(input))
}

/**
 * Why an input set for `operation` is not read there, and what to give instead, as the rest of an
 * "Input 'x' ..." line; undefined when the operation reads it.
 */
export function notReadHere(input: string, operation: OperationName): string | undefined {
  if (inputsOf(operation).includes(input) || input === 'operation') return undefined
  const readers = operationsReading(input)
  const families = new Set(readers.map(familyOf))
  const [family] = families
  const who =
    readers.length === 0
      ? 'is not read by any operation'
      : families.size === 1 && family !== familyOf(operation)
        ? `is a ${family} input${readsAllOf(family, readers) ? '' : ` (${readers.join(', ')})`}`
        : `is read only by ${inList(readers)}`
  const instead = ROLE_HERE[input]?.[operation]
  return instead ? `${who}; for ${operation} use ${instead}.` : `${who}; ${operation} does not read it: remove it from this step.`
}

function inList(names: readonly string[]): string {
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`
}
