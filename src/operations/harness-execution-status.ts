import * as log from '../log.js'
import { readExecution } from '../harness/firstgen.js'
import type { ExecutionStatusSettings } from '../settings/index.js'
import { followExecution } from './firstgen-execution.js'
import type { Operation, OperationContext, OperationResult } from './types.js'
import { inputsOf } from '../settings/inputs.js'
import { readExecutionStatus } from '../settings/harness.js'

/** Reports a FirstGen execution's status and, unless `wait: false`, gates the step on its end. */
export async function executionStatus(settings: ExecutionStatusSettings, context: OperationContext): Promise<OperationResult> {
  const stepStartedAt = Date.now()
  const execution = await log.group(`Read Harness execution ${settings.executionId}`, async () => {
    const found = await readExecution(settings.harness, settings.executionId)
    const target = found.target?.name ?? found.target?.id ?? 'unknown'
    log.info(`${found.kind === 'PIPELINE' ? 'Pipeline' : 'Workflow'} '${target}' of application '${found.application.name ?? found.application.id}'`)
    return found
  })
  return followExecution(settings, execution, context, { stepStartedAt })
}

export const operation: Operation<ExecutionStatusSettings> = {
  name: 'harness-execution-status',
  inputs: inputsOf('harness-execution-status'),
  read: readExecutionStatus,
  run: executionStatus
}
