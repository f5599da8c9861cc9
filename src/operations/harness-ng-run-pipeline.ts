import * as log from '../log.js'
import { NextGenClient } from '../harness/nextgen.js'
import { NgExecutionFollower } from './nextgen-execution.js'
import type { Operation, OperationContext, OperationResult } from './types.js'
import { parseAllDocuments } from 'yaml'
import { InputError } from '../errors.js'
import { NEXTGEN_DEFAULT_PASSING, NEXTGEN_FINAL_STATUSES } from '../harness/statuses.js'
import type { NextGenBase } from '../settings/index.js'
import { defaultNotes, readAbort, readFailureLogLines, readGitHubDeployment, readHarnessConnection, readScope, readWait } from '../settings/harness.js'
import { GITHUB_DEPLOYMENT, HARNESS_ABORT, HARNESS_CONNECTION, HARNESS_WAIT, NEXTGEN_FAILURE_DETAIL, NEXTGEN_SCOPE } from '../settings/inputs.js'
import { checkIdentifier, identifier, list, optional, verbatim, workspaceFile, yamlProblem } from '../settings/reader.js'

export async function ngRunPipeline(settings: NgRunPipelineSettings, context: OperationContext): Promise<OperationResult> {
  const startedAtMs = Date.now()
  const { pipeline, scope } = settings
  const client = new NextGenClient(settings.harness, scope)
  const started = await log.group(`Start NextGen pipeline ${pipeline}`, async () => {
    log.info(
      `Running pipeline '${pipeline}' of ${scope.org}/${scope.project} ${inputsDescription(settings)}${settings.branch ? ` from branch '${settings.branch}'` : ''}.`
    )
    const execution = await client.run(settings)
    log.info(`Started execution ${execution.id} (${execution.status}): ${client.executionUrl(pipeline, execution.id)}`)
    return execution
  })
  const follower = new NgExecutionFollower({ client, id: started.id, pipeline, justStarted: true, settings, context, startedAtMs })
  await follower.report({ status: started.status, pipeline })
  if (!settings.wait.enabled) return follower.result({ id: started.id, status: started.status, pipeline, stages: [] })
  return follower.wait()
}

/** Says what the run is given without showing it: runtime inputs may hold values people should not read in a log. */
function inputsDescription(settings: NgRunPipelineSettings): string {
  if (settings.inputSets.length > 0) return `with input sets ${settings.inputSets.join(', ')}`
  if (settings.runtimeInputs === '') return 'without runtime inputs'
  const lines = settings.runtimeInputs.split('\n').filter(line => line.trim() !== '').length
  return `with runtime input YAML (${lines} line${lines === 1 ? '' : 's'})`
}

export interface NgRunPipelineSettings extends NextGenBase {
  operation: 'harness-ng-run-pipeline'
  pipeline: string
  /** Runtime input YAML, passed to Harness unchanged ('' when none). */
  runtimeInputs: string
  inputSets: string[]
  notes: string
  branch?: string
}

/** Runtime input YAML given inline, or as the path of a YAML file in the workspace. */
function readRuntimeInputs(): string {
  const value = verbatim('runtime-inputs')
  if (value === undefined) return ''
  const fileName = value.trim()
  const text = !fileName.includes('\n') && /\.ya?ml$/i.test(fileName) ? workspaceFile('runtime-inputs', fileName) : value
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
    failureLogLines: readFailureLogLines(),
    github: readGitHubDeployment()
  }
}

export const operation: Operation<NgRunPipelineSettings> = {
  name: 'harness-ng-run-pipeline',
  inputs: [
    ...HARNESS_CONNECTION,
    ...NEXTGEN_SCOPE,
    'pipeline',
    'runtime-inputs',
    'input-sets',
    'branch',
    'notes',
    ...HARNESS_WAIT,
    ...HARNESS_ABORT,
    ...NEXTGEN_FAILURE_DETAIL,
    ...GITHUB_DEPLOYMENT
  ],
  read: readNgRunPipeline,
  run: ngRunPipeline
}
