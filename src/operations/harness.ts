import type { Settings } from '../settings/index.js'
import type { OperationContext, OperationResult } from './types.js'
import { startExecution } from './harness-start-execution.js'
import { executionStatus } from './harness-execution-status.js'
import { artifactCleanup } from './harness-artifact-cleanup.js'
import { ngRunPipeline } from './harness-ng-run-pipeline.js'
import { ngExecutionStatus } from './harness-ng-execution-status.js'

export type HarnessSettings = Extract<Settings, { operation: `harness-${string}` }>

export function runHarnessOperation(settings: HarnessSettings, context: OperationContext): Promise<OperationResult> {
  switch (settings.operation) {
    case 'harness-start-execution':
      return startExecution(settings, context)
    case 'harness-execution-status':
      return executionStatus(settings, context)
    case 'harness-artifact-cleanup':
      return artifactCleanup(settings)
    case 'harness-ng-run-pipeline':
      return ngRunPipeline(settings, context)
    case 'harness-ng-execution-status':
      return ngExecutionStatus(settings, context)
  }
}
