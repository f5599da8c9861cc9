// The inputs each operation reads are listed in the operation's own file (its `inputs`); the pieces
// here are shared by all of them: the groups of inputs several operations read, the role an input of
// one operation or generation plays in another, the defaults, and the "not read here" message.
// The table of every operation's inputs, which settings, action.yml's descriptions and the README's
// per-operation lists are checked against (__tests__/action-metadata.test.ts), is built from the
// family lists (src/operations/harness.ts, gitlab.ts) by the registry's allOperations().
// An input that is set but not read by the chosen operation fails the step before any request,
// so that an input meant for another operation or generation is never silently dropped.
//
// To add an input: declare it in action.yml (its description ends with "Read by ..." and, when it
// has one, "Default: ..."), list it in the `inputs` of every operation that reads it, give its
// default in INPUT_DEFAULTS, and add it to the README's table of inputs per operation. The metadata
// test names whatever is missing.

export const HARNESS_CONNECTION = ['harness-url', 'harness-api-key', 'harness-account-id'] as const
export const HARNESS_WAIT = ['wait', 'poll-interval', 'timeout', 'passing-statuses'] as const
/** Who aborts: defaults differ between the operations that start an execution and those that only watch one. */
export const HARNESS_ABORT = ['abort-on-timeout', 'abort-on-cancel'] as const
export const GITHUB_DEPLOYMENT = ['github-token', 'github-environment'] as const
export const NEXTGEN_SCOPE = ['harness-org', 'harness-project'] as const
/** What a NextGen operation that follows an execution shows when it fails. */
export const NEXTGEN_FAILURE_DETAIL = ['failure-log-lines'] as const
export const GITLAB_CONNECTION = ['gitlab-url', 'gitlab-token', 'gitlab-job-token', 'project', 'timeout'] as const
/** Which job, and whether to wait for it to finish: the same for every GitLab operation. */
export const GITLAB_JOB = ['job-id', 'ref', 'sha', 'pipeline-id', 'job', 'search-recent-successful-pipelines', 'wait', 'poll-interval'] as const

/** Which inputs each operation reads, by operation name, in the order the `operation` input's error lists them. */
export type InputTable = Readonly<Record<string, readonly string[]>>

/** A custom trigger makes the runtime inputs itself, from its own Pipeline Input and the payload. */
const TRIGGER_INPUTS = "'payload' (the trigger's Pipeline Input reads it, e.g. <+trigger.payload.version>)"

/**
 * For an input that plays a role in another operation or generation: the input(s) that play that
 * role in the operation named, as the error message says it ("for harness-ng-run-pipeline use ...").
 */
export const ROLE_HERE: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  variables: { 'harness-ng-run-pipeline': "'runtime-inputs' (or 'input-sets')", 'harness-ng-trigger-webhook': TRIGGER_INPUTS },
  'service-artifacts': { 'harness-ng-run-pipeline': "'runtime-inputs' (or 'input-sets')", 'harness-ng-trigger-webhook': TRIGGER_INPUTS },
  'runtime-inputs': { 'harness-start-execution': "'variables' and 'service-artifacts'", 'harness-ng-trigger-webhook': TRIGGER_INPUTS },
  'input-sets': { 'harness-start-execution': "'variables' and 'service-artifacts'", 'harness-ng-trigger-webhook': TRIGGER_INPUTS },
  payload: { 'harness-ng-run-pipeline': "'runtime-inputs' (or 'input-sets')" },
  application: {
    'harness-ng-run-pipeline': "'harness-org' and 'harness-project'",
    'harness-ng-execution-status': "'harness-org' and 'harness-project'",
    'harness-ng-trigger-webhook': "'harness-org' and 'harness-project'"
  },
  'application-id': {
    'harness-ng-run-pipeline': "'harness-org' and 'harness-project'",
    'harness-ng-execution-status': "'harness-org' and 'harness-project'",
    'harness-ng-trigger-webhook': "'harness-org' and 'harness-project'"
  },
  'harness-org': { 'harness-start-execution': "'application' or 'application-id'" },
  'harness-project': { 'harness-start-execution': "'application' or 'application-id'" },
  'pipeline-id': { 'harness-ng-run-pipeline': "'pipeline' (the NextGen pipeline identifier)" },
  workflow: { 'harness-ng-run-pipeline': "'pipeline' (the NextGen pipeline identifier)" },
  'workflow-id': { 'harness-ng-run-pipeline': "'pipeline' (the NextGen pipeline identifier)" }
}

/**
 * Defaults live here, not in action.yml: the runner passes every input declared with a `default:`
 * to every step, and the action could then not tell an input the user set from one they did not.
 * Each is stated in its action.yml description ("Default: 30m.") and in the README. An input whose
 * default differs between operations (`wait`: true for Harness, false for GitLab; `abort-on-*`) is
 * not here: its reader passes its default, and its description says which applies where.
 */
export const INPUT_DEFAULTS: Readonly<Record<string, string>> = {
  'harness-url': 'https://app.harness.io',
  'poll-interval': '10s',
  timeout: '30m',
  'gitlab-url': 'https://gitlab.com',
  'stall-timeout': '5m',
  'search-recent-successful-pipelines': 'false',
  extract: 'true',
  'max-extracted-size': '10GiB',
  'max-extracted-files': '100000',
  'failure-log-lines': '50',
  payload: '{}'
}

/** Every input some operation of `table` reads, and `operation` itself. */
export function knownInputs(table: InputTable): ReadonlySet<string> {
  return new Set(['operation', ...Object.values(table).flat()])
}

type Family = 'FirstGen' | 'NextGen' | 'GitLab'

function familyOf(operation: string): Family {
  if (operation.startsWith('gitlab-')) return 'GitLab'
  return operation.startsWith('harness-ng-') ? 'NextGen' : 'FirstGen'
}

function readsAllOf(family: Family, readers: readonly string[], table: InputTable): boolean {
  return Object.keys(table).every(operation => familyOf(operation) !== family || readers.includes(operation))
}

export function operationsReading(input: string, table: InputTable): string[] {
  return Object.keys(table).filter(operation => table[operation].includes(input))
}

/**
 * Why an input set for `operation` is not read there, and what to give instead, as the rest of an
 * "Input 'x' ..." line; undefined when the operation reads it.
 */
export function notReadHere(input: string, operation: string, table: InputTable): string | undefined {
  if (table[operation].includes(input) || input === 'operation') return undefined
  const readers = operationsReading(input, table)
  const families = new Set(readers.map(familyOf))
  const [family] = families
  const who =
    readers.length === 0
      ? 'is not read by any operation'
      : families.size === 1 && family !== familyOf(operation)
        ? `is a ${family} input${readsAllOf(family, readers, table) ? '' : ` (${readers.join(', ')})`}`
        : `is read only by ${inList(readers)}`
  const instead = ROLE_HERE[input]?.[operation]
  return instead ? `${who}; for ${operation} use ${instead}.` : `${who}; ${operation} does not read it: remove it from this step.`
}

function inList(names: readonly string[]): string {
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`
}
