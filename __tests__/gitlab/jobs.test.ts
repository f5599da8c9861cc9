import { expect } from '@jest/globals'
import { ActionError } from '../../src/errors.js'
import { assertDownloadable, describeGitLabJob, JobNotThereYet, locateJob, nextPage, type GitLabJob } from '../../src/gitlab/jobs.js'
import type { GitLabConnection } from '../../src/settings/index.js'
import { startGitLab, type FakeGitLab } from '../../simulator/gitlab.js'
import { connection } from '../operations/gitlab-fixtures.js'
import { captureStdout } from '../stdout.js'

describe('nextPage', () => {
  it.each([
    [{ 'x-next-page': '2' }, 1, 100, 2],
    [{ 'x-next-page': '' }, 3, 100, undefined],
    [{ 'x-next-page': '1' }, 1, 100, undefined],
    [{}, 1, 100, 2],
    [{}, 1, 40, undefined]
  ])('%j on page %i with %i items → %s', (headers, page, count, next) => expect(nextPage(headers, page, count)).toBe(next))
})

describe('assertDownloadable', () => {
  const job: GitLabJob = { id: 7, name: 'build', status: 'success', pipeline: { id: 3, ref: 'main', sha: 'abcdef1234567890' } }

  it('passes a job with an archive, and a job GitLab did not describe', () => {
    expect(() =>
      assertDownloadable({ selector: { by: 'id', jobId: '7' }, job: { ...job, artifacts_file: { filename: 'artifacts.zip', size: 1 } } })
    ).not.toThrow()
    expect(() => assertDownloadable({ selector: { by: 'id', jobId: '7' } })).not.toThrow()
  })

  it('says when the artifacts expired', () => {
    const expired = { ...job, artifacts_expire_at: '2026-01-01T00:00:00Z' }
    expect(() => assertDownloadable({ selector: { by: 'id', jobId: '7' }, job: expired }, Date.parse('2026-06-01T00:00:00Z'))).toThrow(
      "Could not download the artifacts of job 7 'build' (success) of pipeline 3 for main at abcdef12: its artifacts expired at 2026-01-01T00:00:00Z."
    )
  })

  it('says when there is no archive', () => {
    expect(() => assertDownloadable({ selector: { by: 'id', jobId: '7' }, job: { ...job, artifacts_expire_at: null } })).toThrow('it has no artifacts archive')
  })
})

describe('describeGitLabJob', () => {
  it('names the job, its status, pipeline, ref, commit and page', () => {
    expect(
      describeGitLabJob({
        id: 1,
        name: 'b',
        status: 'success',
        ref: 'main',
        commit: { short_id: '1a2b3c4d' },
        pipeline: { id: 2 },
        web_url: 'https://gitlab.example.com/g/p/-/jobs/1'
      })
    ).toBe("job 1 'b' (success) of pipeline 2 for main at 1a2b3c4d: https://gitlab.example.com/g/p/-/jobs/1")
  })

  it('says no more than GitLab told', () => {
    expect(describeGitLabJob({ id: 1 })).toBe('job 1')
    expect(describeGitLabJob({ id: 1, pipeline: { id: 2 } })).toBe('job 1 of pipeline 2')
  })
})

