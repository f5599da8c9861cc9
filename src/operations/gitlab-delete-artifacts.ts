import { ActionError } from '../errors.js'
import type { JobArtifactsSettings } from '../settings/index.js'
import type { OperationResult } from './types.js'

export async function deleteArtifacts(settings: JobArtifactsSettings): Promise<OperationResult> {
  throw new ActionError(`${settings.operation} is not implemented yet`)
}
