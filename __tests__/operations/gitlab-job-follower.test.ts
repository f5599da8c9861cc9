import { expect } from '@jest/globals'
import { withDeadline } from '../../src/http/abort.js'
import { settleJob, type JobToSettle } from '../../src/operations/gitlab-job-follower.js'
import { startGitLab, type FakeGitLab, type GitLabOptions } from '../../simulator/gitlab.js'
import { captureStdout } from '../stdout.js'
import { connection, context, NO_WAIT } from './gitlab-fixtures.js'
import { recordingContext } from './recording-context.js'

const sha = 'f'.repeat(40)
let gitlab: FakeGitLab | undefined
afterEach(() => gitlab?.close())
const output = captureStdout()

async function job(options: GitLabOptions, overrides: Partial<JobToSettle> = {}): Promise<JobToSettle> {
  gitlab = await startGitLab(options)
  return {
    gitlab: connection(gitlab),
    selector: { by: 'sha', sha, job: 'build' },
    wait: { enabled: true, pollIntervalMs: 10 },
    operation: 'gitlab-download-artifacts',
    gitlabMayPick: true,
    ...overrides
  }
}

describe('settleJob', () => {
  it('waits for a late pipeline and a running job, and never sends anything but reads', async () => {
    const given = await job({
      pipelines: [{ id: 5, ref: 'main', sha, status: 'running', hiddenFor: 1 }],
      jobs: [{ id: 50, name: 'build', pipeline: 5, statuses: ['running', 'running', 'success'], entries: [{ name: 'a', data: 'a' }] }]
    })
    const settled = await settleJob(given, context)
    expect(settled.failure).toBeUndefined()
    expect(settled.located).toMatchObject({ selector: { by: 'id', jobId: '50' }, job: { status: 'success', artifacts_file: { filename: 'artifacts.zip' } } })
    expect(gitlab?.requests.every(request => request.method === 'GET')).toBe(true)
    expect(output()).toContain('Job 50: success')
  })

  it('without a wait, refuses a job that has not finished, and takes a failed job given by id as before', async () => {
    const options: GitLabOptions = {
      pipelines: [{ id: 5, ref: 'main', sha }],
      jobs: [
        { id: 50, name: 'build', pipeline: 5, status: 'running' },
        { id: 51, name: 'lint', pipeline: 5, status: 'failed' }
      ]
    }
    const running = await settleJob(await job(options, { wait: NO_WAIT }), context)
    expect(running.failure).toMatchObject({
      title: 'GitLab job 50 has not finished',
      hint: "Set 'wait: true' to wait for the job to finish (within 'timeout')."
    })
    await gitlab?.close()
    const failedById = await settleJob(await job(options, { wait: NO_WAIT, selector: { by: 'id', jobId: '51' } }), context)
    expect(failedById.failure).toBeUndefined()
  })

  it("ends at the step's timeout with the job's last status", async () => {
    const given = await job({ pipelines: [{ id: 5, ref: 'main', sha }], jobs: [{ id: 50, name: 'build', pipeline: 5, statuses: ['pending'] }] })
    const deadline = withDeadline(context.signal, 'timeout', 300)
    try {
      const settled = await settleJob({ ...given, gitlab: { ...given.gitlab, timeoutMs: 300 } }, { ...context, signal: deadline.signal })
      expect(settled.failure?.message).toMatch(
        /^Timed out after 0\.3s waiting for the GitLab job to finish \(last status pending\): job 50 'build' \(pending\) of pipeline 5 /
      )
      expect(settled.located?.job?.status).toBe('pending')
    } finally {
      deadline.clear()
    }
  })
})

