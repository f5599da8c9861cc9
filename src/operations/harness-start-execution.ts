import * as log from '../log.js'
import { findApplication, findPipelineOrWorkflow, startExecution as startHarnessExecution, type Named } from '../harness/firstgen.js'
import type { StartExecutionSettings } from '../settings/index.js'
import { followExecution } from './firstgen-execution.js'
import type { Operation, OperationContext, OperationResult } from './types.js'
import { inputsOf } from '../settings/inputs.js'
import { readStartExecution } from '../settings/harness.js'

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

export const operation: Operation<StartExecutionSettings> = {
  name: 'harness-start-execution',
  inputs: inputsOf('harness-start-execution'),
  read: readStartExecution,
  run: startExecution
}
