import { ActionError } from '../errors.js'
import type { NgExecutionStatusSettings } from '../settings/index.js'
import type { OperationContext, OperationResult } from './types.js'

export async function ngExecutionStatus(settings: NgExecutionStatusSettings, _context: OperationContext): Promise<OperationResult> {
  throw new ActionError(`${settings.operation} is not implemented yet`)
}
