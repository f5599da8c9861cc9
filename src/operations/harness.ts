import { operation as startExecution } from './harness-start-execution.js'
import { operation as executionStatus } from './harness-execution-status.js'
import { operation as artifactCleanup } from './harness-artifact-cleanup.js'
import { operation as ngRunPipeline } from './harness-ng-run-pipeline.js'
import { operation as ngExecutionStatus } from './harness-ng-execution-status.js'
import { operation as ngTriggerWebhook } from './harness-ng-trigger-webhook.js'

/**
 * The Harness family's registry, a chunk of the bundle of its own (with yaml, which only its readers
 * use). The order is the one the `operation` input's error lists them in.
 */
export const HARNESS_OPERATIONS = [startExecution, executionStatus, artifactCleanup, ngRunPipeline, ngExecutionStatus, ngTriggerWebhook] as const
