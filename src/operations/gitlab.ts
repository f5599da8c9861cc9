import { withDeadline } from '../http/abort.js'
import type { Settings } from '../settings/index.js'
import type { OperationContext, OperationResult } from './types.js'
import { downloadArtifacts } from './gitlab-download-artifacts.js'
import { downloadArtifactFile } from './gitlab-download-artifact-file.js'
import { keepArtifacts } from './gitlab-keep-artifacts.js'
import { deleteArtifacts } from './gitlab-delete-artifacts.js'

export type GitLabSettings = Extract<Settings, { operation: `gitlab-${string}` }>

/** Runs a GitLab operation within `timeout`: the deadline stops requests, downloads and extraction as a cancel would. */
export async function runGitLabOperation(settings: GitLabSettings, context: OperationContext): Promise<OperationResult> {
  const deadline = withDeadline(context.signal, 'timeout', settings.gitlab.timeoutMs)
  try {
    return await runWithin(settings, { ...context, signal: deadline.signal })
  } finally {
    deadline.clear()
  }
}

function runWithin(settings: GitLabSettings, context: OperationContext): Promise<OperationResult> {
  switch (settings.operation) {
    case 'gitlab-download-artifacts':
      return downloadArtifacts(settings, context)
    case 'gitlab-download-artifact-file':
      return downloadArtifactFile(settings, context)
    case 'gitlab-keep-artifacts':
      return keepArtifacts(settings, context)
    case 'gitlab-delete-artifacts':
      return deleteArtifacts(settings, context)
  }
}
