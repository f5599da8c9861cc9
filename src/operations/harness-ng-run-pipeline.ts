import * as log from '../log.js'
import { NextGenClient } from '../harness/nextgen.js'
import type { NgRunPipelineSettings } from '../settings/index.js'
import { NgExecutionFollower } from './nextgen-execution.js'
import type { Operation, OperationContext, OperationResult } from './types.js'
import { inputsOf } from '../settings/inputs.js'
import { readNgRunPipeline } from '../settings/harness.js'

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

export const operation: Operation<NgRunPipelineSettings> = {
  name: 'harness-ng-run-pipeline',
  inputs: inputsOf('harness-ng-run-pipeline'),
  read: readNgRunPipeline,
  run: ngRunPipeline
}
