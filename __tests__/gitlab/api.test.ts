import { archiveUrl, artifactFileUrl, credentials, deleteUrl, describeJob, keepUrl } from '../../src/gitlab/api.js'
import { jobTarget } from '../../src/gitlab/artifacts.js'
import type { GitLabConnection, JobSelector } from '../../src/settings/index.js'

const gitlab: GitLabConnection = {
  apiUrl: new URL('https://gitlab.example.com/gitlab/api/v4'),
  auth: { header: 'PRIVATE-TOKEN', token: 'glpat-x' },
  project: 'group/sub/project',
  timeoutMs: 60_000
}
const byId: JobSelector = { by: 'id', jobId: '123' }
const byRef: JobSelector = { by: 'ref', ref: 'release/1.2', job: 'build & test', searchRecentSuccessfulPipelines: false }

describe('GitLab artifact URLs', () => {
  it('encodes a project path as one segment and keeps a path prefix of gitlab-url', () => {
    expect(archiveUrl(gitlab, byId).href).toBe('https://gitlab.example.com/gitlab/api/v4/projects/group%2Fsub%2Fproject/jobs/123/artifacts')
    expect(archiveUrl({ ...gitlab, project: '42' }, byId).pathname).toBe('/gitlab/api/v4/projects/42/jobs/123/artifacts')
  })

  it('encodes a ref with slashes as one segment and the job name once, in the query', () => {
    const url = archiveUrl(gitlab, byRef)
    expect(url.pathname).toBe('/gitlab/api/v4/projects/group%2Fsub%2Fproject/jobs/artifacts/release%2F1.2/download')
    expect(url.search).toBe('?job=build+%26+test')
    expect(url.searchParams.get('job')).toBe('build & test')
  })

  it('passes search_recent_successful_pipelines only when set', () => {
    const url = archiveUrl(gitlab, { ...byRef, searchRecentSuccessfulPipelines: true })
    expect(url.searchParams.get('search_recent_successful_pipelines')).toBe('true')
    expect(archiveUrl(gitlab, byRef).searchParams.has('search_recent_successful_pipelines')).toBe(false)
  })

  it('keeps the slashes of artifact-path and encodes each segment', () => {
    const path = 'dist/my app/ü #1?.tar.gz'
    expect(artifactFileUrl(gitlab, byId, path).pathname).toBe(
      '/gitlab/api/v4/projects/group%2Fsub%2Fproject/jobs/123/artifacts/dist/my%20app/%C3%BC%20%231%3F.tar.gz'
    )
    const url = artifactFileUrl(gitlab, byRef, 'a/b.txt')
    expect(url.pathname).toBe('/gitlab/api/v4/projects/group%2Fsub%2Fproject/jobs/artifacts/release%2F1.2/raw/a/b.txt')
    expect(url.searchParams.get('job')).toBe('build & test')
  })

  it('builds keep and delete URLs', () => {
    expect(keepUrl(gitlab, '7').pathname).toBe('/gitlab/api/v4/projects/group%2Fsub%2Fproject/jobs/7/artifacts/keep')
    expect(deleteUrl(gitlab, '7').pathname).toBe('/gitlab/api/v4/projects/group%2Fsub%2Fproject/jobs/7/artifacts')
  })

  it('sends the token in its own header, as credentials', () => {
    expect(credentials(gitlab)).toEqual({ 'PRIVATE-TOKEN': 'glpat-x' })
    expect(credentials({ ...gitlab, auth: { header: 'JOB-TOKEN', token: 'jt' } })).toEqual({ 'JOB-TOKEN': 'jt' })
  })

  it('names the job for log lines', () => {
    expect(describeJob(gitlab, byId)).toBe('job 123 of group/sub/project')
    expect(describeJob(gitlab, byRef)).toBe("job 'build & test' of the latest successful pipeline of release/1.2 in group/sub/project")
  })
})

describe('how a job selector is named', () => {
  const sha = '0123456789abcdef0123456789abcdef01234567'
  it.each([
    [byId, 'job 123 of group/sub/project', 'group/sub/project job 123'],
    [byRef, "job 'build & test' of the latest successful pipeline of release/1.2 in group/sub/project", 'group/sub/project release/1.2 › build & test'],
    [
      { ...byRef, searchRecentSuccessfulPipelines: true },
      "job 'build & test' of a recent successful pipeline of release/1.2 in group/sub/project",
      'group/sub/project release/1.2 › build & test'
    ],
    [
      { by: 'sha', sha, job: 'build' },
      "job 'build' of the newest pipeline for commit 0123456789ab in group/sub/project",
      'group/sub/project 0123456789ab › build'
    ],
    [{ by: 'pipeline', pipelineId: '77', job: 'build' }, "job 'build' of pipeline 77 in group/sub/project", 'group/sub/project pipeline 77 › build']
  ] as Array<[JobSelector, string, string]>)('%j', (selector, described, target) => {
    expect(describeJob(gitlab, selector)).toBe(described)
    expect(jobTarget(gitlab, selector)).toBe(target)
  })
})
