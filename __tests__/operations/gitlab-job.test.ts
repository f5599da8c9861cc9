// The job a GitLab operation acted on, in its outputs and summary, as far as GitLab described it.
import { foundJobId, jobOutputs, notActedOn, withJob } from '../../src/operations/gitlab-job.js'
import type { OperationResult } from '../../src/operations/types.js'

const sha = 'a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2'
const downloaded: OperationResult = {
  outputs: { 'download-path': '/work/out' },
  summary: { operation: 'gitlab-download-artifacts', target: 'group/project', status: 'Downloaded', passed: true, durationMs: 5, details: [['Files', '3']] }
}

describe('jobOutputs', () => {
  it('names the job, its pipeline, page, status and commit', () => {
    const job = { id: 7, status: 'success', web_url: 'https://gitlab.example.com/g/p/-/jobs/7', pipeline: { id: 3, sha }, commit: { id: sha } }
    expect(jobOutputs({ selector: { by: 'id', jobId: '7' }, job })).toEqual({
      'job-id': 7,
      'pipeline-id': 3,
      'job-url': 'https://gitlab.example.com/g/p/-/jobs/7',
      'job-status': 'success',
      'commit-sha': sha
    })
  })

  it('takes the commit from the pipeline when the job does not name it, and only the id given when GitLab described nothing', () => {
    expect(jobOutputs({ selector: { by: 'id', jobId: '7' }, job: { id: 7, pipeline: { id: 3, sha } } })['commit-sha']).toBe(sha)
    expect(jobOutputs({ selector: { by: 'id', jobId: '7' } })).toEqual({
      'job-id': '7',
      'pipeline-id': undefined,
      'job-url': undefined,
      'job-status': undefined,
      'commit-sha': undefined
    })
    // A job token GitLab let pick the job of a ref: nothing is known of it.
    expect(jobOutputs({ selector: { by: 'ref', ref: 'main', job: 'build', searchRecentSuccessfulPipelines: false } })['job-id']).toBeUndefined()
  })
})

describe('withJob', () => {
  it('puts the job first among the links and details, after its outputs', () => {
    const located = {
      selector: { by: 'id', jobId: '7' } as const,
      job: {
        id: 7,
        name: 'build',
        status: 'failed',
        failure_reason: 'script_failure',
        web_url: 'https://gitlab.example.com/g/p/-/jobs/7',
        pipeline: { id: 3, ref: 'main', sha }
      }
    }
    const result = withJob(downloaded, located)
    expect(result.outputs).toMatchObject({ 'download-path': '/work/out', 'job-id': 7, 'pipeline-id': 3, 'commit-sha': sha })
    expect(result.summary.links).toEqual([{ text: 'Job 7 in GitLab', href: 'https://gitlab.example.com/g/p/-/jobs/7' }])
    expect(result.summary.details).toEqual([
      ['Job', '7 (build)'],
      ['Job status', 'failed (script_failure)'],
      ['Pipeline', '3 for main at a1b2c3d4'],
      ['Commit', sha],
      ['Files', '3']
    ])
  })

  it('adds only what is known, and leaves a result without a job as it is', () => {
    expect(withJob(downloaded, undefined)).toBe(downloaded)
    const bare = withJob(downloaded, { selector: { by: 'id', jobId: '7' }, job: { id: 7, pipeline: { id: 3 } } })
    expect(bare.summary.details).toEqual([
      ['Job', '7'],
      ['Pipeline', '3'],
      ['Files', '3']
    ])
    expect(bare.summary.links).toEqual([])
  })
})

describe('notActedOn', () => {
  const failure = { title: 'Timed out', message: 'Timed out waiting', hint: "Raise 'timeout'." }

  it("fails with the job's status when it was found", () => {
    const result = notActedOn('gitlab-keep-artifacts', 'group/project', Date.now(), {
      located: { selector: { by: 'id', jobId: '7' }, job: { id: 7, status: 'running' } },
      failure
    })
    expect(result.summary).toMatchObject({ status: 'Job running', passed: false })
    expect(result.outputs).toMatchObject({ 'job-id': 7, 'job-status': 'running' })
    expect(result.failure).toBe(failure)
  })

  it('says the job was not found when the wait ended before it appeared', () => {
    const result = notActedOn('gitlab-keep-artifacts', 'group/project', Date.now(), { failure })
    expect(result.summary.status).toBe('Job not found')
    expect(result.outputs).toEqual({})
  })
})

describe('foundJobId', () => {
  it('is the id of a job found by id, and refuses anything else (keep and delete need a job id)', () => {
    expect(foundJobId({ selector: { by: 'id', jobId: '7' } })).toBe('7')
    expect(() => foundJobId({ selector: { by: 'ref', ref: 'main', job: 'build', searchRecentSuccessfulPipelines: false } })).toThrow(
      'Keep and delete act on a job found by id, not by ref'
    )
  })
})
