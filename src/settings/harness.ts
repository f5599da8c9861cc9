import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { parse as parseYaml, parseAllDocuments } from 'yaml'
import { InputError } from '../errors.js'
import { FIRSTGEN_DEFAULT_PASSING, FIRSTGEN_FINAL_STATUSES, NEXTGEN_DEFAULT_PASSING, NEXTGEN_FINAL_STATUSES } from '../harness/statuses.js'
import {
  baseUrl,
  boolean,
  checkIdentifier,
  didYouMean,
  duration,
  exactlyOne,
  identifier,
  list,
  optional,
  requiredSecret,
  secret,
  verbatim,
  yamlProblem
} from './reader.js'
import type {
  AbortPolicy,
  ArtifactCleanupSettings,
  EntityRef,
  ExecutionStatusSettings,
  ExecutionVariable,
  GitHubDeploymentSettings,
  HarnessConnection,
  NextGenScope,
  NgExecutionStatusSettings,
  NgRunPipelineSettings,
  ServiceArtifact,
  StartExecutionSettings,
  VariableValueType,
  WaitSettings
} from './types.js'

export function readHarnessConnection(): HarnessConnection {
  return {
    apiKey: requiredSecret('harness-api-key', 'a Harness API key (sent as x-api-key)'),
    accountId: identifier('harness-account-id', 'the Harness account id'),
    // The gateway and its GraphQL endpoint, or a page of the NextGen UI, copied instead of the base URL.
    url: baseUrl('harness-url', 'Harness', /\/(?:gateway(?:\/.*)?|api\/graphql|ng(?:\/.*)?)$/)
  }
}

export function readGitHubDeployment(): GitHubDeploymentSettings | undefined {
  const token = secret('github-token')
  const environment = optional('github-environment')
  if (environment === undefined) return undefined
  if (token === undefined) {
    throw new InputError('github-token', "is required when 'github-environment' is set: a token with deployments: write (e.g. ${{ github.token }}).")
  }
  return { token, environment }
}

function readWait(finalStatuses: readonly string[], defaultPassing: string[]): WaitSettings {
  const named = list('passing-statuses')
  const passing = named.map(status => {
    const known = finalStatuses.find(final => final.toLowerCase() === status.toLowerCase())
    if (!known) {
      throw new InputError(
        'passing-statuses',
        `lists '${status}', which is not a final status; expected some of: ${finalStatuses.join(', ')}.${didYouMean(status, finalStatuses)}`
      )
    }
    return known
  })
  return {
    enabled: boolean('wait'),
    pollIntervalMs: duration('poll-interval'),
    timeoutMs: duration('timeout'),
    passingStatuses: new Set(passing.length > 0 ? passing : defaultPassing)
  }
}

/**
 * Abort belongs to the step that started the execution: the start operations abort on timeout and
 * on cancel unless told not to; the status operations, which only watch, abort only when asked.
 */
function readAbort(startedHere: boolean): AbortPolicy {
  // The one pair of inputs whose default depends on the operation: not in INPUT_DEFAULTS.
  return { onTimeout: boolean('abort-on-timeout', startedHere), onCancel: boolean('abort-on-cancel', startedHere) }
}

function readEntity(idInput: string, nameInput: string, what: string): EntityRef {
  const chosen = exactlyOne(idInput, nameInput, what)
  return chosen.input === idInput ? { by: 'id', id: checkIdentifier(idInput, chosen.value) } : { by: 'name', name: chosen.value }
}

/**
 * Says where a run came from, so that people reading Harness can find the GitHub run. Read from
 * the runner's variables, as @actions/github's context does, so that a Harness step without a
 * GitHub deployment does not load Octokit.
 */
export function defaultNotes(): string {
  const { GITHUB_REPOSITORY: repo, GITHUB_SHA: sha = '', GITHUB_WORKFLOW: workflow, GITHUB_RUN_ID: runId } = process.env
  if (!repo) return 'Started by the Harness/GitLab GitHub Action'
  const serverUrl = process.env.GITHUB_SERVER_URL || 'https://github.com'
  return `Started from GitHub: ${repo}@${sha.slice(0, 12)} by workflow '${workflow}', run ${serverUrl}/${repo}/actions/runs/${runId}`
}

