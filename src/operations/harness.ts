import type { Operation } from './types.js'
import { operation as startExecution } from './harness-start-execution.js'
import { operation as executionStatus } from './harness-execution-status.js'
import { operation as artifactCleanup } from './harness-artifact-cleanup.js'
import { operation as ngRunPipeline } from './harness-ng-run-pipeline.js'
import { operation as ngExecutionStatus } from './harness-ng-execution-status.js'

/** The Harness family, a chunk of the bundle of its own (with yaml, which only its readers use). */
export const HARNESS_OPERATIONS: readonly Operation[] = [startExecution, executionStatus, artifactCleanup, ngRunPipeline, ngExecutionStatus]
