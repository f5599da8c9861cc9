import { NextGenClient } from '../harness/nextgen.js'
import { NgExecutionFollower } from './nextgen-execution.js'
import type { Operation, OperationContext, OperationResult } from './types.js'
import { NEXTGEN_DEFAULT_PASSING, NEXTGEN_FINAL_STATUSES } from '../harness/statuses.js'
import type { NextGenBase } from '../settings/index.js'
import { readAbort, readFailureLogLines, readGitHubDeployment, readHarnessConnection, readScope, readWait } from '../settings/harness.js'
import { GITHUB_DEPLOYMENT, HARNESS_ABORT, HARNESS_CONNECTION, HARNESS_WAIT, NEXTGEN_FAILURE_DETAIL, NEXTGEN_SCOPE } from '../settings/inputs.js'
import { identifier } from '../settings/reader.js'

export async function ngExecutionStatus(settings: NgExecutionStatusSettings, context: OperationContext): Promise<OperationResult> {
  const client = new NextGenClient(settings.harness, settings.scope)
  const follower = new NgExecutionFollower({ client, id: settings.executionId, justStarted: false, settings, context, startedAtMs: Date.now() })
  return settings.wait.enabled ? follower.wait() : follower.read()
}

export interface NgExecutionStatusSettings extends NextGenBase {
  operation: 'harness-ng-execution-status'
  executionId: string
}

export function readNgExecutionStatus(): NgExecutionStatusSettings {
  return {
    operation: 'harness-ng-execution-status',
    harness: readHarnessConnection(),
    scope: readScope(),
    executionId: identifier('execution-id', 'the NextGen plan execution id to report on'),
    abort: readAbort(false),
    wait: readWait(NEXTGEN_FINAL_STATUSES, NEXTGEN_DEFAULT_PASSING),
    failureLogLines: readFailureLogLines(),
    github: readGitHubDeployment()
  }
}

export const operation: Operation<NgExecutionStatusSettings> = {
  name: 'harness-ng-execution-status',
  inputs: [...HARNESS_CONNECTION, ...NEXTGEN_SCOPE, 'execution-id', ...HARNESS_WAIT, ...HARNESS_ABORT, ...NEXTGEN_FAILURE_DETAIL, ...GITHUB_DEPLOYMENT],
  read: readNgExecutionStatus,
  run: ngExecutionStatus
}
