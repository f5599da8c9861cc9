import { ActionError } from '../errors.js'
import type { DownloadArtifactsSettings } from '../settings/index.js'
import type { OperationContext, OperationResult } from './types.js'

export async function downloadArtifacts(settings: DownloadArtifactsSettings, _context: OperationContext): Promise<OperationResult> {
  throw new ActionError(`${settings.operation} is not implemented yet`)
}