const VARIABLE_TYPES: VariableValueType[] = ['NAME', 'ID', 'EXPRESSION']

/** `name=value` lines, when every line is one; anything else is read as YAML. */
function parseAssignmentLines(text: string): Record<string, string> | undefined {
  const lines = text
    .split('\n')
    .map(line => line.trim())
    .filter(line => line !== '' && !line.startsWith('#'))
  if (!lines.every(line => /^[^=:\s]+\s*=/.test(line))) return undefined
  return Object.fromEntries(
    lines.map(line => {
      const at = line.indexOf('=')
      return [line.slice(0, at).trim(), line.slice(at + 1).trim()]
    })
  )
}

/** YAML with every scalar kept as text: `version: 1.10` must reach Harness as "1.10", not 1.1. */
function parseYamlMap(input: string, text: string, expected: string): Record<string, unknown> {
  let value: unknown
  try {
    value = parseYaml(text, { schema: 'failsafe' })
  } catch (error) {
    throw new InputError(input, `is not valid YAML (${yamlProblem(error as Error, text)}); expected ${expected}.`)
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InputError(input, `must be ${expected}.`)
  }
  return value as Record<string, unknown>
}

export function parseVariables(text: string | undefined): ExecutionVariable[] {
  if (text === undefined) return []
  const expected = 'a YAML map (name: value, or name: {type: ID|NAME|EXPRESSION, value: ...}) or name=value lines'
  const entries = parseAssignmentLines(text) ?? parseYamlMap('variables', text, expected)
  return Object.entries(entries).map(([name, raw]) => {
    if (typeof raw === 'string') return { name, type: 'NAME', value: raw }
    const spec = (raw ?? {}) as Record<string, unknown>
    // A type that is not text (a number, a map) is no type at all: refused below.
    const type = (spec.type === undefined ? 'NAME' : typeof spec.type === 'string' ? spec.type.toUpperCase() : '') as VariableValueType
    if (!VARIABLE_TYPES.includes(type) || typeof spec.value !== 'string') {
      throw new InputError('variables', `has a bad entry '${name}'; expected ${expected}.`)
    }
    return { name, type, value: spec.value }
  })
}

export function parseServiceArtifacts(text: string | undefined): ServiceArtifact[] {
  if (text === undefined) return []
  const expected = 'a YAML map of service: {artifact-source: NAME, build-number: BUILD}, or service: NAME@BUILD'
  return Object.entries(parseYamlMap('service-artifacts', text, expected)).map(([service, raw]) => {
    if (typeof raw === 'string') {
      const at = raw.lastIndexOf('@')
      if (at > 0 && at < raw.length - 1) {
        return { service, artifactSource: raw.slice(0, at).trim(), buildNumber: raw.slice(at + 1).trim() }
      }
    } else if (raw && typeof raw === 'object') {
      const spec = raw as Record<string, unknown>
      if (typeof spec['artifact-source'] === 'string' && typeof spec['build-number'] === 'string') {
        return { service, artifactSource: spec['artifact-source'], buildNumber: spec['build-number'] }
      }
    }
    throw new InputError('service-artifacts', `has a bad entry for service '${service}'; expected ${expected}.`)
  })
}

