import { NextGenClient } from '../harness/nextgen.js'
import type { NgExecutionStatusSettings } from '../settings/index.js'
import { NgExecutionFollower } from './nextgen-execution.js'
import type { Operation, OperationContext, OperationResult } from './types.js'
import { inputsOf } from '../settings/inputs.js'
import { readNgExecutionStatus } from '../settings/harness.js'

export async function ngExecutionStatus(settings: NgExecutionStatusSettings, context: OperationContext): Promise<OperationResult> {
  const client = new NextGenClient(settings.harness, settings.scope)
  const follower = new NgExecutionFollower({ client, id: settings.executionId, justStarted: false, settings, context, startedAtMs: Date.now() })
  return settings.wait.enabled ? follower.wait() : follower.read()
}

export const operation: Operation<NgExecutionStatusSettings> = {
  name: 'harness-ng-execution-status',
  inputs: inputsOf('harness-ng-execution-status'),
  read: readNgExecutionStatus,
  run: ngExecutionStatus
}
