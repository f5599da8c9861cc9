import { ActionError } from '../errors.js'
import type { NgRunPipelineSettings } from '../settings/index.js'
import type { OperationContext, OperationResult } from './types.js'

export async function ngRunPipeline(settings: NgRunPipelineSettings, _context: OperationContext): Promise<OperationResult> {
  throw new ActionError(`${settings.operation} is not implemented yet`)
}
