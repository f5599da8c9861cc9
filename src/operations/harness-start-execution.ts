import { ActionError } from '../errors.js'
import type { StartExecutionSettings } from '../settings/index.js'
import type { OperationContext, OperationResult } from './types.js'

export async function startExecution(settings: StartExecutionSettings, _context: OperationContext): Promise<OperationResult> {
  throw new ActionError(`${settings.operation} is not implemented yet`)
}
