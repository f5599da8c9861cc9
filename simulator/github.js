// @ts-check
// A fake of the part of the GitHub REST API the action uses: deployments and their statuses.
// Answers as api.github.com does (201 with the created object, 422 for a bad state, 401
// without a token) and keeps what it was sent, so that tests can read a deployment's history.
import { sendJson, startServer } from './server.js'

/**
 * @typedef {object} DeploymentStatus
 * @property {number} id
 * @property {string} state
 * @property {string} [description]
 * @property {string} [environment_url]
 * @property {string} [log_url]
 */

/**
 * @typedef {object} Deployment
 * @property {number} id
 * @property {string} repository  owner/repo
 * @property {string} ref
 * @property {string} sha
 * @property {string} environment
 * @property {string} [description]
 * @property {unknown} payload
 * @property {boolean} auto_merge
 * @property {string[] | undefined} required_contexts
 * @property {DeploymentStatus[]} statuses
 */

/**
 * @typedef {import('./server.js').RunningServer & {
 *   deployments: Deployment[],
 *   failNext: (kind: 'deployment' | 'status', status?: number, times?: number) => void,
 *   reset: () => void
 * }} GitHubSimulator
 */

/**
 * What a client may send to create a deployment (POST /repos/{owner}/{repo}/deployments); `ref` is
 * checked, the rest taken as given.
 * @typedef {{ ref?: unknown, environment?: string, description?: string, payload?: unknown, auto_merge?: boolean, required_contexts?: string[], task?: string }} DeploymentRequest
 */

/**
 * What a client may send to create a deployment status; `state` is checked, the rest taken as given.
 * @typedef {{ state?: unknown, description?: string, environment_url?: string, log_url?: string }} DeploymentStatusRequest
 */

const STATES = new Set(['error', 'failure', 'inactive', 'in_progress', 'queued', 'pending', 'success'])
const DEPLOYMENTS = /^\/repos\/([^/]+)\/([^/]+)\/deployments$/
const STATUSES = /^\/repos\/([^/]+)\/([^/]+)\/deployments\/(\d+)\/statuses$/

/**
 * The GitHub API as a request handler, so that it can share a server with other fakes: its paths
 * start with /repos/, and GITHUB_API_URL is the server's own URL.
 */
export function createGitHubApi() {
  /** @type {Deployment[]} */
  const deployments = []
  /** @type {Record<'deployment' | 'status', { status: number, times: number }>} */
  const failures = { deployment: { status: 0, times: 0 }, status: { status: 0, times: 0 } }
  let nextId = 1000

  /** @param {'deployment' | 'status'} kind */
  const injectedFailure = kind => {
    const failure = failures[kind]
    if (failure.times === 0) return 0
    failure.times--
    return failure.status
  }

  /**
   * @param {import('./server.js').RecordedRequest} request
   * @param {import('node:http').ServerResponse} res
   * @returns {boolean} whether the request was for this API
   */
  function handle(request, res) {
    if (!request.path.startsWith('/repos/')) return false
    if (!/^(token|bearer) \S+$/i.test(String(request.headers.authorization ?? ''))) {
      sendJson(res, 401, { message: 'Requires authentication', documentation_url: 'https://docs.github.com/rest', status: '401' })
      return true
    }
    const created = request.method === 'POST' ? DEPLOYMENTS.exec(request.path) : null
    const statusOf = request.method === 'POST' ? STATUSES.exec(request.path) : null
    if (created) createDeployment(request, res, `${created[1]}/${created[2]}`)
    else if (statusOf) createStatus(request, res, `${statusOf[1]}/${statusOf[2]}`, Number(statusOf[3]))
    else sendJson(res, 404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' })
    return true
  }

  /**
   * @param {import('./server.js').RecordedRequest} request
   * @param {import('node:http').ServerResponse} res
   * @param {string} repository
   */
  function createDeployment(request, res, repository) {
    const failure = injectedFailure('deployment')
    if (failure) return sendJson(res, failure, { message: 'Server Error' })
    /** @type {unknown} */
    const parsed = JSON.parse(request.body || '{}')
    const body = /** @type {DeploymentRequest} */ (parsed)
    if (typeof body.ref !== 'string') return sendJson(res, 422, { message: 'Invalid request.\n\n"ref" wasn\'t supplied.', status: '422' })
    /** @type {Deployment} */
    const deployment = {
      id: nextId++,
      repository,
      ref: body.ref,
      sha: body.ref,
      environment: body.environment ?? 'production',
      description: body.description,
      payload: body.payload ?? {},
      auto_merge: body.auto_merge ?? true,
      required_contexts: body.required_contexts,
      statuses: []
    }
    deployments.push(deployment)
    const { statuses: _statuses, repository: _repository, ...shown } = deployment
    sendJson(res, 201, { ...shown, task: body.task ?? 'deploy' })
  }

  /**
   * @param {import('./server.js').RecordedRequest} request
   * @param {import('node:http').ServerResponse} res
   * @param {string} repository
   * @param {number} id
   */
  function createStatus(request, res, repository, id) {
    const deployment = deployments.find(d => d.id === id && d.repository === repository)
    if (!deployment) return sendJson(res, 404, { message: 'Not Found', status: '404' })
    const failure = injectedFailure('status')
    if (failure) return sendJson(res, failure, { message: 'Server Error' })
    /** @type {unknown} */
    const parsed = JSON.parse(request.body || '{}')
    const body = /** @type {DeploymentStatusRequest} */ (parsed)
    if (typeof body.state !== 'string' || !STATES.has(body.state))
      return sendJson(res, 422, { message: 'Validation Failed', errors: [{ resource: 'DeploymentStatus', field: 'state', code: 'invalid' }] })
    /** @type {DeploymentStatus} */
    const status = { id: nextId++, state: body.state, description: body.description, environment_url: body.environment_url, log_url: body.log_url }
    deployment.statuses.push(status)
    sendJson(res, 201, status)
  }

  return {
    handle,
    deployments,
    /**
     * The next `times` requests of a kind answer with `status` (500 by default).
     * @param {'deployment' | 'status'} kind
     */
    failNext: (kind, status = 500, times = 1) => {
      failures[kind] = { status, times }
    },
    /** Forgets the deployments and the failures still to come, for tests that share one server. */
    reset: () => {
      deployments.length = 0
      failures.deployment.times = 0
      failures.status.times = 0
    }
  }
}

/**
 * Starts the fake GitHub API on 127.0.0.1; its `url` is what GITHUB_API_URL should be.
 * @param {{ port?: number }} [options]
 * @returns {Promise<GitHubSimulator>}
 */
export async function startGitHubSimulator(options = {}) {
  const api = createGitHubApi()
  const server = await startServer((request, res) => {
    if (!api.handle(request, res)) sendJson(res, 404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' })
  }, options)
  return {
    ...server,
    deployments: api.deployments,
    failNext: api.failNext,
    reset: () => {
      api.reset()
      server.requests.length = 0
    }
  }
}
