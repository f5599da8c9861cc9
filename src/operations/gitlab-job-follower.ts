import * as log from '../log.js'
import {
  describeGitLabJob,
  fetchJob,
  isFinalJobStatus,
  JobNotThereYet,
  jobTokenCannotWait,
  locateJob,
  PERSON_MUST_START,
  type GitLabJob,
  type LocatedJob
} from '../gitlab/jobs.js'
import { describeSelector } from '../gitlab/api.js'
import { DeadlineReached } from '../http/abort.js'
import type { DeploymentState, StepFailure } from '../results.js'
import type { GitLabConnection, GitLabWaitSettings, JobSelector } from '../settings/index.js'
import { formatDuration } from '../summary.js'
import { Follower, type FollowedKind } from './follower.js'
import type { OperationContext } from './types.js'
import type { WaitResult } from './wait.js'

// The job a GitLab operation acts on, once it may be acted on: found (by id, ref, commit or
// pipeline) and, with `wait: true`, followed until it finishes, through the one Follower that also
// follows Harness executions. The step never cancels the GitLab job: it did not start it.

/** A job as the follower sees it: its status always set. */
type JobSnapshot = GitLabJob & { status: string }

/**
 * The job found, and why the step must not act on it, if it must not: not finished, not
 * successful, waiting for a person, or the wait ran out (then the job may not have been found).
 */
export type SettledJob = { located: LocatedJob; failure?: undefined } | { located?: LocatedJob; failure: StepFailure }

export interface JobToSettle {
  gitlab: GitLabConnection
  selector: JobSelector
  wait: GitLabWaitSettings
  /** The operation, for the follower's settings. */
  operation: string
  /** Whether GitLab may pick a ref's job itself for a CI job token that may not list pipelines (downloads only). */
  gitlabMayPick: boolean
}

/**
 * Finds the job and, with `wait: true`, waits for it to finish. The failure says why the step must
 * not act on it: a job that has not finished (set `wait: true`), one that waits for a person, one
 * that did not succeed (always after a wait, and for a job picked by commit or pipeline), or a wait
 * that ran out of `timeout`.
 */
export async function settleJob(job: JobToSettle, context: OperationContext): Promise<SettledJob> {
  if (job.wait.enabled) return waitForJob(job, context)
  const located = await locateJob(job.gitlab, job.selector, { signal: context.signal, gitlabMayPick: job.gitlabMayPick })
  const failure = located.job ? unsettled(located.job, job.selector, false) : undefined
  return failure ? { located, failure } : { located }
}

/**
 * Why a job read once, or at the end of a wait, is not one to act on. A job given by id or by ref
 * that finished without success is used as before without a wait (its artifacts may be what is
 * wanted, `artifacts:when: on_failure`); one picked by commit or pipeline, or waited for, must succeed.
 */
function unsettled(job: GitLabJob, selector: JobSelector, waited: boolean): StepFailure | undefined {
  const status = job.status ?? 'unknown'
  if (status === 'success') return undefined
  // "…: job 123 'build' (failed) of pipeline 456 for main at 1a2b3c4d: <link>", the link last.
  const described = describeGitLabJob(job)
  if (status === PERSON_MUST_START) {
    return {
      title: `GitLab job ${job.id} waits for a person`,
      message: `The GitLab job is a manual job that has not been started, and will not run until a person starts it in GitLab: ${described}`,
      hint: 'Start the job in GitLab (or remove `when: manual` from it), then run this step again.'
    }
  }
  if (!isFinalJobStatus(status)) {
    return {
      title: `GitLab job ${job.id} has not finished`,
      message: `The GitLab job has not finished (status ${status}), so its artifacts are not there yet: ${described}`,
      hint: "Set 'wait: true' to wait for the job to finish (within 'timeout')."
    }
  }
  if (!waited && (selector.by === 'id' || selector.by === 'ref')) return undefined
  const reason = job.failure_reason ? `: ${job.failure_reason}` : ''
  return {
    title: `GitLab job ${job.id} ${status}`,
    message: `The GitLab job did not succeed (status ${status}${reason}): ${described}`,
    // A retry in GitLab is a new job with a new id: by id, this step would read the failed one again.
    hint:
      selector.by === 'id'
        ? "Read the job's log in GitLab. A retry is a new job with a new id: give that id, or pick the job by 'sha' or 'pipeline-id' with 'job' (with 'wait: true' the step then waits for the new try)."
        : "Read the job's log in GitLab; once it is retried, run this step again (with 'wait: true' it waits for the new try)."
  }
}

/** Not a status the follower could show: the CI job token may not read the job. */
class JobUnreadable extends Error {}

