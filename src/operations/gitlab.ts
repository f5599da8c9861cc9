import { withDeadline } from '../http/abort.js'
import type { GitLabConnection } from '../settings/index.js'
import type { Operation, OperationContext, OperationResult, OperationSettings } from './types.js'
import { operation as downloadArtifacts } from './gitlab-download-artifacts.js'
import { operation as downloadArtifactFile } from './gitlab-download-artifact-file.js'
import { operation as keepArtifacts } from './gitlab-keep-artifacts.js'
import { operation as deleteArtifacts } from './gitlab-delete-artifacts.js'

interface GitLabSettings extends OperationSettings {
  gitlab: GitLabConnection
}

/** Runs a GitLab operation within `timeout`: the deadline stops requests, downloads and extraction as a cancel would. */
function withinTimeout<S extends GitLabSettings>(operation: Operation<S>): Operation<S> {
  return {
    ...operation,
    async run(settings: S, context: OperationContext): Promise<OperationResult> {
      const deadline = withDeadline(context.signal, 'timeout', settings.gitlab.timeoutMs)
      try {
        return await operation.run(settings, { ...context, signal: deadline.signal })
      } finally {
        deadline.clear()
      }
    }
  }
}

/**
 * The GitLab family's registry, a chunk of the bundle of its own (with yauzl, which only it uses).
 * The order is the one the `operation` input's error lists them in.
 */
export const GITLAB_OPERATIONS = [
  withinTimeout(downloadArtifacts),
  withinTimeout(downloadArtifactFile),
  withinTimeout(keepArtifacts),
  withinTimeout(deleteArtifacts)
] as const
