import type { Settings } from '../settings/index.js'
import type { GitLabSettings } from './gitlab.js'
import type { OperationContext, OperationResult } from './types.js'

function isGitLab(settings: Settings): settings is GitLabSettings {
  return settings.operation.startsWith('gitlab-')
}

/**
 * The Harness and the GitLab operations (with what only they use, such as yauzl) are separate
 * chunks of the bundle, loaded when one of them runs: a step parses only its own family's code.
 */
export async function runOperation(settings: Settings, context: OperationContext): Promise<OperationResult> {
  if (isGitLab(settings)) return (await import('./gitlab.js')).runGitLabOperation(settings, context)
  return (await import('./harness.js')).runHarnessOperation(settings, context)
}