describe('settleJob after a wait', () => {
  const pipelines: GitLabOptions['pipelines'] = [{ id: 5, ref: 'main', sha }]

  it('fails a job that ends failed, with GitLab’s reason, and stops at a manual job', async () => {
    const failed = await settleJob(
      await job({ pipelines, jobs: [{ id: 50, name: 'build', pipeline: 5, statuses: ['running', 'failed'], failureReason: 'runner_system_failure' }] }),
      context
    )
    expect(failed.failure).toMatchObject({ title: 'GitLab job 50 failed', message: expect.stringContaining('(status failed: runner_system_failure)') })
    await gitlab?.close()
    const manual = await settleJob(await job({ pipelines, jobs: [{ id: 51, name: 'build', pipeline: 5, status: 'manual' }] }), context)
    expect(manual.failure?.title).toBe('GitLab job 51 waits for a person')
  })

  it('with a CI job token that may not read jobs: fails naming gitlab-token, except for a ref GitLab resolves itself', async () => {
    const options: GitLabOptions = { jobToken: 'job-token', pipelines, jobs: [{ id: 50, name: 'build', pipeline: 5, entries: [{ name: 'a', data: 'a' }] }] }
    const withJobToken = (settle: JobToSettle): JobToSettle => ({ ...settle, gitlab: { ...settle.gitlab, auth: { header: 'JOB-TOKEN', token: 'job-token' } } })
    const byId = withJobToken(await job(options, { selector: { by: 'id', jobId: '50' } }))
    await expect(settleJob(byId, context)).rejects.toMatchObject({ hint: expect.stringContaining("Give 'gitlab-token'") })
    const byRef = { ...byId, selector: { by: 'ref', ref: 'main', job: 'build', searchRecentSuccessfulPipelines: false } } as const
    expect(await settleJob(byRef, context)).toEqual({ located: { selector: byRef.selector } })
    await expect(settleJob({ ...byRef, gitlabMayPick: false }, context)).rejects.toMatchObject({ title: 'GitLab job token cannot list pipelines' })
  })

  it('says what it waited for when the pipeline never appeared', async () => {
    const given = await job({ pipelines: [], jobs: [] })
    const deadline = withDeadline(context.signal, 'timeout', 300)
    try {
      const settled = await settleJob({ ...given, gitlab: { ...given.gitlab, timeoutMs: 300 } }, { ...context, signal: deadline.signal })
      expect(settled.located).toBeUndefined()
      expect(settled.failure?.message).toMatch(
        /^Timed out after 0\.3s waiting for GitLab job 'build' of the newest pipeline for commit f{12}: Could not find job 'build' for commit f{40}/
      )
    } finally {
      deadline.clear()
    }
  })
})

describe('settleJob, more cases', () => {
  const pipelines: GitLabOptions['pipelines'] = [{ id: 5, ref: 'main', sha }]

  it('without a wait, refuses a failed job picked by commit: only a job given by id or ref is used whatever its status', async () => {
    const settled = await settleJob(await job({ pipelines, jobs: [{ id: 50, name: 'build', pipeline: 5, status: 'failed' }] }, { wait: NO_WAIT }), context)
    expect(settled.failure).toMatchObject({
      title: 'GitLab job 50 failed',
      message: expect.stringMatching(/^The GitLab job did not succeed \(status failed: script_failure\): job 50 'build' \(failed\) of pipeline 5 /),
      hint: expect.stringContaining("with 'wait: true' it waits for the new try")
    })
  })

  it('without a wait, goes on with a job given by id that the CI job token may not read', async () => {
    const options: GitLabOptions = { jobToken: 'job-token', pipelines, jobs: [{ id: 50, name: 'build', pipeline: 5, entries: [{ name: 'a', data: 'a' }] }] }
    const given = await job(options, { wait: NO_WAIT, selector: { by: 'id', jobId: '50' } })
    const settled = await settleJob({ ...given, gitlab: { ...given.gitlab, auth: { header: 'JOB-TOKEN', token: 'job-token' } } }, context)
    expect(settled).toEqual({ located: { selector: { by: 'id', jobId: '50' } } })
    expect(output()).toContain('GitLab does not let the CI job token read job 50')
  })

  it('tells the progress listener a cancelled job is inactive, and fails the step', async () => {
    const recording = recordingContext()
    const settled = await settleJob(await job({ pipelines, jobs: [{ id: 50, name: 'build', pipeline: 5, statuses: ['running', 'canceled'] }] }), recording)
    expect(settled.failure?.title).toBe('GitLab job 50 canceled')
    expect(recording.events.at(-1)).toBe('canceled inactive')
  })
})
