import { gitlabHttpError, gitlabMessage, type Request } from '../../src/gitlab/errors.js'
import { Readable } from 'node:stream'
import type { HttpResponse } from '../../src/http/client.js'
import type { GitLabConnection } from '../../src/settings/index.js'

const gitlab: GitLabConnection = {
  apiUrl: new URL('https://gitlab.example.com/api/v4'),
  auth: { header: 'PRIVATE-TOKEN', token: 't' },
  project: 'g/p',
  timeoutMs: 60_000
}
const request: Request = { gitlab, access: 'read', job: { by: 'id', jobId: '5' } }

function answer(status: number, text: string, url = 'https://gitlab.example.com/api/v4/projects/g%2Fp/jobs/5/artifacts'): HttpResponse {
  return { status, headers: {}, url: new URL(url), body: Readable.from([Buffer.from(text)]) as unknown as HttpResponse['body'] }
}

describe('gitlabMessage', () => {
  it.each([
    ['{"message":"404 Not found"}', '404 Not found'],
    ['{"message":{"ref":["is invalid"],"job":["is missing"]}}', 'ref is invalid; job is missing'],
    ['{"error":"invalid_token","error_description":"Token was revoked"}', 'invalid_token: Token was revoked'],
    ['Retry later\n', 'Retry later'],
    ['{}', undefined],
    ['', undefined]
  ])('%s → %s', (text, message) => {
    expect(gitlabMessage(text)).toBe(message)
  })
})

describe('gitlabHttpError', () => {
  it('gives the status, GitLab message and a 404 hint listing the causes', async () => {
    const error = await gitlabHttpError('download the artifacts of job 5 of g/p', answer(404, '{"message":"404 Not found"}'), request)
    expect(error.message).toBe('Could not download the artifacts of job 5 of g/p: GitLab answered HTTP 404: 404 Not found')
    expect(error.hint).toMatch(/no such project or job.*no artifacts, they expired or were deleted, or it only has artifacts:reports/)
    expect(error.retryable).toBe(false)
  })

  it('suggests search-recent-successful-pipelines for a ref lookup, and names a missing file', async () => {
    const error = await gitlabHttpError('x', answer(404, '{"message":"404 Not found"}'), {
      ...request,
      job: { by: 'ref', ref: 'main', job: 'build', searchRecentSuccessfulPipelines: false },
      artifactPath: 'dist/app.tgz'
    })
    expect(error.hint).toContain("the latest successful pipeline of 'main' has no job 'build' (set 'search-recent-successful-pipelines: true'")
    expect(error.hint).toContain("the archive has no file 'dist/app.tgz'")
  })

  it('names the pipeline when a pipeline-id is not found', async () => {
    const error = await gitlabHttpError('read pipeline 9 of g/p', answer(404, '{"message":"404 Not found"}'), {
      ...request,
      job: { by: 'pipeline', pipelineId: '9', job: 'build' }
    })
    expect(error.hint).toMatch(/^GitLab answers 404 when there is no such project or pipeline 9, or the token cannot see it/)
  })

  it('points at token scope on 401 and at the role on 403', async () => {
    expect((await gitlabHttpError('x', answer(401, '{"message":"401 Unauthorized"}'), request)).hint).toContain('read_api (or api) scope')
    expect((await gitlabHttpError('x', answer(403, '{"message":"403 Forbidden"}'), { ...request, access: 'delete' })).hint).toContain('Maintainer role')
    const jobToken = { ...request, gitlab: { ...gitlab, auth: { header: 'JOB-TOKEN' as const, token: 'j' } } }
    expect((await gitlabHttpError('x', answer(401, ''), jobToken)).hint).toContain('valid only while its job runs')
  })

  it('reads an object-storage XML error and says it came from the storage host', async () => {
    const xml = '<?xml version="1.0"?><Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>'
    const error = await gitlabHttpError('x', answer(403, xml, 'https://storage.example.net/bucket/a.zip'), request)
    expect(error.message).toBe(
      'Could not x: the storage host https://storage.example.net GitLab redirected to answered HTTP 403: AccessDenied: Request has expired'
    )
    expect(error.hint).toContain('expired')
  })

  it('marks 429 and 5xx as retryable', async () => {
    expect((await gitlabHttpError('x', answer(429, 'Retry later'), request)).retryable).toBe(true)
    expect((await gitlabHttpError('x', answer(502, '<html>Bad gateway</html>'), request)).retryable).toBe(true)
  })
})
