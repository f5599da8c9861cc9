import type { Settings } from '../settings/index.js'
import type { OperationContext, OperationResult } from './types.js'
import { startExecution } from './harness-start-execution.js'
import { executionStatus } from './harness-execution-status.js'
import { artifactCleanup } from './harness-artifact-cleanup.js'
import { ngRunPipeline } from './harness-ng-run-pipeline.js'
import { ngExecutionStatus } from './harness-ng-execution-status.js'
import { downloadArtifacts } from './gitlab-download-artifacts.js'
import { downloadArtifactFile } from './gitlab-download-artifact-file.js'
import { keepArtifacts } from './gitlab-keep-artifacts.js'
import { deleteArtifacts } from './gitlab-delete-artifacts.js'

export function runOperation(settings: Settings, context: OperationContext): Promise<OperationResult> {
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
    case 'gitlab-download-artifacts':
      return downloadArtifacts(settings, context)
    case 'gitlab-download-artifact-file':
      return downloadArtifactFile(settings, context)
    case 'gitlab-keep-artifacts':
      return keepArtifacts(settings)
    case 'gitlab-delete-artifacts':
      return deleteArtifacts(settings)
  }
}
