import { InputError } from '../errors.js'
import {
  baseUrl,
  boolean,
  wholeNumber,
  checkIdentifier,
  didYouMean,
  duration,
  exactlyOne,
  identifier,
  list,
  optional,
  requiredSecret,
  secret
} from './reader.js'
import type { AbortPolicy, EntityRef, GitHubDeploymentSettings, HarnessConnection, NextGenScope, WaitSettings } from './types.js'

// The reading pieces the Harness operations share; each operation's own reader is in its file.

export function readHarnessConnection(): HarnessConnection {
  return {
    apiKey: requiredSecret('harness-api-key', 'a Harness API key (sent as x-api-key)'),
    accountId: identifier('harness-account-id', 'the Harness account id'),
    // The gateway and its GraphQL endpoint, or a page of the NextGen UI, copied instead of the base URL.
    url: baseUrl('harness-url', 'Harness', /\/(?:gateway(?:\/.*)?|api\/graphql|ng(?:\/.*)?)$/)
  }
}

export function readGitHubDeployment(): GitHubDeploymentSettings | undefined {
  const token = secret('github-token')
  const environment = optional('github-environment')
  if (environment === undefined) return undefined
  if (token === undefined) {
    throw new InputError('github-token', "is required when 'github-environment' is set: a token with deployments: write (e.g. ${{ github.token }}).")
  }
  return { token, environment }
}

export function readWait(finalStatuses: readonly string[], defaultPassing: string[]): WaitSettings {
  const named = list('passing-statuses')
  const passing = named.map(status => {
    const known = finalStatuses.find(final => final.toLowerCase() === status.toLowerCase())
    if (!known) {
      throw new InputError(
        'passing-statuses',
        `lists '${status}', which is not a final status; expected some of: ${finalStatuses.join(', ')}.${didYouMean(status, finalStatuses)}`
      )
    }
    return known
  })
  return {
    // `wait` defaults to true for Harness and to false for GitLab (settings/gitlab.ts readGitLabWait).
    enabled: boolean('wait', true),
    pollIntervalMs: duration('poll-interval'),
    timeoutMs: duration('timeout'),
    passingStatuses: new Set(passing.length > 0 ? passing : defaultPassing)
  }
}

/**
 * Abort belongs to the step that started the execution: the start operations abort on timeout and
 * on cancel unless told not to; the status operations, which only watch, abort only when asked.
 */
export function readAbort(startedHere: boolean): AbortPolicy {
  // The one pair of inputs whose default depends on the operation: not in INPUT_DEFAULTS.
  return { onTimeout: boolean('abort-on-timeout', startedHere), onCancel: boolean('abort-on-cancel', startedHere) }
}

export function readEntity(idInput: string, nameInput: string, what: string): EntityRef {
  const chosen = exactlyOne(idInput, nameInput, what)
  return chosen.input === idInput ? { by: 'id', id: checkIdentifier(idInput, chosen.value) } : { by: 'name', name: chosen.value }
}

/**
 * Says where a run came from, so that people reading Harness can find the GitHub run. Read from
 * the runner's variables, as @actions/github's context does, so that a Harness step without a
 * GitHub deployment does not load Octokit.
 */
export function defaultNotes(): string {
  const { GITHUB_REPOSITORY: repo, GITHUB_SHA: sha = '', GITHUB_WORKFLOW: workflow, GITHUB_RUN_ID: runId } = process.env
  if (!repo) return 'Started by the Harness/GitLab GitHub Action'
  const serverUrl = process.env.GITHUB_SERVER_URL || 'https://github.com'
  return `Started from GitHub: ${repo}@${sha.slice(0, 12)} by workflow '${workflow}', run ${serverUrl}/${repo}/actions/runs/${runId}`
}

export function readScope(): NextGenScope {
  return {
    org: identifier('harness-org', 'the NextGen organization identifier'),
    project: identifier('harness-project', 'the NextGen project identifier')
  }
}

/** Most lines of a failed step's log the step prints: enough for any stack trace, and a bound on the log and summary. */
export const MAX_FAILURE_LOG_LINES = 1000

/** How many of the last lines of a failed NextGen step's log to show (0: none, and the log service is not asked). */
export function readFailureLogLines(): number {
  return wholeNumber('failure-log-lines', MAX_FAILURE_LOG_LINES)
}
