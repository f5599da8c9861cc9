import * as log from '../log.js'
import { findApplication, findPipelineOrWorkflow, startExecution as startHarnessExecution, type Named } from '../harness/firstgen.js'
import { followExecution } from './firstgen-execution.js'
import type { Operation, OperationContext, OperationResult } from './types.js'
import { parse as parseYaml } from 'yaml'
import { InputError } from '../errors.js'
import { FIRSTGEN_DEFAULT_PASSING, FIRSTGEN_FINAL_STATUSES } from '../harness/statuses.js'
import type { EntityRef, ExecutionVariable, HarnessExecutionBase, ServiceArtifact, VariableValueType } from '../settings/index.js'
import { defaultNotes, readAbort, readEntity, readGitHubDeployment, readHarnessConnection, readWait } from '../settings/harness.js'
import { GITHUB_DEPLOYMENT, HARNESS_ABORT, HARNESS_CONNECTION, HARNESS_WAIT } from '../settings/inputs.js'
import { checkIdentifier, optional, yamlProblem } from '../settings/reader.js'

/** Starts a FirstGen pipeline or workflow and, unless `wait: false`, gates the step on its end. */
export async function startExecution(settings: StartExecutionSettings, context: OperationContext): Promise<OperationResult> {
  const stepStartedAt = Date.now()
  const { application, entity } = await resolve(settings)
  const kind = settings.target.type.toLowerCase()
  const label = `${kind} '${entity.name ?? entity.id}'`
  const { execution } = await log.group(`Start the ${label}`, async () => {
    const started = await startHarnessExecution(settings.harness, {
      applicationId: application.id,
      kind: settings.target.type,
      entityId: entity.id,
      variables: settings.variables,
      serviceArtifacts: settings.serviceArtifacts,
      notes: settings.notes,
      label
    })
    if (started.warning) log.warning(`Harness started the ${label} with a warning: ${started.warning}`)
    log.info(`Started execution ${started.execution.id} (${started.execution.status})`)
    return started
  })
  return followExecution(settings, execution, context, { stepStartedAt, details: startDetails(settings) })
}

/** The ids to start with; names are looked up, ids are used as given. */
async function resolve(settings: StartExecutionSettings): Promise<{ application: Named; entity: Named }> {
  const { harness, application, target } = settings
  const kind = target.type.toLowerCase()
  if (application.by === 'id' && target.ref.by === 'id') return { application: { id: application.id }, entity: { id: target.ref.id } }
  return log.group(`Resolve the Harness application and ${kind}`, async () => {
    const app = application.by === 'id' ? { id: application.id } : await findApplication(harness, application.name)
    if (application.by === 'name') log.info(`Application '${application.name}' is ${app.id}`)
    const entity = target.ref.by === 'id' ? { id: target.ref.id } : await findPipelineOrWorkflow(harness, app.id, target.type, target.ref.name)
    if (target.ref.by === 'name') log.info(`${kind === 'pipeline' ? 'Pipeline' : 'Workflow'} '${target.ref.name}' is ${entity.id}`)
    return { application: app, entity }
  })
}

/** What was asked of Harness, for the job summary: variable names (not values) and artifacts. */
function startDetails(settings: StartExecutionSettings): Array<[string, string]> {
  const details: Array<[string, string]> = []
  if (settings.variables.length > 0) details.push(['Variables', settings.variables.map(variable => variable.name).join(', ')])
  for (const artifact of settings.serviceArtifacts) {
    details.push([`Service ${artifact.service}`, `${artifact.artifactSource} build ${artifact.buildNumber}`])
  }
  return details
}

export interface StartExecutionSettings extends HarnessExecutionBase {
  operation: 'harness-start-execution'
  application: EntityRef
  target: { type: 'PIPELINE' | 'WORKFLOW'; ref: EntityRef }
  variables: ExecutionVariable[]
  serviceArtifacts: ServiceArtifact[]
  notes: string
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

export const operation: Operation<StartExecutionSettings> = {
  name: 'harness-start-execution',
  inputs: [
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
  read: readStartExecution,
  run: startExecution
}