describe('locateJob by commit and by pipeline', () => {
  captureStdout()
  const sha = '1'.repeat(40)
  let gitlab: FakeGitLab | undefined
  afterEach(() => gitlab?.close())

  const start = async (): Promise<GitLabConnection> => {
    gitlab = await startGitLab({
      pipelines: [
        { id: 10, ref: 'main', sha, status: 'success' },
        { id: 11, ref: 'main', sha, status: 'running' },
        { id: 12, ref: 'main', sha, parent: 11 },
        { id: 13, ref: 'main', sha: '2'.repeat(40) },
        { id: 14, ref: 'main', sha: '4'.repeat(40) }
      ],
      jobs: [
        { id: 100, name: 'build', pipeline: 10, entries: [{ name: 'a', data: 'a' }] },
        { id: 110, name: 'test', pipeline: 11, status: 'running' },
        { id: 120, name: 'build', pipeline: 12, status: 'pending' },
        { id: 130, name: 'build', pipeline: 13, entries: [{ name: 'b', data: 'b' }] },
        // GitLab before 13.5 lists every try of a job, oldest first.
        { id: 141, name: 'build', pipeline: 14, status: 'success' },
        { id: 140, name: 'build', pipeline: 14, status: 'failed' }
      ]
    })
    return connection(gitlab)
  }

  it('takes the newest pipeline for the commit, whatever its status, and finds the job in its child pipeline', async () => {
    const located = await locateJob(await start(), { by: 'sha', sha, job: 'build' })
    expect(located.selector).toEqual({ by: 'id', jobId: '120' })
    expect(located.job).toMatchObject({ id: 120, status: 'pending', pipeline: { id: 12 } })
  })

  it('takes the job of the pipeline given', async () => {
    const located = await locateJob(await start(), { by: 'pipeline', pipelineId: '10', job: 'build' })
    expect(located.job).toMatchObject({ id: 100, status: 'success' })
  })

  it('takes the newest try of a job when GitLab lists every try (before 13.5)', async () => {
    const located = await locateJob(await start(), { by: 'pipeline', pipelineId: '14', job: 'build' })
    expect(located.job).toMatchObject({ id: 141, status: 'success' })
  })

  it("takes the newest of the commit's pipelines that has the job: a tag's pipeline may run other jobs than the branch's", async () => {
    const tagged = '5'.repeat(40)
    gitlab = await startGitLab({
      pipelines: [
        { id: 20, ref: 'main', sha: tagged },
        { id: 21, ref: 'v1.4.2', sha: tagged, status: 'running' }
      ],
      jobs: [
        { id: 200, name: 'build', pipeline: 20, entries: [{ name: 'a', data: 'a' }] },
        { id: 210, name: 'release', pipeline: 21, status: 'running' }
      ]
    })
    const located = await locateJob(connection(gitlab), { by: 'sha', sha: tagged, job: 'build' })
    expect(located.job).toMatchObject({ id: 200, pipeline: { id: 20 } })
    await expect(locateJob(connection(gitlab), { by: 'sha', sha: tagged, job: 'deploy' })).rejects.toMatchObject({
      constructor: ActionError,
      message: expect.stringMatching(
        new RegExp(
          `^Could not find job 'deploy' in the 2 pipelines for commit ${tagged} of group/sub/project or their child pipelines: the newest, pipeline 21 for v1.4.2 at 55555555 .*has jobs 'release'`
        )
      )
    })
  })

  it('says what is missing: a pipeline not there yet is a failure a wait may sit out, a job no created pipeline has is not', async () => {
    const gitlab = await start()
    const noPipeline = locateJob(gitlab, { by: 'sha', sha: '3'.repeat(40), job: 'build' })
    await expect(noPipeline).rejects.toBeInstanceOf(JobNotThereYet)
    await expect(noPipeline).rejects.toThrow(`GitLab lists no pipeline for that commit`)
    // GitLab creates a pipeline's jobs with it: a misspelt name fails at once, wait or not.
    const misnamed = await locateJob(gitlab, { by: 'pipeline', pipelineId: '11', job: 'deploy' }).catch((error: unknown) => error)
    expect(misnamed).toBeInstanceOf(ActionError)
    expect(misnamed).not.toBeInstanceOf(JobNotThereYet)
    expect((misnamed as Error).message).toMatch(
      /^Could not find job 'deploy' in pipeline 11 for main at 11111111 of group\/sub\/project or its child pipelines: its jobs are 'test', 'build'/
    )
  })

  it('waits for a child pipeline its trigger job has not created yet, rather than take an older run of the commit', async () => {
    const rerun = '6'.repeat(40)
    gitlab = await startGitLab({
      pipelines: [
        { id: 60, ref: 'main', sha: rerun, status: 'failed' },
        { id: 61, ref: 'main', sha: rerun, status: 'running' },
        { id: 62, ref: 'main', sha: rerun, parent: 61, hiddenFor: 1 },
        { id: 63, ref: 'main', sha: rerun, parent: 60 }
      ],
      jobs: [
        { id: 630, name: 'build', pipeline: 63, status: 'failed' },
        { id: 620, name: 'build', pipeline: 62, status: 'running' }
      ]
    })
    const pending = await locateJob(connection(gitlab), { by: 'sha', sha: rerun, job: 'build' }).catch((error: unknown) => error)
    expect(pending).toBeInstanceOf(JobNotThereYet)
    expect((pending as Error).message).toBe(
      `Could not find job 'build' in pipeline 61 for main at 66666666 of group/sub/project yet: a child pipeline of it is not created yet (its jobs so far are none).`
    )
    // Once the trigger job has created it, the new run's job is taken.
    const located = await locateJob(connection(gitlab), { by: 'sha', sha: rerun, job: 'build' })
    expect(located.job).toMatchObject({ id: 620, pipeline: { id: 62 } })
  })
})