export function readStartExecution(): StartExecutionSettings {
  const pipelineOrWorkflow = ['pipeline-id', 'pipeline', 'workflow-id', 'workflow'].filter(name => optional(name) !== undefined)
  if (pipelineOrWorkflow.length !== 1) {
    const given = pipelineOrWorkflow.length === 0 ? 'none is set' : `${pipelineOrWorkflow.map(n => `'${n}'`).join(' and ')} are set`
    throw new InputError('pipeline', `or 'pipeline-id', 'workflow', 'workflow-id': exactly one is required, the pipeline or workflow to start; ${given}.`)
  }
  const [target] = pipelineOrWorkflow
  const value = optional(target) as string
  return {
    operation: 'harness-start-execution',
    harness: readHarnessConnection(),
    application: readEntity('application-id', 'application', 'the Harness application, by id or by name'),
    target: {
      type: target.startsWith('pipeline') ? 'PIPELINE' : 'WORKFLOW',
      ref: target.endsWith('-id') ? { by: 'id', id: checkIdentifier(target, value) } : { by: 'name', name: value }
    },
    variables: parseVariables(optional('variables')),
    serviceArtifacts: parseServiceArtifacts(optional('service-artifacts')),
    notes: optional('notes') ?? defaultNotes(),
    wait: readWait(FIRSTGEN_FINAL_STATUSES, FIRSTGEN_DEFAULT_PASSING),
    abort: readAbort(true),
    github: readGitHubDeployment()
  }
}

export function readExecutionStatus(): ExecutionStatusSettings {
  return {
    operation: 'harness-execution-status',
    harness: readHarnessConnection(),
    executionId: identifier('execution-id', 'the FirstGen execution id to report on'),
    wait: readWait(FIRSTGEN_FINAL_STATUSES, FIRSTGEN_DEFAULT_PASSING),
    abort: readAbort(false),
    github: readGitHubDeployment()
  }
}

export function readArtifactCleanup(): ArtifactCleanupSettings {
  return {
    operation: 'harness-artifact-cleanup',
    harness: readHarnessConnection(),
    artifactStreamId: identifier('artifact-stream-id', 'the id of the artifact stream to clean up')
  }
}

function readScope(): NextGenScope {
  return {
    org: identifier('harness-org', 'the NextGen organization identifier'),
    project: identifier('harness-project', 'the NextGen project identifier')
  }
}

/** Runtime input YAML given inline, or as the path of a YAML file in the workspace. */
function readRuntimeInputs(): string {
  const value = verbatim('runtime-inputs')
  if (value === undefined) return ''
  let text = value
  const fileName = value.trim()
  if (!fileName.includes('\n') && /\.ya?ml$/i.test(fileName)) {
    const file = path.resolve(process.env.GITHUB_WORKSPACE ?? process.cwd(), fileName)
    if (!existsSync(file)) {
      throw new InputError(
        'runtime-inputs',
        `names the file '${fileName}', which does not exist in the workspace (${file}). Check the path, and that an actions/checkout step runs before this one.`
      )
    }
    text = readFileSync(file, 'utf8')
  }
  const problem = parseAllDocuments(text).flatMap(doc => ('errors' in doc ? doc.errors : []))[0]
  if (problem) throw new InputError('runtime-inputs', `is not valid YAML: ${yamlProblem(problem, text)}.`)
  return text
}

export function readNgRunPipeline(): NgRunPipelineSettings {
  const runtimeInputs = readRuntimeInputs()
  const inputSets = list('input-sets').map(inputSet => checkIdentifier('input-sets', inputSet))
  if (runtimeInputs !== '' && inputSets.length > 0) {
    throw new InputError('runtime-inputs', "and 'input-sets' are both set; give runtime input YAML or input set identifiers, not both.")
  }
  return {
    operation: 'harness-ng-run-pipeline',
    harness: readHarnessConnection(),
    scope: readScope(),
    pipeline: identifier('pipeline', 'the NextGen pipeline identifier'),
    runtimeInputs,
    inputSets,
    notes: optional('notes') ?? defaultNotes(),
    branch: optional('branch'),
    abort: readAbort(true),
    wait: readWait(NEXTGEN_FINAL_STATUSES, NEXTGEN_DEFAULT_PASSING),
    github: readGitHubDeployment()
  }
}

export function readNgExecutionStatus(): NgExecutionStatusSettings {
  return {
    operation: 'harness-ng-execution-status',
    harness: readHarnessConnection(),
    scope: readScope(),
    executionId: identifier('execution-id', 'the NextGen plan execution id to report on'),
    abort: readAbort(false),
    wait: readWait(NEXTGEN_FINAL_STATUSES, NEXTGEN_DEFAULT_PASSING),
    github: readGitHubDeployment()
  }
}
