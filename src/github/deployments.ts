import * as log from '../log.js'
import * as github from '@actions/github'
import { errorCode, isNetworkError, isRetryableStatus, neverReachedServer, retrying, type RetryPolicy } from '../http/retry.js'
import { redact } from '../secrets.js'
import { setOutputs } from '../outputs.js'
import type { GitHubDeploymentSettings } from '../settings/index.js'
import { NO_DEPLOYMENT, type DeploymentState, type GitHubDeployment } from '../results.js'

// A hung GitHub API must not hold up a release gate: each call gets a deadline.
const REQUEST_TIMEOUT_MS = 20_000
const GITHUB_RETRY_POLICY: RetryPolicy = { attempts: 3, baseDelayMs: 1000, maxDelayMs: 5000 }
// GitHub cuts a deployment status description at 140 characters.
const MAX_DESCRIPTION = 140

type Octokit = ReturnType<typeof github.getOctokit>

/** The HTTP status GitHub answered with; octokit also gives network errors and timeouts a status 500, without a response. */
function httpStatus(error: unknown): number | undefined {
  const { status, response } = (error ?? {}) as { status?: unknown; response?: unknown }
  return typeof status === 'number' && response !== undefined ? status : undefined
}

const HINTS: Record<number, string> = {
  401: "Check that 'github-token' is a valid token.",
  403: 'Give the job `permissions: deployments: write` (or a token with that permission).',
  404: "Check that 'github-token' can see this repository.",
  422: 'GitHub refused the request as invalid; check github-environment and that the commit exists in the repository.'
}

function describeFailure(what: string, error: unknown): string {
  const status = httpStatus(error)
  const message = (error as { message?: unknown } | undefined)?.message
  const code = errorCode(error)
  let reason = typeof message === 'string' ? message : String(error)
  if (status !== undefined) reason = `HTTP ${status}: ${reason}`
  else if (code && !reason.includes(code)) reason = `${reason} (${code})`
  const hint = status !== undefined ? HINTS[status] : undefined
  return redact(`Could not ${what}: ${reason}. The Harness deployment is not affected.${hint ? ` ${hint}` : ''}`)
}

function shorten(text: string): string {
  return text.length <= MAX_DESCRIPTION ? text : `${text.slice(0, MAX_DESCRIPTION - 1)}…`
}

/** One GitHub deployment for the workflow's commit, mirroring one Harness execution; GitHub trouble only warns. */
class DeploymentMirror implements GitHubDeployment {
  private readonly octokit: Octokit
  private execution?: { id: string; url: string }
  private deploymentId?: number
  /** The state Harness last reported, whether or not GitHub accepted it. */
  private harnessState?: DeploymentState
  private postedState?: DeploymentState

  constructor(private readonly settings: GitHubDeploymentSettings) {
    this.octokit = github.getOctokit(settings.token, { baseUrl: process.env.GITHUB_API_URL || undefined })
  }

  async started(execution: { id: string; url: string }): Promise<void> {
    if (this.execution) return
    this.execution = execution
    await this.warnOnFailure('create the GitHub deployment', async () => {
      const { owner, repo } = github.context.repo
      const { data } = await retrying(
        {
          what: 'Creating the GitHub deployment',
          // A second deployment would be harmless but confusing: sent again only when it never left.
          run: () =>
            this.octokit.rest.repos.createDeployment({
              owner,
              repo,
              ref: github.context.sha,
              environment: this.settings.environment,
              auto_merge: false,
              required_contexts: [],
              // An id or URL is server text: a server that echoed a key into it must not send it on to GitHub.
              description: shorten(redact(`Harness execution ${execution.id}`)),
              payload: { harnessExecutionId: redact(execution.id), harnessExecutionUrl: redact(execution.url) },
              request: { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) }
            }),
          retryReason: () => undefined,
          retryableError: neverReachedServer
        },
        GITHUB_RETRY_POLICY
      )
      if (!('id' in data)) throw new Error(data.message ?? 'GitHub did not create a deployment')
      this.deploymentId = data.id
      setOutputs({ 'deployment-id': data.id })
      log.info(`GitHub deployment ${data.id} created in environment '${this.settings.environment}'.`)
    })
  }

  async changed(status: string, state: DeploymentState): Promise<void> {
    this.harnessState = state
    if (state !== this.postedState) await this.post(state, `Harness status ${status}`)
  }

  async interrupted(reason: string): Promise<void> {
    if (this.harnessState !== undefined && this.harnessState !== 'in_progress') return
    await this.post('error', reason)
  }

  private async post(state: DeploymentState, description: string): Promise<void> {
    const deploymentId = this.deploymentId
    const execution = this.execution
    if (deploymentId === undefined || !execution) return
    const posted = await this.warnOnFailure(`set the GitHub deployment ${deploymentId} to ${state}`, () => {
      const { owner, repo } = github.context.repo
      return retrying(
        {
          what: `Setting the GitHub deployment to ${state}`,
          // Posting the same status twice only repeats a line in its history: safe to retry.
          run: () =>
            this.octokit.rest.repos.createDeploymentStatus({
              owner,
              repo,
              deployment_id: deploymentId,
              state,
              description: shorten(redact(description)),
              environment_url: redact(execution.url),
              log_url: redact(execution.url),
              request: { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) }
            }),
          retryReason: () => undefined,
          retryableError: error => isNetworkError(error) || isRetryableStatus(httpStatus(error) ?? 0)
        },
        GITHUB_RETRY_POLICY
      )
    })
    if (posted) this.postedState = state
  }

  /** Runs a GitHub call; a failure becomes a warning, never an error of the Harness operation. */
  private async warnOnFailure(what: string, call: () => Promise<unknown>): Promise<boolean> {
    try {
      await call()
      return true
    } catch (error) {
      log.warning(describeFailure(what, error))
      return false
    }
  }
}

/** Mirrors a Harness execution onto a GitHub deployment when the user asked for one. */
export function deploymentProgress(settings: GitHubDeploymentSettings | undefined): GitHubDeployment {
  return settings ? new DeploymentMirror(settings) : NO_DEPLOYMENT
}
