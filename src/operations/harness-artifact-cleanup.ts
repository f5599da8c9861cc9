import { ActionError } from '../errors.js'
import type { ArtifactCleanupSettings } from '../settings/index.js'
import type { OperationResult } from './types.js'

export async function artifactCleanup(settings: ArtifactCleanupSettings): Promise<OperationResult> {
  throw new ActionError(`${settings.operation} is not implemented yet`)
}
