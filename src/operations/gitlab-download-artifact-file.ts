import { ActionError } from '../errors.js'
import type { DownloadArtifactFileSettings } from '../settings/index.js'
import type { OperationContext, OperationResult } from './types.js'

export async function downloadArtifactFile(settings: DownloadArtifactFileSettings, _context: OperationContext): Promise<OperationResult> {
  throw new ActionError(`${settings.operation} is not implemented yet`)
}
