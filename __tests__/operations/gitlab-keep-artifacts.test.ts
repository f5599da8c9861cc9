import { expect } from '@jest/globals'
import { keepArtifacts } from '../../src/operations/gitlab-keep-artifacts.js'
import { startGitLab, type FakeGitLab } from '../../simulator/gitlab.js'
import { connection, context, NO_WAIT } from './gitlab-fixtures.js'

let gitlab: FakeGitLab | undefined
afterEach(() => gitlab?.close())

describe('gitlab-keep-artifacts', () => {
  it('keeps the artifacts and links the job', async () => {
    gitlab = await startGitLab({ jobs: [{ id: 5, entries: [{ name: 'a', data: 'a' }] }] })
    const result = await keepArtifacts(
      { operation: 'gitlab-keep-artifacts', gitlab: connection(gitlab), job: { by: 'id', jobId: '5' }, wait: NO_WAIT },
      context
    )
    expect(gitlab.jobs.get(5)?.kept).toBe(true)
    expect(gitlab.requests.map(request => `${request.method} ${request.path}`)).toEqual(['POST /api/v4/projects/group%2Fsub%2Fproject/jobs/5/artifacts/keep'])
    expect(result.summary).toMatchObject({ status: 'Kept', links: [{ href: `${gitlab.url}/group/sub/project/-/jobs/5` }] })
    expect(result.summary.details).toContainEqual(['Artifacts expire', 'never'])
    expect(result.outputs).toEqual({
      'job-id': 5,
      'pipeline-id': gitlab.jobs.get(5)?.pipeline,
      'job-url': `${gitlab.url}/group/sub/project/-/jobs/5`,
      'job-status': 'success',
      'commit-sha': expect.stringMatching(/^[0-9a-f]{40}$/)
    })
  })

  it('is not sent again after a 500', async () => {
    gitlab = await startGitLab({ jobs: [{ id: 5, entries: [{ name: 'a', data: 'a' }] }] })
    gitlab.failNext({ status: 500 })
    await expect(
      keepArtifacts({ operation: 'gitlab-keep-artifacts', gitlab: connection(gitlab), job: { by: 'id', jobId: '5' }, wait: NO_WAIT }, context)
    ).rejects.toThrow('GitLab answered HTTP 500')
    expect(gitlab.requests).toHaveLength(1)
  })

  it('explains a 403', async () => {
    gitlab = await startGitLab({ role: 'reporter', jobs: [{ id: 5, entries: [{ name: 'a', data: 'a' }] }] })
    await expect(
      keepArtifacts({ operation: 'gitlab-keep-artifacts', gitlab: connection(gitlab), job: { by: 'id', jobId: '5' }, wait: NO_WAIT }, context)
    ).rejects.toMatchObject({
      message: 'Could not keep the artifacts of job 5 of group/sub/project: GitLab answered HTTP 403: 403 Forbidden',
      hint: expect.stringContaining('at least the Developer role')
    })
    expect(gitlab.requests).toHaveLength(1)
  })
})
