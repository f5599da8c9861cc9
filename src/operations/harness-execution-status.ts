import * as log from '../log.js'
import { readExecution } from '../harness/firstgen.js'
import { followExecution } from './firstgen-execution.js'
import type { Operation, OperationContext, OperationResult } from './types.js'
import { FIRSTGEN_DEFAULT_PASSING, FIRSTGEN_FINAL_STATUSES } from '../harness/statuses.js'
import type { HarnessExecutionBase } from '../settings/index.js'
import { readAbort, readGitHubDeployment, readHarnessConnection, readWait } from '../settings/harness.js'
import { GITHUB_DEPLOYMENT, HARNESS_ABORT, HARNESS_CONNECTION, HARNESS_WAIT } from '../settings/inputs.js'
import { identifier } from '../settings/reader.js'

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

export interface ExecutionStatusSettings extends HarnessExecutionBase {
  operation: 'harness-execution-status'
  executionId: string
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

export const operation: Operation<ExecutionStatusSettings> = {
  name: 'harness-execution-status',
  inputs: [...HARNESS_CONNECTION, 'execution-id', ...HARNESS_WAIT, ...HARNESS_ABORT, ...GITHUB_DEPLOYMENT],
  read: readExecutionStatus,
  run: executionStatus
}