describe('locateJob by ref', () => {
  const output = captureStdout()
  let gitlab: FakeGitLab | undefined
  afterEach(() => gitlab?.close())

  const start = async (options: Partial<Parameters<typeof startGitLab>[0]> = {}): Promise<GitLabConnection> => {
    gitlab = await startGitLab({
      pipelines: [
        { id: 20, ref: 'main', status: 'success' },
        { id: 21, ref: 'main', status: 'success' },
        { id: 22, ref: 'main', status: 'failed' }
      ],
      jobs: [
        { id: 200, name: 'build', pipeline: 20, entries: [{ name: 'a', data: 'a' }] },
        { id: 210, name: 'build', pipeline: 21, expired: true },
        { id: 211, name: 'test', pipeline: 21 },
        { id: 220, name: 'build', pipeline: 22, status: 'failed', entries: [{ name: 'c', data: 'c' }] }
      ],
      ...options
    })
    return connection(gitlab)
  }
  const byRef = (searchRecentSuccessfulPipelines: boolean, job = 'build') => ({ by: 'ref', ref: 'main', job, searchRecentSuccessfulPipelines }) as const

  it('looks through the recent successful pipelines for a job whose artifacts can still be downloaded', async () => {
    const located = await locateJob(await start(), byRef(true))
    expect(located).toMatchObject({ selector: { by: 'id', jobId: '200' }, job: { id: 200, pipeline: { id: 20 } } })
    expect(output()).toContain("Looking for job 'build' in the 100 most recent successful pipelines of main")
  })

  it("fails for good when the newest successful pipeline's job has no artifacts, and says how to look further back", async () => {
    const failure = await locateJob(await start(), byRef(false)).catch((error: unknown) => error)
    expect(failure).not.toBeInstanceOf(JobNotThereYet)
    expect(failure).toMatchObject({
      message: expect.stringContaining(
        "Could not find job 'build' with artifacts in the newest successful pipeline of main (pipeline 21) in group/sub/project: job 210 'build' (success) has no artifacts that can be downloaded"
      ),
      hint: expect.stringContaining("Set 'search-recent-successful-pipelines: true'")
    })
    expect(output()).toContain("Looking for job 'build' in the newest successful pipeline of main")
  })

  it('names the jobs there are when none has the name, as a failure waiting would not mend', async () => {
    const failure = await locateJob(await start(), byRef(true, 'deploy')).catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(ActionError)
    expect(failure).not.toBeInstanceOf(JobNotThereYet)
    expect((failure as Error).message).toBe(
      "Could not find job 'deploy' with artifacts in any of the 2 most recent successful pipelines of main in group/sub/project: its jobs are 'test', 'build'."
    )
  })

  it('says when the ref has no successful pipeline yet', async () => {
    const failure = locateJob(await start(), { ...byRef(false), ref: 'release/2.0' })
    await expect(failure).rejects.toBeInstanceOf(JobNotThereYet)
    await expect(failure).rejects.toThrow("GitLab lists no successful pipeline for 'release/2.0'.")
  })

  it('fails with GitLab’s refusal for an access token, and a pipeline that does not exist', async () => {
    const gitlab = await start()
    await expect(locateJob({ ...gitlab, auth: { header: 'PRIVATE-TOKEN', token: 'glpat-wrong' } }, byRef(false))).rejects.toMatchObject({
      message: expect.stringContaining('401')
    })
    await expect(locateJob(gitlab, { by: 'pipeline', pipelineId: '999', job: 'build' })).rejects.toThrow(/read pipeline 999 of group\/sub\/project/)
  })
})

describe('what a "no such job" failure lists', () => {
  captureStdout()
  let gitlab: FakeGitLab | undefined
  afterEach(() => gitlab?.close())

  it('lists at most 20 job names, and says there are more', async () => {
    const jobs = Array.from({ length: 25 }, (_, index) => ({ id: 300 + index, name: `job-${String(index).padStart(2, '0')}`, pipeline: 30 }))
    gitlab = await startGitLab({ pipelines: [{ id: 30, ref: 'main' }], jobs })
    const failure = await locateJob(connection(gitlab), { by: 'pipeline', pipelineId: '30', job: 'build' }).catch((error: unknown) => error)
    // GitLab lists the newest first; the oldest are those left out.
    expect((failure as Error).message).toMatch(/its jobs are 'job-24', (?:'job-\d\d', ){19}… \(http/)
    expect((failure as Error).message).not.toContain('job-04')
  })

  it("says 'none' for a pipeline without jobs", async () => {
    gitlab = await startGitLab({ pipelines: [{ id: 31, ref: 'main' }], jobs: [] })
    await expect(locateJob(connection(gitlab), { by: 'pipeline', pipelineId: '31', job: 'build' })).rejects.toThrow('its jobs are none')
  })
})
