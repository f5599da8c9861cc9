import { randomUUID } from 'node:crypto'
import path from 'node:path'
import { InputError } from '../errors.js'
import { apiUrl } from '../http/url.js'
import { INPUT_DEFAULTS } from './inputs.js'
import { baseUrl, boolean, checkIdentifier, duration, EMPTY_SECRET_ADVICE, exactlyOne, identifier, optional, required, secret } from './reader.js'
import type { GitLabConnection, JobArtifactsSettings, JobSelector } from './types.js'

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

export function readJobSelector(): JobSelector {
  const chosen = exactlyOne('job-id', 'ref', "the job, by 'job-id' or by 'ref' and 'job' (latest successful pipeline)")
  const searchRecent = boolean('search-recent-successful-pipelines')
  if (chosen.input === 'job-id') {
    if (optional('job') !== undefined) throw new InputError('job', "goes with 'ref', not with 'job-id'.")
    if (searchRecent) throw new InputError('search-recent-successful-pipelines', "goes with 'ref' and 'job', not with 'job-id'.")
    return { by: 'id', jobId: readJobId() }
  }
  return {
    by: 'ref',
    ref: checkIdentifier('ref', chosen.value, { slashes: true }),
    job: identifier('job', "the name of the job whose artifacts to fetch, with 'ref'", { slashes: true }),
    searchRecentSuccessfulPipelines: searchRecent
  }
}

/** The folder to write to: `path`, else a new folder under RUNNER_TEMP, else the workspace. */
export function readTargetFolder(): string {
  const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd()
  const given = optional('path')
  if (given !== undefined) return path.resolve(workspace, given)
  const runnerTemp = process.env.RUNNER_TEMP
  return runnerTemp ? path.join(runnerTemp, `gitlab-artifacts-${randomUUID().slice(0, 8)}`) : workspace
}

/** The settings of an operation on one job's artifacts by its id (keep, delete). */
export function readJobArtifacts<Name extends string>(operation: Name): JobArtifactsSettings<Name> {
  return { operation, gitlab: readConnection(), jobId: readJobId() }
}