async function waitForJob(job: JobToSettle, context: OperationContext): Promise<SettledJob> {
  const { gitlab, selector } = job
  const watch = new JobWatch(job)
  const follower = new Follower(
    watch.kind(),
    {
      operation: job.operation,
      // `timeout` bounds the whole GitLab step: its deadline (operations/gitlab.ts) ends the wait.
      wait: { enabled: true, pollIntervalMs: job.wait.pollIntervalMs, timeoutMs: gitlab.timeoutMs, passingStatuses: new Set(['success']) },
      abort: { onTimeout: false, onCancel: false }
    },
    context
  )
  try {
    const { waited, failure } = await follower.wait()
    const located: LocatedJob = { selector: { by: 'id', jobId: String(waited.last.id) }, job: waited.last }
    return failure ? { located, failure } : { located }
  } catch (error) {
    if (error instanceof JobUnreadable) {
      if (selector.by !== 'ref') throw jobTokenCannotWait(gitlab, selector)
      log.info(`GitLab picks the job of ${selector.ref} from its latest successful pipeline, which has finished: nothing to wait for.`)
      return { located: { selector } }
    }
    const reason: unknown = context.signal.reason
    if (!(context.signal.aborted && reason instanceof DeadlineReached)) throw error
    return { located: watch.lastLocated(), failure: watch.timedOut() }
  }
}

/** One GitLab job followed: looked for until it is there, then read by id each poll. */
class JobWatch {
  private last?: JobSnapshot
  private missing?: JobNotThereYet

  constructor(private readonly job: JobToSettle) {}

  /** The job as last read, if it was found. */
  lastLocated(): LocatedJob | undefined {
    return this.last ? { selector: { by: 'id', jobId: String(this.last.id) }, job: this.last } : undefined
  }

  private get what(): string {
    return `GitLab ${describeSelector(this.job.selector)}`
  }

  kind(): FollowedKind<JobSnapshot> {
    return {
      id: this.job.selector.by === 'id' ? this.job.selector.jobId : this.what,
      what: this.what,
      service: 'GitLab',
      name: this.what,
      waitTitle: this.what,
      read: signal => this.read(signal),
      isExpected: error => error instanceof JobNotThereYet,
      // A manual job does not move until a person starts it: the wait ends there, and says so.
      isFinal: status => isFinalJobStatus(status) || status === PERSON_MUST_START,
      deploymentState,
      describe: snapshot => `Job ${snapshot.id}: ${snapshot.status}${snapshot.failure_reason ? ` (${snapshot.failure_reason})` : ''}`,
      url: () => this.last?.web_url,
      verdict: waited => this.verdict(waited)
    }
  }

  private async read(signal: AbortSignal): Promise<JobSnapshot> {
    const { gitlab, selector, gitlabMayPick } = this.job
    let job: GitLabJob
    if (this.last) {
      job = await fetchJob(gitlab, String(this.last.id), signal)
    } else {
      let located: LocatedJob
      try {
        located = await locateJob(gitlab, selector, { signal, gitlabMayPick, announce: this.missing === undefined })
      } catch (error) {
        if (error instanceof JobNotThereYet) this.missing = error
        throw error
      }
      if (!located.job) throw new JobUnreadable()
      job = located.job
    }
    // The jobs list and the job itself both name the pipeline; keep the one known if a read lacks it.
    this.last = { ...job, pipeline: job.pipeline ?? this.last?.pipeline, status: job.status ?? 'unknown' }
    return this.last
  }

  private verdict(waited: WaitResult<JobSnapshot>): StepFailure | undefined {
    if (waited.outcome === 'timeout') return this.timedOut()
    return unsettled(waited.last, this.job.selector, true)
  }

  /** The wait ran out of `timeout`: what was waited for, its last status, and what to do. */
  timedOut(): StepFailure {
    const after = `Timed out after ${formatDuration(this.job.gitlab.timeoutMs)} waiting for`
    if (this.last) {
      return {
        title: 'Timed out',
        message: `${after} the GitLab job to finish (last status ${this.last.status}): ${describeGitLabJob(this.last)}`,
        hint: "Raise 'timeout' (it bounds the whole GitLab step, the wait included), or run this step again to keep waiting: the GitLab job was left as it is."
      }
    }
    const why = this.missing ? `: ${this.missing.message.replace(/\.$/, '')}` : ': no answer from GitLab'
    return {
      title: 'Timed out',
      message: `${after} ${this.what}${why}`,
      hint: "Raise 'timeout' if GitLab creates the pipeline late (a mirror that syncs slowly, a child pipeline after earlier stages); otherwise check the commit, the pipeline and the job's name."
    }
  }
}

function deploymentState(status: string): DeploymentState {
  if (status === 'success') return 'success'
  if (status === 'failed') return 'failure'
  if (status === 'canceled' || status === 'skipped') return 'inactive'
  return 'in_progress'
}
