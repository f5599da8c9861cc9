import { assertDownloadable, describeGitLabJob, nextPage, type GitLabJob } from '../../src/gitlab/jobs.js'

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
})
