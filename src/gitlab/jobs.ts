import * as log from '../log.js'
import type { IncomingHttpHeaders } from 'node:http'
import { ActionError } from '../errors.js'
import { readJsonAnswer } from '../http/body.js'
import { header, send } from '../http/client.js'
import type { GitLabConnection, JobSelector } from '../settings/index.js'
import { credentials, describeSelector, jobUrl, pipelineBridgesUrl, pipelineJobsUrl, pipelinesUrl, pipelineUrl, type DownloadSelector } from './api.js'
import { GITLAB, gitlabHttpError } from './errors.js'
import { isSuccess } from '../http/failure.js'

// Which job a download is about, found through GitLab's jobs and pipelines API, so that every
// download can say which job and pipeline its bytes came from (outputs job-id, pipeline-id,
// job-url), and so that a download by ref + job name works the same on every GitLab version.
//
// Shapes, checked against GitLab's lib/api/ci/pipelines.rb and jobs.rb, the Entities::Ci::Job /
// JobBasic / PipelineBasic entities, and go-gitlab (Job, Bridge.DownstreamPipeline, ListJobsOptions):
// - GET /projects/:id/pipelines?ref=&status=success&order_by=id&sort=desc&per_page=&page=
//   → [{ id, project_id, sha, ref, status, web_url, ... }]; child pipelines are not listed
//   (Ci::PipelinesFinder: `no_child` unless source=parent_pipeline). `sha` and `ref` are exact
//   matches (`where(sha: ...)`), so a commit is looked up by its full SHA.
// - GET /projects/:id/pipelines/:pipeline_id → one pipeline (PipelineBasic and more), 404 if none.
// - GET /projects/:id/pipelines/:pipeline_id/jobs?per_page=&page= → the pipeline's own jobs, the
//   latest try of each (include_retried defaults to false).
// - GET /projects/:id/pipelines/:pipeline_id/bridges → trigger jobs (Entities::Ci::Bridge <
//   JobBasic, so each has its own `status`); `downstream_pipeline` ({ id, project_id, ... }, or null
//   until the trigger job has created it) is a child pipeline when its project is the same.
// - GET /projects/:id/jobs/:job_id → { id, name, status, ref, web_url, pipeline: {...},
//   commit: {...}, artifacts_file: { filename, size } (only while the archive can be downloaded),
//   artifacts_expire_at }.
// Lists are paginated with X-Next-Page ('' on the last page), X-Page, X-Per-Page, X-Total(-Pages)
// and Link; per_page is at most 100.

export interface GitLabPipeline {
  id: number
  project_id?: number
  sha?: string
  ref?: string
  status?: string
  web_url?: string
}

export interface GitLabJob {
  id: number
  name?: string
  status?: string
  ref?: string
  web_url?: string
  pipeline?: GitLabPipeline
  commit?: { id?: string; short_id?: string }
  /** Present only while the job's archive can be downloaded (Entities::Ci::Job: `if job.artifacts?`). */
  artifacts_file?: { filename?: string; size?: number } | null
  artifacts_expire_at?: string | null
  /** Why a failed job failed (`script_failure`, `stuck_or_timeout_failure`…): JobBasic exposes it only `if job.failed?`. */
  failure_reason?: string
  allow_failure?: boolean
}

interface GitLabBridge {
  /** The trigger job's own status: one not final may still create its child pipeline. */
  status?: string
  downstream_pipeline?: GitLabPipeline | null
}

/** Largest page GitLab serves. */
const PER_PAGE = 100
/** Pages of one list read at most: 1,000 jobs in one pipeline is beyond any real pipeline, yet a bound. */
const MAX_PAGES = 10
/** GitLab's own `search_recent_successful_pipelines` looks through at most 100 pipelines (doc/api/job_artifacts.md). */
const RECENT_PIPELINES = 100
/** Pipelines of one family (a pipeline and its child pipelines, grandchildren…) searched at most. */
const MAX_FAMILY = 20
/** Job names listed in a "no such job" failure. */
const MAX_NAMES_SHOWN = 20

/**
 * Job statuses that are final (Ci::HasStatus::COMPLETED_STATUSES). Any other status, one this list
 * does not know included (newer GitLab adds `canceling`, `waiting_for_callback`), may still change.
 */
