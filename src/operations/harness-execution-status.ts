import { ActionError } from '../errors.js'
import type { ExecutionStatusSettings } from '../settings/index.js'
import type { OperationContext, OperationResult } from './types.js'

export async function executionStatus(settings: ExecutionStatusSettings, _context: OperationContext): Promise<OperationResult> {
  throw new ActionError(`${settings.operation} is not implemented yet`)
}
