import { randomUUID } from 'node:crypto'
import path from 'node:path'
import { InputError } from '../errors.js'
import { apiUrl } from '../http/url.js'
import { INPUT_DEFAULTS } from './inputs.js'
import { baseUrl, boolean, checkIdentifier, duration, EMPTY_SECRET_ADVICE, identifier, optional, required, secret } from './reader.js'
import type { GitLabConnection, GitLabWaitSettings, JobArtifactsSettings, JobSelector } from './types.js'

export function readConnection(): GitLabConnection {
  const privateToken = secret('gitlab-token')
  const jobToken = secret('gitlab-job-token')
  if (privateToken !== undefined && jobToken !== undefined) {
    throw new InputError('gitlab-token', "and 'gitlab-job-token' are both set; give only one.")
  }
  if (privateToken === undefined && jobToken === undefined) {
    throw new InputError('gitlab-token', `or 'gitlab-job-token' is required: a GitLab access token or CI job token. ${EMPTY_SECRET_ADVICE}`)
  }
  return {
    // GitLab's REST API lives under /api/v4 (the GraphQL one under /api/graphql): a URL copied with either is cut back.
    apiUrl: apiUrl(baseUrl('gitlab-url', 'GitLab', /\/api(?:\/v4|\/graphql)?$/), '/api/v4'),
    auth: privateToken !== undefined ? { header: 'PRIVATE-TOKEN', token: privateToken } : { header: 'JOB-TOKEN', token: jobToken as string },
    project: readProject(),
    timeoutMs: duration('timeout')
  }
}

/**
 * The project's id or full path. People paste the address they see in the browser or clone
 * from: a URL, an SSH remote, or a path ending in .git all name a project GitLab does not know.
 */
function readProject(): string {
  const given = required('project', "the GitLab project's numeric id or full path (group/sub/project)")
  const gitlabUrl = (optional('gitlab-url') ?? INPUT_DEFAULTS['gitlab-url']).replace(/\/+$/, '')
  // A URL under gitlab-url (which may have a path: https://example.com/gitlab) is cut after it.
  const underGitlabUrl = given.toLowerCase().startsWith(`${gitlabUrl.toLowerCase()}/`)
  const remote = underGitlabUrl ? [given, given.slice(gitlabUrl.length)] : /^(?:[a-z][a-z0-9+.-]*:\/\/[^/]+|[\w.-]+@[\w.-]+:)\/*(.*)$/i.exec(given)
  const projectPath = (remote ? remote[1] : given).replace(/^\/+|\/+$/g, '')
  const meant = projectPath.replace(/(?:\/-\/.*|\.git)$/, '').replace(/\/+$/, '')
  if (remote || meant !== projectPath) {
    const what = remote ? 'a URL' : "a path ending in '.git'"
    const server = remote && !underGitlabUrl && /^https?:/i.test(given) ? new URL(given).origin : undefined
    const where = server ? ` and 'gitlab-url: ${server}'` : ''
    throw new InputError('project', `must be the project's numeric id or full path, not ${what}; got '${given}'. Use 'project: ${meant}'${where}.`)
  }
  return checkIdentifier('project', projectPath, { slashes: true })
}

function readJobId(): string {
  const jobId = required('job-id', 'the numeric id of the GitLab job')
  if (!/^\d+$/.test(jobId)) throw new InputError('job-id', `must be a numeric GitLab job id; got '${jobId}'.`)
  return jobId
}

/**
 * A commit as GitLab's pipelines filter takes it: `sha` is an exact match there
 * (Ci::PipelinesFinder#by_sha, `where(sha: ...)`), so a short SHA would find no pipeline at all.
 * 40 hex digits (SHA-1), or 64 in a repository that uses SHA-256 object names.
 */
function readSha(given: string): string {
  if (!/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i.test(given)) {
    throw new InputError(
      'sha',
      `must be a full 40-character commit SHA such as \${{ github.sha }}: GitLab's sha filter is an exact match, so a short or partial SHA finds no pipeline; got '${given}'.`
    )
  }
  return given.toLowerCase()
}

function readPipelineId(given: string): string {
  if (!/^\d+$/.test(given)) throw new InputError('pipeline-id', `must be a numeric GitLab pipeline id; got '${given}'.`)
  return given
}

const SELECTOR_WHAT =
  "the job, by 'job-id', or by 'job' (its name) with 'ref' (latest successful pipeline of a branch or tag), 'sha' (newest pipeline of a commit) or 'pipeline-id'"

/** Exactly one of `job-id`, `ref`, `sha` and `pipeline-id`, the last three with `job`. */
export function readJobSelector(): JobSelector {
  const given = ['job-id', 'ref', 'sha', 'pipeline-id'].filter(name => optional(name) !== undefined)
  const searchRecent = boolean('search-recent-successful-pipelines')
  if (given.length > 1) throw new InputError(given[0], `and '${given[1]}' are both set; give only one: ${SELECTOR_WHAT}.`)
  const [chosen] = given
  if (chosen === undefined) throw new InputError('job-id', `(or 'ref', 'sha' or 'pipeline-id') is required: ${SELECTOR_WHAT}.`)
  if (chosen !== 'ref' && searchRecent) throw new InputError('search-recent-successful-pipelines', `goes with 'ref' and 'job', not with '${chosen}'.`)
  if (chosen === 'job-id') {
    if (optional('job') !== undefined) throw new InputError('job', "goes with 'ref', 'sha' or 'pipeline-id', not with 'job-id'.")
    return { by: 'id', jobId: readJobId() }
  }
  const value = optional(chosen) as string
  const job = identifier('job', `the name of the job whose artifacts to use, with '${chosen}'`, { slashes: true })
  if (chosen === 'sha') return { by: 'sha', sha: readSha(value), job }
  if (chosen === 'pipeline-id') return { by: 'pipeline', pipelineId: readPipelineId(value), job }
  return { by: 'ref', ref: checkIdentifier('ref', value, { slashes: true }), job, searchRecentSuccessfulPipelines: searchRecent }
}

/**
 * `wait` and `poll-interval` as the GitLab operations read them. `wait` defaults to false here (a
 * download acts at once, as it always did) and to true for the Harness operations: a default per
 * family, so it is not in INPUT_DEFAULTS.
 */
export function readGitLabWait(): GitLabWaitSettings {
  return { enabled: boolean('wait', false), pollIntervalMs: duration('poll-interval') }
}

/** The folder to write to: `path`, else a new folder under RUNNER_TEMP, else the workspace. */
export function readTargetFolder(): string {
  const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd()
  const given = optional('path')
  if (given !== undefined) return path.resolve(workspace, given)
  const runnerTemp = process.env.RUNNER_TEMP
  return runnerTemp ? path.join(runnerTemp, `gitlab-artifacts-${randomUUID().slice(0, 8)}`) : workspace
}

/** The settings of an operation on one job's artifacts (keep, delete). */
export function readJobArtifacts<Name extends string>(operation: Name): JobArtifactsSettings<Name> {
  return { operation, gitlab: readConnection(), job: readJobSelector(), wait: readGitLabWait() }
}
