import { expect } from '@jest/globals'
import { deleteArtifacts } from '../../src/operations/gitlab-delete-artifacts.js'
import { startGitLab, type FakeGitLab } from '../../simulator/gitlab.js'
import { connection, context, NO_WAIT } from './gitlab-fixtures.js'

let gitlab: FakeGitLab | undefined
afterEach(() => gitlab?.close())

const settings = (gitlab: FakeGitLab, jobId = '5') => ({
  operation: 'gitlab-delete-artifacts' as const,
  gitlab: connection(gitlab, '42'),
  job: { by: 'id' as const, jobId },
  wait: NO_WAIT
})

describe('gitlab-delete-artifacts', () => {
  it('reads the job, then deletes with one DELETE', async () => {
    gitlab = await startGitLab({ jobs: [{ id: 5, entries: [{ name: 'a', data: 'a' }] }] })
    const result = await deleteArtifacts(settings(gitlab), context)
    expect(gitlab.jobs.get(5)?.deleted).toBe(true)
    expect(gitlab.requests.map(request => `${request.method} ${request.path}`)).toEqual([
      'GET /api/v4/projects/42/jobs/5',
      'DELETE /api/v4/projects/42/jobs/5/artifacts'
    ])
    expect(result.summary).toMatchObject({ status: 'Deleted', target: '42 job 5', passed: true, links: [{ href: `${gitlab.url}/group/sub/project/-/jobs/5` }] })
    expect(result.outputs).toEqual({
      'job-id': 5,
      'pipeline-id': gitlab.jobs.get(5)?.pipeline,
      'job-url': `${gitlab.url}/group/sub/project/-/jobs/5`,
      'job-status': 'success',
      'commit-sha': expect.stringMatching(/^[0-9a-f]{40}$/)
    })
  })

  it('never sends a DELETE twice, even after a 502', async () => {
    gitlab = await startGitLab({ jobs: [{ id: 5, entries: [{ name: 'a', data: 'a' }] }] })
    gitlab.failNext({ status: 502, body: '<html>502 Bad Gateway</html>' })
    await expect(deleteArtifacts(settings(gitlab), context)).rejects.toThrow(
      'Could not delete the artifacts of job 5 of 42: GitLab answered HTTP 502: <html>502 Bad Gateway</html>'
    )
    expect(gitlab.requests.filter(request => request.method === 'DELETE')).toHaveLength(1)
    expect(gitlab.jobs.get(5)?.deleted).toBeUndefined()
  })

  it('reports a job without artifacts', async () => {
    gitlab = await startGitLab({ jobs: [{ id: 5 }] })
    await expect(deleteArtifacts(settings(gitlab), context)).rejects.toMatchObject({
      message: 'Could not delete the artifacts of job 5 of 42: GitLab answered HTTP 404: 404 Not found',
      hint: expect.stringContaining('the job has no artifacts')
    })
  })

  it('explains that deleting needs a Maintainer', async () => {
    gitlab = await startGitLab({ role: 'developer', jobs: [{ id: 5, entries: [{ name: 'a', data: 'a' }] }] })
    await expect(deleteArtifacts(settings(gitlab), context)).rejects.toMatchObject({ hint: expect.stringContaining('at least the Maintainer role') })
  })
})
