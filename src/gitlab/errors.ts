import type { ActionError } from '../errors.js'
import type { Service } from '../http/body.js'
import type { HttpResponse } from '../http/client.js'
import { accessTitle, responseFailure, type FailureHooks } from '../http/failure.js'
import type { GitLabConnection, JobSelector } from '../settings/index.js'

/** GitLab, as advice about a wrong answer names it. */
export const GITLAB: Service = { name: 'GitLab', inputs: "'gitlab-url' (the GitLab address, not a page of its web UI) and the token" }

/**
 * GitLab's own words from an error body: `{"message": ...}` (a string, or field → errors for
 * validation failures), `{"error": ...}` (OAuth and some API errors), or plain text ("Retry later").
 */
export function gitlabMessage(text: string): string | undefined {
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    // Cut by the failure helper, like any outside text.
    return text.trim() || undefined
  }
  if (typeof body !== 'object' || body === null) return undefined
  const { message, error, error_description: description } = body as Record<string, unknown>
  const words = [message, error, description].map(describeValue).filter(value => value !== undefined)
  return words.length > 0 ? words.join(': ') : undefined
}

function describeValue(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined
  if (Array.isArray(value)) return value.map(describeValue).filter(Boolean).join(', ') || undefined
  if (typeof value === 'object' && value !== null) {
    return (
      Object.entries(value)
        .map(([field, problem]) => `${field} ${describeValue(problem) ?? ''}`.trim())
        .join('; ') || undefined
    )
  }
  return undefined
}

/** Object storage answers with S3-style XML: `<Error><Code>AccessDenied</Code><Message>Request has expired</Message>`. */
function storageMessage(text: string): string | undefined {
  const code = /<Code>([^<]*)<\/Code>/.exec(text)?.[1]
  const message = /<Message>([^<]*)<\/Message>/.exec(text)?.[1]
  const words = [code, message].filter(Boolean).join(': ')
  return words || text.trim() || undefined
}

/** What the request needs, for the 401/403 hints. */
export type Access = 'read' | 'keep' | 'delete'

const ROLE_NEEDED: Record<Access, string> = {
  read: 'at least the Reporter role (Guest in a public project)',
  keep: 'at least the Developer role',
  delete: 'at least the Maintainer role'
}

/** What was asked for, so that a 401/403/404 hint can say what to check. */
export interface Request {
  gitlab: GitLabConnection
  access: Access
  job: JobSelector
  artifactPath?: string
}

function notFoundHint({ job, artifactPath }: Request): string {
  const what = job.by === 'pipeline' ? `pipeline ${job.pipelineId}` : 'job'
  const causes = [`there is no such project or ${what}, or the token cannot see it`]
  if (job.by === 'ref') {
    // Only a CI job token that may not list pipelines uses the ref endpoints (jobs.ts locateJob).
    causes.push(
      job.searchRecentSuccessfulPipelines
        ? `no recent successful pipeline of '${job.ref}' has a job '${job.job}' (GitLab before 18.7, or 18.9 for one file, ignores 'search-recent-successful-pipelines' and looks only at the latest; a 'gitlab-token' lets the action search itself)`
        : `the latest successful pipeline of '${job.ref}' has no job '${job.job}' (set 'search-recent-successful-pipelines: true' to look through recent ones)`
    )
  }
  causes.push('the job has no artifacts, they expired or were deleted, or it only has artifacts:reports (not downloadable)')
  if (artifactPath !== undefined) causes.push(`the archive has no file '${artifactPath}'`)
  return `GitLab answers 404 when ${causes.join('; or ')}.`
}

function hint(status: number, request: Request): string | undefined {
  const { gitlab, access } = request
  const token = gitlab.auth.header === 'JOB-TOKEN' ? "'gitlab-job-token'" : "'gitlab-token'"
  switch (status) {
    case 401:
      return gitlab.auth.header === 'JOB-TOKEN'
        ? `GitLab did not accept ${token}: a CI job token is valid only while its job runs.`
        : `GitLab did not accept ${token}: check that it has not expired or been revoked, and that it has the ${access === 'read' ? 'read_api (or api)' : 'api'} scope.`
    case 403:
      return `The token's user lacks permission in '${gitlab.project}': this needs ${ROLE_NEEDED[access]}${gitlab.auth.header === 'JOB-TOKEN' ? ', and the project must allow CI job token access from the job' : ''}.`
    case 404:
      return notFoundHint(request)
    case 429:
      return "GitLab's rate limit was reached; try again later or spread the workflow's requests out."
    default:
      return status >= 500 ? 'GitLab had a server error; try again later.' : undefined
  }
}

/** An authentication or permission failure is titled so, whatever was asked. */
function gitlabAccessTitle(status: number): string | undefined {
  return accessTitle(status, 'GitLab', 'token')
}

/** GitLab's hooks for the one response-to-failure helper. */
function gitlabFailureHooks(request: Request): FailureHooks {
  return { who: 'GitLab', message: gitlabMessage, hint: status => hint(status, request), title: gitlabAccessTitle }
}

/** The storage host's hooks: a refused signed URL is not a GitLab permission matter. */
function storageFailureHooks(origin: string): FailureHooks {
  return {
    who: `the storage host ${origin} GitLab redirected to`,
    message: storageMessage,
    hint: () => 'The signed storage URL from GitLab was refused (it may have expired while waiting); run the step again.'
  }
}

/** Turns an unsuccessful answer into one failure: what failed, the HTTP status, the server's own message, and a hint. */
export function gitlabHttpError(what: string, response: HttpResponse, request: Request): Promise<ActionError> {
  const fromStorage = response.url.origin !== request.gitlab.apiUrl.origin
  return responseFailure(what, response, fromStorage ? storageFailureHooks(response.url.origin) : gitlabFailureHooks(request))
}
