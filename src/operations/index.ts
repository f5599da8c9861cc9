import { operationNamed, type Settings } from './registry.js'
import type { OperationContext, OperationResult } from './types.js'

/** Runs the operation the settings were read for, through its registry entry. */
export async function runOperation(settings: Settings, context: OperationContext): Promise<OperationResult> {
  return (await operationNamed(settings.operation)).run(settings, context)
}
