import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { NO_PROGRESS, type OperationContext } from '../../src/operations/types.js'
import type { GitLabConnection, GitLabWaitSettings } from '../../src/settings/index.js'
import type { FakeGitLab } from '../../simulator/gitlab.js'

export const context: OperationContext = { progress: NO_PROGRESS, signal: new AbortController().signal }

/** `wait: false`, the GitLab operations' default. */
export const NO_WAIT: GitLabWaitSettings = { enabled: false, pollIntervalMs: 10 }

export function connection(gitlab: FakeGitLab, project = 'group/sub/project'): GitLabConnection {
  return { apiUrl: new URL(`${gitlab.url}/api/v4`), auth: { header: 'PRIVATE-TOKEN', token: 'glpat-simulator-token' }, project, timeoutMs: 60_000 }
}

/** A folder that does not exist yet, in a fresh temporary folder. */
export function newFolder(): string {
  return path.join(mkdtempSync(path.join(tmpdir(), 'gitlab-op-')), 'out')
}