export const FINAL_JOB_STATUSES: readonly string[] = ['success', 'failed', 'canceled', 'skipped']

/** A job that stays as it is until a person starts it in GitLab (Ci::HasStatus::BLOCKED_STATUS; `scheduled` starts by itself). */
export const PERSON_MUST_START = 'manual'

export function isFinalJobStatus(status: string): boolean {
  return FINAL_JOB_STATUSES.includes(status)
}

/**
 * The job asked for is not there (yet): no pipeline for the commit or ref, or no job of that name
 * in it. A mirror that has not synced yet, or a child pipeline not created yet, looks like this, so
 * a wait for the job waits it out; without a wait it fails the step.
 */
export class JobNotThereYet extends ActionError {}

/**
 * A CI job token that GitLab does not let read pipelines or jobs: before the job token's
 * fine-grained permissions (`job_token_policies` on these routes), only the artifact endpoints
 * accepted it. The caller then lets GitLab pick the job, as the artifact endpoints always did.
 */
class JobTokenRefused extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`)
  }
}

interface Answer {
  value: unknown
  headers: IncomingHttpHeaders
}

async function getJson(gitlab: GitLabConnection, url: URL, what: string, job: JobSelector, signal?: AbortSignal): Promise<Answer> {
  const response = await send({ method: 'GET', url, what, credentials: credentials(gitlab), retry: 'idempotent', signal })
  if (!isSuccess(response.status)) {
    if ((response.status === 401 || response.status === 403) && gitlab.auth.header === 'JOB-TOKEN') {
      await response.body.dump()
      throw new JobTokenRefused(response.status)
    }
    throw await gitlabHttpError(what, response, { gitlab, access: 'read', job })
  }
  // A web page or other non-JSON answer (a login page, a proxy) fails with the likely cause.
  const value = await readJsonAnswer(what, response, GITLAB)
  return { value, headers: response.headers }
}

/** The next page to read: X-Next-Page when GitLab sends it ('' on the last page), else guessed from a full page. */
export function nextPage(headers: IncomingHttpHeaders, page: number, count: number): number | undefined {
  const given = header(headers, 'x-next-page')
  if (given !== undefined) {
    const next = given.trim()
    return /^\d+$/.test(next) && Number(next) > page ? Number(next) : undefined
  }
  return count >= PER_PAGE ? page + 1 : undefined
}

/** Every item of a paginated list, up to MAX_PAGES pages. */
async function* listed<T>(gitlab: GitLabConnection, url: (page: number) => URL, what: string, job: JobSelector, signal?: AbortSignal): AsyncGenerator<T> {
  for (let page: number | undefined = 1, read = 0; page !== undefined && read < MAX_PAGES; read++) {
    const { value, headers } = await getJson(gitlab, url(page), what, job, signal)
    const items = Array.isArray(value) ? (value as T[]) : []
    yield* items
    page = nextPage(headers, page, items.length)
  }
}

function pageQuery(page: number): Record<string, string> {
  return { per_page: String(PER_PAGE), page: String(page) }
}

export async function fetchJob(gitlab: GitLabConnection, jobId: string, signal?: AbortSignal): Promise<GitLabJob> {
  const job: JobSelector = { by: 'id', jobId }
  const { value } = await getJson(gitlab, jobUrl(gitlab, jobId), `read job ${jobId} of ${gitlab.project}`, job, signal)
  return value as GitLabJob
}

type RefSelector = Extract<JobSelector, { by: 'ref' }>
type NamedSelector = Extract<JobSelector, { by: 'sha' | 'pipeline' }>

/**
 * The newest pipelines matching `query` (GitLab's `ref`, `sha` and `status` filters), newest
 * first, at most `count` (≤ 100, one page).
 */
async function newestPipelines(
  gitlab: GitLabConnection,
  query: Record<string, string>,
  count: number,
  what: string,
  selector: JobSelector,
  signal?: AbortSignal
): Promise<GitLabPipeline[]> {
  const url = pipelinesUrl(gitlab, { ...query, order_by: 'id', sort: 'desc', per_page: String(count), page: '1' })
  const { value } = await getJson(gitlab, url, what, selector, signal)
  return Array.isArray(value) ? (value as GitLabPipeline[]) : []
}

/** What a search saw, for a failure that says why nothing was found. */
interface Seen {
  /** Job names in the newest pipeline's family. */
  names: Set<string>
  /** Jobs of the right name that `accept` refused (for a ref: whose artifacts cannot be downloaded). */
  refused: GitLabJob[]
  /**
   * A trigger job that has not created its child pipeline yet, and still may. GitLab creates a
   * pipeline's own jobs with the pipeline, so only such a child pipeline can still bring a job.
   */
  childPending?: boolean
}

function nothingSeen(): Seen {
  return { names: new Set(), refused: [] }
}

/**
 * The job of that name that `accept` takes in a pipeline or its child pipelines, parent first, as
 * GitLab's own lookup does (Ci::Pipeline#build_with_artifacts_in_self_and_project_descendants).
 * From GitLab 13.5 the jobs list gives only the latest try of each job, newest first; before, every
 * try, oldest first (doc/api/jobs.md): the newest (highest id) of a pipeline's tries is taken either way.
 */
async function findInFamily(
  gitlab: GitLabConnection,
  root: GitLabPipeline,
  name: string,
  accept: (job: GitLabJob) => boolean,
  selector: JobSelector,
  seen?: Seen,
  signal?: AbortSignal
): Promise<GitLabJob | undefined> {
  const family = [root]
  for (let i = 0; i < family.length && i < MAX_FAMILY; i++) {
    const pipeline = family[i]
    const jobs = listed<GitLabJob>(
      gitlab,
      page => pipelineJobsUrl(gitlab, pipeline.id, pageQuery(page)),
      `list the jobs of pipeline ${pipeline.id} in ${gitlab.project}`,
      selector,
      signal
    )
    let newest: GitLabJob | undefined
    for await (const job of jobs) {
      if (job.name !== name) {
        if (job.name) seen?.names.add(job.name)
        continue
      }
      if (!accept(job)) seen?.refused.push(job)
      else if (!newest || job.id > newest.id) newest = job
    }
    if (newest) return { ...newest, pipeline: newest.pipeline ?? pipeline }
    const bridges = listed<GitLabBridge>(
      gitlab,
      page => pipelineBridgesUrl(gitlab, pipeline.id, pageQuery(page)),
      `list the child pipelines of pipeline ${pipeline.id} in ${gitlab.project}`,
      selector,
      signal
    )
    for await (const bridge of bridges) {
      const child = bridge.downstream_pipeline
      if (!child && !isFinalJobStatus(bridge.status ?? 'created') && seen) seen.childPending = true
      const sameProject = child?.project_id === undefined || root.project_id === undefined || child.project_id === root.project_id
      if (child && sameProject && !family.some(known => known.id === child.id)) family.push(child)
    }
  }
  return undefined
}

/** "'test', 'build'", at most MAX_NAMES_SHOWN names. */
function namesOf(seen: Seen): string {
  const names = [...seen.names].slice(0, MAX_NAMES_SHOWN).map(name => `'${name}'`)
  return `${names.join(', ') || 'none'}${seen.names.size > MAX_NAMES_SHOWN ? ', …' : ''}`
}

function notFound(gitlab: GitLabConnection, selector: RefSelector, pipelines: GitLabPipeline[], seen: Seen): ActionError {
  const where = selector.searchRecentSuccessfulPipelines
    ? `any of the ${pipelines.length} most recent successful pipelines of ${selector.ref}`
    : `the newest successful pipeline of ${selector.ref} (pipeline ${pipelines[0].id})`
  const unusable = seen.refused[0]
  const why = unusable
    ? `job ${unusable.id} '${selector.job}' (${unusable.status ?? 'unknown status'}) has no artifacts that can be downloaded: none were uploaded, they expired or were deleted, or it has only artifacts:reports`
    : `its jobs are ${namesOf(seen)}`
  // Successful pipelines have all their jobs: waiting would not bring the job (a misspelt name, say).
  return new ActionError(`Could not find job '${selector.job}' with artifacts in ${where} in ${gitlab.project}: ${why}.`, {
    title: `GitLab job '${selector.job}' not found`,
    hint: selector.searchRecentSuccessfulPipelines
      ? "Check the job's name (it is case-sensitive) and that it keeps its artifacts (artifacts:expire_in), or give 'job-id'."
      : "Set 'search-recent-successful-pipelines: true' to look through the 100 most recent successful pipelines, or give 'job-id'."
  })
}

/** The job GitLab's ref endpoints would serve, found through the pipelines and jobs API. */
async function findJobByRef(gitlab: GitLabConnection, selector: RefSelector, signal?: AbortSignal): Promise<GitLabJob> {
  const count = selector.searchRecentSuccessfulPipelines ? RECENT_PIPELINES : 1
  const what = `list the successful pipelines of ${selector.ref} in ${gitlab.project}`
  const pipelines = await newestPipelines(gitlab, { ref: selector.ref, status: 'success' }, count, what, selector, signal)
  if (pipelines.length === 0) {
    throw new JobNotThereYet(
      `Could not find job '${selector.job}' of ${selector.ref} in ${gitlab.project}: GitLab lists no successful pipeline for '${selector.ref}'.`,
      {
        title: `No successful GitLab pipeline for ${selector.ref}`,
        hint: "Check the branch or tag name ('ref'; merge-request pipelines run on refs/merge-requests/<iid>/head) and that a pipeline for it has succeeded, or set 'wait: true' to wait for one."
      }
    )
  }
  const seen: Seen = { names: new Set(), refused: [] }
  for (const [index, pipeline] of pipelines.entries()) {
    const job = await findInFamily(gitlab, pipeline, selector.job, job => Boolean(job.artifacts_file), selector, index === 0 ? seen : undefined, signal)
    if (job) return job
  }
  throw notFound(gitlab, selector, pipelines, seen)
}

/**
 * Pipelines of one commit looked through at most. A commit usually has one to three (its branch's,
 * a tag's, a merge request's); a bound all the same, as each costs a listing of its jobs.
 */
const PIPELINES_OF_COMMIT = 10

/**
 * The newest pipelines for a commit, whatever their status (a running one can be waited for),
 * newest first. GitLab does not list child pipelines there; they are reached through the parent's
 * bridges. A merged-results or merge-train pipeline runs on a merge commit GitLab makes, so its
 * `sha` is not the branch's commit (and PipelineBasic does not expose `source_sha`): it is not found
 * by the branch's SHA.
 */
async function pipelinesOfCommit(gitlab: GitLabConnection, selector: Extract<JobSelector, { by: 'sha' }>, signal?: AbortSignal): Promise<GitLabPipeline[]> {
  const what = `list the pipelines of commit ${selector.sha} in ${gitlab.project}`
  const pipelines = await newestPipelines(gitlab, { sha: selector.sha }, PIPELINES_OF_COMMIT, what, selector, signal)
  if (pipelines.length > 0) return pipelines
  throw new JobNotThereYet(`Could not find job '${selector.job}' for commit ${selector.sha} in ${gitlab.project}: GitLab lists no pipeline for that commit.`, {
    title: `No GitLab pipeline for commit ${selector.sha.slice(0, 12)}`,
    hint:
      "A mirror may not have synced the commit yet, or no pipeline ran for it (workflow:rules, [skip ci]); merged-results pipelines run on a merge commit GitLab makes, not on the branch's commit. " +
      "Set 'wait: true' to wait for the pipeline, or give 'pipeline-id'."
  })
}

async function fetchPipeline(gitlab: GitLabConnection, selector: Extract<JobSelector, { by: 'pipeline' }>, signal?: AbortSignal): Promise<GitLabPipeline> {
  const { value } = await getJson(
    gitlab,
    pipelineUrl(gitlab, selector.pipelineId),
    `read pipeline ${selector.pipelineId} of ${gitlab.project}`,
    selector,
    signal
  )
  return value as GitLabPipeline
}

/**
 * The job of that name (latest try, any status) in the pipeline a selector names, or in its child
 * pipelines. By commit: in the newest of the commit's pipelines that has a job of that name, as one
 * commit often has several (a branch's and a tag's, or a merge request's) that run different jobs.
 */
async function findNamedJob(gitlab: GitLabConnection, selector: NamedSelector, signal?: AbortSignal): Promise<GitLabJob> {
  const pipelines = selector.by === 'sha' ? await pipelinesOfCommit(gitlab, selector, signal) : [await fetchPipeline(gitlab, selector, signal)]
  const newest = nothingSeen()
  for (const [index, pipeline] of pipelines.entries()) {
    const seen = index === 0 ? newest : nothingSeen()
    const job = await findInFamily(gitlab, pipeline, selector.job, () => true, selector, seen, signal)
    if (job) return job
    // Its child pipeline may still bring the job: wait for it rather than take an older run's.
    if (seen.childPending) throw childPipelinePending(gitlab, selector, pipeline, seen)
  }
  const root = pipelines[0]
  const link = root.web_url ? ` (${root.web_url})` : ''
  const where =
    pipelines.length > 1
      ? `the ${pipelines.length} pipelines for commit ${root.sha ?? ''} of ${gitlab.project} or their child pipelines: the newest, ${pipelineName(root)}${link}, has jobs ${namesOf(newest)}`
      : `${pipelineName(root)} of ${gitlab.project} or its child pipelines: its jobs are ${namesOf(newest)}${link}`
  // Every job these pipelines will have is there: a name none has will not come by waiting.
  throw new ActionError(`Could not find job '${selector.job}' in ${where}.`, {
    title: `GitLab job '${selector.job}' not found`,
    hint: "Check the job's name (it is case-sensitive) and the rules that decide whether it runs."
  })
}

/** "pipeline 456 for main at 1a2b3c4d" */
function pipelineName(pipeline: GitLabPipeline): string {
  return `pipeline ${pipeline.id}${pipeline.ref ? ` for ${pipeline.ref}` : ''}${pipeline.sha ? ` at ${pipeline.sha.slice(0, 8)}` : ''}`
}

function childPipelinePending(gitlab: GitLabConnection, selector: NamedSelector, pipeline: GitLabPipeline, seen: Seen): JobNotThereYet {
  return new JobNotThereYet(
    `Could not find job '${selector.job}' in ${pipelineName(pipeline)} of ${gitlab.project} yet: a child pipeline of it is not created yet (its jobs so far are ${namesOf(seen)}).`,
    {
      title: `GitLab job '${selector.job}' not there yet`,
      hint: "Set 'wait: true' to wait for the child pipeline and the job."
    }
  )
}

/** "job 123 'build' (success) of pipeline 456 for main at 1a2b3c4d: <web url>" */
export function describeGitLabJob(job: GitLabJob): string {
  const name = job.name ? ` '${job.name}'` : ''
  const status = job.status ? ` (${job.status})` : ''
  const ref = job.ref ?? job.pipeline?.ref
  const commit = job.commit?.short_id ?? job.pipeline?.sha?.slice(0, 8)
  const pipeline = job.pipeline ? ` of pipeline ${job.pipeline.id}${ref ? ` for ${ref}` : ''}${commit ? ` at ${commit}` : ''}` : ''
  return `job ${job.id}${name}${status}${pipeline}${job.web_url ? `: ${job.web_url}` : ''}`
}

/**
 * Fails before the download when GitLab already said the job has no archive to download, with
 * the reason it gives: GitLab's own answer to the download would be a bare 404.
 */
export function assertDownloadable(located: LocatedJob, now = Date.now()): void {
  const { job } = located
  if (!job || job.artifacts_file) return
  const expiredAt = job.artifacts_expire_at ? Date.parse(job.artifacts_expire_at) : NaN
  const why =
    expiredAt <= now
      ? `its artifacts expired at ${job.artifacts_expire_at}`
      : 'it has no artifacts archive: none were uploaded (artifacts:paths), they were deleted, or it has only artifacts:reports'
  throw new ActionError(`Could not download the artifacts of ${describeGitLabJob(job)}: ${why}.`, {
    title: `GitLab job ${job.id} has no artifacts to download`,
    hint: "Check the job's artifacts:paths and artifacts:expire_in, or run the pipeline again; 'gitlab-keep-artifacts' keeps a release's artifacts from expiring."
  })
}

export interface LocatedJob {
  /** What to download by: the job's id whenever the job was found, else the ref GitLab resolves. */
  selector: DownloadSelector
  /** The job as GitLab describes it; undefined when the CI job token may not read it. */
  job?: GitLabJob
}

export interface LocateOptions {
  signal?: AbortSignal
  /** Log which job is looked for (default true); a wait that looks again each poll says it once. */
  announce?: boolean
  /**
   * Whether GitLab may pick the job of a ref itself when a CI job token may not list pipelines
   * (downloads, through the by-ref endpoints). Keep and delete have no such endpoints.
   */
  gitlabMayPick?: boolean
}

/**
 * The job a selector names. By name (with a ref, commit or pipeline), the action looks the job up
 * itself and acts on it by id, rather than leaving the choice to GitLab's ref endpoints: the
 * outputs then name exactly the job whose bytes were downloaded (a pipeline finishing between two
 * lookups cannot change it), and `search-recent-successful-pipelines` works on every GitLab,
 * whereas the ref endpoints accept it only from GitLab 18.7 (archive; on by default from 18.10) and
 * 18.9 (single file) and older servers silently ignore it. Only when a CI job token may not read
 * pipelines does GitLab choose, and only for a download by ref.
 */
export async function locateJob(gitlab: GitLabConnection, selector: JobSelector, options: LocateOptions = {}): Promise<LocatedJob> {
  const { signal } = options
  try {
    if (selector.by === 'id') {
      const job = await fetchJob(gitlab, selector.jobId, signal)
      log.info(`GitLab ${describeGitLabJob(job)}`)
      return { selector, job }
    }
    if (options.announce !== false) log.info(`Looking for ${lookingFor(selector)}`)
    const job = selector.by === 'ref' ? await findJobByRef(gitlab, selector, signal) : await findNamedJob(gitlab, selector, signal)
    log.info(`Using GitLab ${describeGitLabJob(job)}`)
    return { selector: { by: 'id', jobId: String(job.id) }, job }
  } catch (error) {
    if (!(error instanceof JobTokenRefused)) throw error
    if (selector.by === 'id') {
      log.info(
        `GitLab does not let the CI job token read job ${selector.jobId} (HTTP ${error.status}; job tokens may read jobs only on newer GitLab): pipeline-id, job-url, job-status and commit-sha are not set.`
      )
      return { selector }
    }
    if (selector.by === 'ref' && options.gitlabMayPick) {
      log.info(
        `GitLab does not let the CI job token list pipelines (HTTP ${error.status}; job tokens may only on newer GitLab): GitLab picks the job of ${selector.ref} itself, and no job outputs (job-id, pipeline-id, job-url, job-status, commit-sha) are set.`
      )
      return { selector }
    }
    throw jobTokenCannotFind(gitlab, selector, error.status)
  }
}

function lookingFor(selector: Exclude<JobSelector, { by: 'id' }>): string {
  switch (selector.by) {
    case 'ref':
      return `job '${selector.job}' in ${selector.searchRecentSuccessfulPipelines ? 'the 100 most recent successful pipelines' : 'the newest successful pipeline'} of ${selector.ref}`
    case 'sha':
      return `job '${selector.job}' in the pipelines for commit ${selector.sha}, newest first, and their child pipelines`
    case 'pipeline':
      return `job '${selector.job}' in pipeline ${selector.pipelineId} and its child pipelines`
  }
}

/** Without pipelines and jobs, a job token has no way to a job by commit or pipeline, or to keep or delete one by ref. */
function jobTokenCannotFind(gitlab: GitLabConnection, selector: Exclude<JobSelector, { by: 'id' }>, status: number): ActionError {
  return new ActionError(
    `Could not find ${describeSelector(selector)} in ${gitlab.project}: GitLab does not let the CI job token list pipelines and jobs (HTTP ${status}; job tokens may only on newer GitLab).`,
    {
      title: 'GitLab job token cannot list pipelines',
      hint: "Give 'gitlab-token' (an access token with the read_api scope, api to keep or delete) instead of 'gitlab-job-token', or give 'job-id'."
    }
  )
}

/** A job the CI job token may not read cannot be waited for. */
export function jobTokenCannotWait(gitlab: GitLabConnection, selector: JobSelector): ActionError {
  return new ActionError(
    `Could not wait for ${describeSelector(selector)} of ${gitlab.project}: GitLab does not let the CI job token read jobs (job tokens may only on newer GitLab).`,
    {
      title: 'GitLab job token cannot read the job',
      hint: "Give 'gitlab-token' (an access token with the read_api scope) instead of 'gitlab-job-token', or leave 'wait' unset."
    }
  )
}
