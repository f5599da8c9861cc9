import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { startGitLab, type FakeGitLab, type FakeJob, type GitLabOptions } from '../../simulator/gitlab.js'
import { canTrackMemory, trackPeakRss } from '../../simulator/process-memory.js'
import { zipChunks, type ZipEntry } from '../../simulator/zip.js'
import { annotations, runAction, visibleLog, type ActionRun } from './action.js'

const token = 'glpat-e2e-secret-token'
const absoluteTarget = `/tmp/gitlab-e2e-absolute-${process.pid}.txt`

const goodEntries: ZipEntry[] = [
  { name: 'dist/' },
  { name: 'dist/bin/tool', data: '#!/bin/sh\necho ok\n', mode: 0o755 },
  { name: 'dist/deep/er/still/file.txt', data: 'deep' },
  { name: 'dist/empty.txt', data: '' },
  { name: 'docs/ünïcödé 文件.md', data: '# unicode' },
  { name: 'reports/junit.xml', data: '<testsuite/>'.repeat(100) }
]

function sha256Of(entries: ZipEntry[]): string {
  const hash = createHash('sha256')
  for (const chunk of zipChunks(entries)) hash.update(chunk)
  return hash.digest('hex')
}

const jobs = (): FakeJob[] => [
  { id: 101, name: 'build', ref: 'release/2.0', entries: goodEntries, etag: 'sha256' },
  { id: 102, name: 'package', ref: 'main', latest: false, entries: [{ name: 'pkg/app.tgz', data: 'tgz' }] },
  {
    id: 103,
    entries: [
      { name: 'ok.txt', data: 'ok' },
      { name: '../escaped.txt', data: 'evil' }
    ]
  },
  {
    id: 104,
    entries: [
      { name: 'ok.txt', data: 'ok' },
      { name: absoluteTarget, data: 'evil' }
    ]
  },
  {
    id: 105,
    entries: [
      { name: 'ok.txt', data: 'ok' },
      { name: 'passwd', type: 'symlink', data: '/etc/passwd' }
    ]
  },
  { id: 106, archive: Buffer.from('PK\u0003\u0004 this is not really a zip archive') },
  { id: 107, entries: [{ name: 'big.bin', size: 2 * 1024 * 1024 }] },
  { id: 108 }
]

let gitlab: FakeGitLab

beforeEach(async () => {
  gitlab = await startGitLab({ jobs: jobs(), token, jobToken: 'job-token-e2e', redirectToStorage: true })
})
afterEach(async () => {
  expect(gitlab.leaks).toEqual([])
  await gitlab.close()
})

function gitlabInputs(inputs: Record<string, string>): Record<string, string> {
  const keepOrDelete = /^gitlab-(keep|delete)-artifacts$/.test(inputs.operation)
  return { 'gitlab-url': gitlab.url, 'gitlab-token': token, project: 'group/sub/project', ...(keepOrDelete ? {} : { path: 'out' }), ...inputs }
}

function tree(root: string): string[] {
  return existsSync(root) ? (readdirSync(root, { recursive: true }) as string[]).map(name => name.split(path.sep).join('/')).sort() : []
}

function failure(run: ActionRun): string {
  const errors = annotations(run.stdout).filter(annotation => annotation.level === 'error')
  expect(errors).toHaveLength(1)
  return errors[0].message
}

describe('gitlab-download-artifacts', () => {
  it('downloads by job id through a redirect to object storage, with no credential there and no signature in the log', async () => {
    const run = await runAction(gitlabInputs({ operation: 'gitlab-download-artifacts', 'job-id': '101' }))
    expect(run.code).toBe(0)
    const out = path.join(run.workspace, 'out')
    expect(run.outputs).toEqual({
      'download-path': out,
      'size-bytes': String(Buffer.concat([...zipChunks(goodEntries)]).length),
      sha256: sha256Of(goodEntries),
      files: '5',
      'job-id': '101',
      'pipeline-id': String(gitlab.jobs.get(101)?.pipeline),
      'job-url': `${gitlab.url}/group/sub/project/-/jobs/101`
    })
    expect(tree(out)).toEqual([
      'dist',
      'dist/bin',
      'dist/bin/tool',
      'dist/deep',
      'dist/deep/er',
      'dist/deep/er/still',
      'dist/deep/er/still/file.txt',
      'dist/empty.txt',
      'docs',
      'docs/ünïcödé 文件.md',
      'reports',
      'reports/junit.xml'
    ])
    expect(statSync(path.join(out, 'dist/bin/tool')).mode & 0o100).toBe(0o100)
    expect(readFileSync(path.join(out, 'docs/ünïcödé 文件.md'), 'utf8')).toBe('# unicode')

    expect(gitlab.requests.map(request => request.path)).toEqual([
      '/api/v4/projects/group%2Fsub%2Fproject/jobs/101',
      '/api/v4/projects/group%2Fsub%2Fproject/jobs/101/artifacts'
    ])
    expect(gitlab.requests.map(request => request.headers['private-token'])).toEqual([token, token])
    expect(gitlab.storage.requests).toHaveLength(1)
    const log = visibleLog(run)
    expect(log).toContain(`Redirected to ${gitlab.storage.url}/artifacts-bucket/101/artifacts.zip (credentials are not sent there)`)
    expect(log).not.toContain(gitlab.signature)
    expect(log).not.toContain('X-Amz')
    expect(log).not.toContain(token)
    expect(log).toContain('::group::Download the artifacts of job 101 of group/sub/project')
    expect(log).toContain('::group::Extract the artifacts into')
    expect(run.summary).toContain(sha256Of(goodEntries))
    expect(run.summary).toContain('Extracted')
    expect(run.summary).toContain(`<a href="${gitlab.url}/group/sub/project/-/jobs/101">Job 101 in GitLab</a>`)
  })

  it('downloads by branch (with a slash) and job name, saving the zip with extract false', async () => {
    const run = await runAction(gitlabInputs({ operation: 'gitlab-download-artifacts', ref: 'release/2.0', job: 'build', extract: 'false' }))
    expect(run.code).toBe(0)
    const zip = path.join(run.workspace, 'out', 'artifacts.zip')
    expect(run.outputs).toMatchObject({ 'download-path': zip, files: '1', sha256: sha256Of(goodEntries) })
    expect(createHash('sha256').update(readFileSync(zip)).digest('hex')).toBe(sha256Of(goodEntries))
    const pipeline = gitlab.jobs.get(101)?.pipeline
    expect(gitlab.requests.map(request => `${request.path}?${request.query.toString()}`)).toEqual([
      '/api/v4/projects/group%2Fsub%2Fproject/pipelines?ref=release%2F2.0&status=success&order_by=id&sort=desc&per_page=1&page=1',
      `/api/v4/projects/group%2Fsub%2Fproject/pipelines/${pipeline}/jobs?per_page=100&page=1`,
      '/api/v4/projects/group%2Fsub%2Fproject/jobs/101/artifacts?'
    ])
    expect(run.outputs).toMatchObject({ 'job-id': '101', 'pipeline-id': String(pipeline), 'job-url': `${gitlab.url}/group/sub/project/-/jobs/101` })
    expect(visibleLog(run)).toContain(`Using GitLab job 101 'build' (success) of pipeline ${pipeline} for release/2.0 at `)
  })

  it('with a CI job token that may not list pipelines, lets GitLab pick the job and passes search-recent-successful-pipelines', async () => {
    const inputs = { operation: 'gitlab-download-artifacts', ref: 'main', job: 'package', 'gitlab-token': '', 'gitlab-job-token': 'job-token-e2e' }
    const run = await runAction(gitlabInputs({ ...inputs, 'search-recent-successful-pipelines': 'true' }))
    expect(run.code).toBe(0)
    expect(readFileSync(path.join(run.workspace, 'out', 'pkg', 'app.tgz'), 'utf8')).toBe('tgz')
    expect(gitlab.requests.map(request => request.path)).toEqual([
      '/api/v4/projects/group%2Fsub%2Fproject/pipelines',
      '/api/v4/projects/group%2Fsub%2Fproject/jobs/artifacts/main/download'
    ])
    const download = gitlab.requests[1]
    expect(download.query.get('search_recent_successful_pipelines')).toBe('true')
    expect(download.headers['job-token']).toBe('job-token-e2e')
    expect(download.headers['private-token']).toBeUndefined()
    expect(visibleLog(run)).toContain('GitLab does not let the CI job token list pipelines (HTTP 401')
    expect(run.outputs['job-id']).toBeUndefined()

    const latestOnly = await runAction(gitlabInputs(inputs))
    expect(latestOnly.code).toBe(1)
    expect(failure(latestOnly)).toContain("set 'search-recent-successful-pipelines: true' to look through recent ones")
  })

  it.each([
    ['103', "entry '../escaped.txt' climbs out of the folder with '..'"],
    ['104', `entry '${absoluteTarget}' has an absolute path`],
    ['105', "entry 'passwd' is a symbolic link"]
  ])('refuses job %s naming the entry, and writes nothing anywhere', async (jobId, message) => {
    const run = await runAction(gitlabInputs({ operation: 'gitlab-download-artifacts', 'job-id': jobId }))
    expect(run.code).toBe(1)
    expect(failure(run)).toContain(message)
    expect(tree(run.workspace)).toEqual(['out'])
    expect(existsSync(absoluteTarget)).toBe(false)
    expect(run.outputs).toEqual({})
  })

  it('says a corrupt archive is not a valid zip', async () => {
    const run = await runAction(gitlabInputs({ operation: 'gitlab-download-artifacts', 'job-id': '106' }))
    expect(run.code).toBe(1)
    expect(failure(run)).toMatch(/^The artifacts archive is not a valid zip file: /)
    expect(tree(run.workspace)).toEqual(['out'])
  })

  it('fails a body cut short on every attempt, leaving no file in path', async () => {
    gitlab.failNext({ truncateAfter: 100_000, at: 'storage' }, 5)
    const run = await runAction(gitlabInputs({ operation: 'gitlab-download-artifacts', 'job-id': '107', extract: 'false' }))
    expect(run.code).toBe(1)
    expect(failure(run)).toMatch(/^Could not download the artifacts of job 107 of group\/sub\/project: /)
    expect(visibleLog(run)).toContain('(attempt 5 of 5)')
    expect(tree(path.join(run.workspace, 'out'))).toEqual([])
  }, 90_000)

  it('explains a 401 and a 404 with hints', async () => {
    const unauthorized = await runAction(gitlabInputs({ operation: 'gitlab-download-artifacts', 'job-id': '101', 'gitlab-token': 'glpat-wrong' }))
    expect(unauthorized.code).toBe(1)
    expect(failure(unauthorized)).toBe(
      "Could not read job 101 of group/sub/project: GitLab answered HTTP 401: 401 Unauthorized\nGitLab did not accept 'gitlab-token': check that it has not expired or been revoked, and that it has the read_api (or api) scope."
    )
    const missing = await runAction(gitlabInputs({ operation: 'gitlab-download-artifacts', 'job-id': '999' }))
    expect(failure(missing)).toContain('GitLab answered HTTP 404: 404 Not found\nGitLab answers 404 when there is no such project or job')
    const without = await runAction(gitlabInputs({ operation: 'gitlab-download-artifacts', 'job-id': '108' }))
    expect(failure(without)).toMatch(
      /^Could not download the artifacts of job 108 'build' \(success\) of pipeline \d+ at \w{8}: .*: it has no artifacts archive: none were uploaded/
    )
    expect(gitlab.requests.filter(request => request.path.endsWith('/artifacts'))).toEqual([])
  })
})

describe('gitlab-download-artifact-file', () => {
  it('downloads one file by its nested path and saves it under its own name', async () => {
    const run = await runAction(
      gitlabInputs({ operation: 'gitlab-download-artifact-file', ref: 'release/2.0', job: 'build', 'artifact-path': 'dist/deep/er/still/file.txt' })
    )
    expect(run.code).toBe(0)
    const file = path.join(run.workspace, 'out', 'file.txt')
    expect(readFileSync(file, 'utf8')).toBe('deep')
    expect(run.outputs).toEqual({
      'download-path': file,
      'size-bytes': '4',
      sha256: createHash('sha256').update('deep').digest('hex'),
      files: '1',
      'job-id': '101',
      'pipeline-id': String(gitlab.jobs.get(101)?.pipeline),
      'job-url': `${gitlab.url}/group/sub/project/-/jobs/101`
    })
    expect(gitlab.requests.at(-1)?.path).toBe('/api/v4/projects/group%2Fsub%2Fproject/jobs/101/artifacts/dist/deep/er/still/file.txt')
  })
})

describe('gitlab-keep-artifacts and gitlab-delete-artifacts', () => {
  it('keeps, then deletes, with one request each', async () => {
    const kept = await runAction(gitlabInputs({ operation: 'gitlab-keep-artifacts', 'job-id': '101' }))
    expect(kept.code).toBe(0)
    expect(kept.summary).toContain('Kept')
    const deleted = await runAction(gitlabInputs({ operation: 'gitlab-delete-artifacts', 'job-id': '101' }))
    expect(deleted.code).toBe(0)
    expect(deleted.summary).toContain('Deleted')
    expect(gitlab.requests.map(request => `${request.method} ${request.path}`)).toEqual([
      'POST /api/v4/projects/group%2Fsub%2Fproject/jobs/101/artifacts/keep',
      'GET /api/v4/projects/group%2Fsub%2Fproject/jobs/101',
      'DELETE /api/v4/projects/group%2Fsub%2Fproject/jobs/101/artifacts'
    ])
    expect(gitlab.jobs.get(101)).toMatchObject({ kept: true, deleted: true })
    const job = { 'job-id': '101', 'pipeline-id': String(gitlab.jobs.get(101)?.pipeline), 'job-url': `${gitlab.url}/group/sub/project/-/jobs/101` }
    expect(kept.outputs).toEqual(job)
    expect(deleted.outputs).toEqual(job)
    for (const run of [kept, deleted]) expect(run.summary).toContain(`<a href="${job['job-url']}">Job 101 in GitLab</a>`)
  })
})

/** Replaces the default fake GitLab by one set up as a test needs (afterEach closes it). */
async function restart(options: GitLabOptions): Promise<void> {
  await gitlab.close()
  gitlab = await startGitLab({ token, jobToken: 'job-token-e2e', ...options })
}

/** The ETag the fake GitLab sends for a URL, read directly: what the action had to judge. */
async function etagOf(url: string): Promise<string | null> {
  const response = await fetch(url, { headers: { 'private-token': token } })
  await response.arrayBuffer()
  return response.headers.get('etag')
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex')

describe('ETags as each GitLab version sends them', () => {
  const entries: ZipEntry[] = [{ name: 'dist/app.txt', data: 'app v2' }]
  const fileUrl = (): string => `${gitlab.url}/api/v4/projects/42/jobs/301/artifacts/dist/app.txt`

  it('downloads a single file with the ETag of current GitLab, sha256("<archive sha256>:<path>"), which is not the file\'s hash', async () => {
    await restart({ etags: 'current', jobs: [{ id: 301, name: 'build', ref: 'main', entries }] })
    const etag = await etagOf(fileUrl())
    expect(etag).toBe(`"${sha256(`${sha256Of(entries)}:dist/app.txt`)}"`)
    expect(etag).not.toContain(sha256('app v2'))
    for (const inputs of [{ 'job-id': '301' }, { ref: 'main', job: 'build' }] as Array<Record<string, string>>) {
      const run = await runAction(gitlabInputs({ operation: 'gitlab-download-artifact-file', 'artifact-path': 'dist/app.txt', ...inputs }))
      expect(run.code).toBe(0)
      expect(run.outputs.sha256).toBe(sha256('app v2'))
    }
  })

  it('downloads a single file and an archive with the weak ETag of older GitLab', async () => {
    await restart({ etags: 'weak', jobs: [{ id: 301, name: 'build', ref: 'main', entries }] })
    expect(await etagOf(fileUrl())).toMatch(/^W\/"[0-9a-f]{32}"$/)
    const file = await runAction(gitlabInputs({ operation: 'gitlab-download-artifact-file', 'job-id': '301', 'artifact-path': 'dist/app.txt' }))
    expect(file.code).toBe(0)
    const archive = await runAction(gitlabInputs({ operation: 'gitlab-download-artifacts', 'job-id': '301' }))
    expect(archive.code).toBe(0)
  })

  it("checks an archive against current GitLab's ETag, and fails one whose bytes do not match it", async () => {
    await restart({
      etags: 'current',
      jobs: [
        { id: 301, entries },
        { id: 302, entries, etag: `"${'0'.repeat(64)}"` }
      ]
    })
    expect(await etagOf(`${gitlab.url}/api/v4/projects/42/jobs/301/artifacts`)).toBe(`"${sha256Of(entries)}"`)
    const good = await runAction(gitlabInputs({ operation: 'gitlab-download-artifacts', 'job-id': '301' }))
    expect(good.code).toBe(0)
    const damaged = await runAction(gitlabInputs({ operation: 'gitlab-download-artifacts', 'job-id': '302' }))
    expect(damaged.code).toBe(1)
    expect(failure(damaged)).toBe(
      `Could not download the artifacts of job 302 of group/sub/project: the data received has SHA-256 ${sha256Of(entries)}, but the server's ETag says ${'0'.repeat(64)}\nThe bytes were damaged on the way or the server sent something else; nothing was saved. Run the step again.`
    )
    expect(tree(path.join(damaged.workspace, 'out'))).toEqual([])
  })

  it("ignores the storage host's own ETag after a redirect", async () => {
    await restart({ etags: 'current', redirectToStorage: true, jobs: [{ id: 301, entries }] })
    const run = await runAction(gitlabInputs({ operation: 'gitlab-download-artifacts', 'job-id': '301' }))
    expect(run.code).toBe(0)
    expect(gitlab.storage.requests).toHaveLength(1)
  })
})

describe('an old GitLab that ignores search_recent_successful_pipelines (before 18.7, or 18.9 for one file)', () => {
  const jobs = (): FakeJob[] => [{ id: 401, name: 'package', ref: 'main', latest: false, entries: [{ name: 'pkg/app.tgz', data: 'tgz' }] }]

  it.each([
    ['gitlab-download-artifacts', {}],
    ['gitlab-download-artifact-file', { 'artifact-path': 'pkg/app.tgz' }]
  ])('%s finds the job in a recent pipeline itself and downloads it by id', async (operation, extra) => {
    await restart({ ignoresSearchRecent: true, etags: 'weak', jobs: jobs() })
    const ignored = await fetch(`${gitlab.url}/api/v4/projects/42/jobs/artifacts/main/download?job=package&search_recent_successful_pipelines=true`, {
      headers: { 'private-token': token }
    })
    expect(ignored.status).toBe(404)
    await ignored.arrayBuffer()
    gitlab.requests.length = 0

    const run = await runAction(gitlabInputs({ operation, ref: 'main', job: 'package', 'search-recent-successful-pipelines': 'true', ...extra }))
    expect(run.code).toBe(0)
    const pipeline = gitlab.jobs.get(401)?.pipeline
    expect(run.outputs).toMatchObject({ 'job-id': '401', 'pipeline-id': String(pipeline), 'job-url': `${gitlab.url}/group/sub/project/-/jobs/401` })
    const log = visibleLog(run)
    expect(log).toContain("Looking for job 'package' in the 100 most recent successful pipelines of main")
    expect(log).toContain(`Using GitLab job 401 'package' (success) of pipeline ${pipeline} for main at `)
    expect(gitlab.requests[0].query.get('per_page')).toBe('100')
    expect(gitlab.requests.filter(request => request.path.includes('/jobs/artifacts/'))).toEqual([])
    expect(gitlab.requests.at(-1)?.path).toMatch(/\/jobs\/401\/artifacts/)
  })

  it('with a CI job token that cannot list pipelines, the hint says which GitLab honours the parameter', async () => {
    await restart({ ignoresSearchRecent: true, jobs: jobs() })
    const run = await runAction(
      gitlabInputs({
        operation: 'gitlab-download-artifacts',
        ref: 'main',
        job: 'package',
        'search-recent-successful-pipelines': 'true',
        'gitlab-token': '',
        'gitlab-job-token': 'job-token-e2e'
      })
    )
    expect(run.code).toBe(1)
    expect(failure(run)).toContain(
      "GitLab before 18.7, or 18.9 for one file, ignores 'search-recent-successful-pipelines' and looks only at the latest; a 'gitlab-token' lets the action search itself"
    )
  })
})

describe('finding the job of a ref', () => {
  it('looks into child pipelines, parent first, as GitLab does', async () => {
    await restart({
      pipelines: [
        { id: 10, ref: 'main' },
        { id: 11, ref: 'main', parent: 10 }
      ],
      jobs: [
        { id: 501, name: 'compile', pipeline: 10, entries: [{ name: 'a', data: 'a' }] },
        { id: 502, name: 'package', pipeline: 11, entries: [{ name: 'pkg/app.tgz', data: 'tgz' }] }
      ]
    })
    const run = await runAction(gitlabInputs({ operation: 'gitlab-download-artifacts', ref: 'main', job: 'package' }))
    expect(run.code).toBe(0)
    expect(run.outputs).toMatchObject({ 'job-id': '502', 'pipeline-id': '11' })
    expect(gitlab.requests.map(request => request.path.replace('/api/v4/projects/group%2Fsub%2Fproject', ''))).toEqual([
      '/pipelines',
      '/pipelines/10/jobs',
      '/pipelines/10/bridges',
      '/pipelines/11/jobs',
      '/jobs/502/artifacts'
    ])
  })

  it('reads every page of a pipeline with many jobs', async () => {
    const tests: FakeJob[] = Array.from({ length: 150 }, (_, i) => ({ id: 1000 + i, name: `test ${i}`, pipeline: 20 }))
    await restart({ pipelines: [{ id: 20, ref: 'main' }], jobs: [{ id: 900, name: 'deploy', pipeline: 20, entries: [{ name: 'x', data: 'x' }] }, ...tests] })
    const run = await runAction(gitlabInputs({ operation: 'gitlab-download-artifacts', ref: 'main', job: 'deploy' }))
    expect(run.code).toBe(0)
    expect(run.outputs['job-id']).toBe('900')
    expect(gitlab.requests.filter(request => request.path.endsWith('/pipelines/20/jobs')).map(request => request.query.get('page'))).toEqual(['1', '2'])
  })

  it('names the jobs the newest pipeline has when the job is not among them', async () => {
    await restart({
      jobs: [
        { id: 601, name: 'build', ref: 'main', entries: [{ name: 'a', data: 'a' }] },
        { id: 602, name: 'test', ref: 'main' }
      ]
    })
    const run = await runAction(gitlabInputs({ operation: 'gitlab-download-artifacts', ref: 'main', job: 'packge' }))
    expect(run.code).toBe(1)
    const pipeline = gitlab.jobs.get(601)?.pipeline
    expect(failure(run)).toBe(
      `Could not find job 'packge' with artifacts in the newest successful pipeline of main (pipeline ${pipeline}) in group/sub/project: its jobs are 'test', 'build'.\nSet 'search-recent-successful-pipelines: true' to look through the 100 most recent successful pipelines, or give 'job-id'.`
    )
    const withoutArtifacts = await runAction(gitlabInputs({ operation: 'gitlab-download-artifacts', ref: 'main', job: 'test' }))
    expect(failure(withoutArtifacts)).toContain("job 602 'test' (success) has no artifacts that can be downloaded")
  })

  it('says when the ref has no successful pipeline', async () => {
    const run = await runAction(gitlabInputs({ operation: 'gitlab-download-artifacts', ref: 'no-such-branch', job: 'build' }))
    expect(run.code).toBe(1)
    expect(failure(run)).toBe(
      "Could not find job 'build' of no-such-branch in group/sub/project: GitLab lists no successful pipeline for 'no-such-branch'.\nCheck the branch or tag name ('ref'; merge-request pipelines run on refs/merge-requests/<iid>/head) and that a pipeline for it has succeeded."
    )
  })

  it('finds the job itself with a CI job token where GitLab lets job tokens read pipelines', async () => {
    await restart({ jobTokenReadsPipelines: true, jobs: jobs() })
    const run = await runAction(
      gitlabInputs({ operation: 'gitlab-download-artifacts', ref: 'release/2.0', job: 'build', 'gitlab-token': '', 'gitlab-job-token': 'job-token-e2e' })
    )
    expect(run.code).toBe(0)
    expect(run.outputs['job-id']).toBe('101')
    expect(gitlab.requests.every(request => request.headers['job-token'] === 'job-token-e2e')).toBe(true)
  })
})

describe('bad GitLab input', () => {
  it.each([
    [{ operation: 'gitlab-download-artifacts', 'job-id': '1', ref: 'main' }, "Input 'job-id' and 'ref' are both set"],
    [{ operation: 'gitlab-download-artifacts', ref: 'main' }, "Input 'job' is required"],
    [{ operation: 'gitlab-download-artifacts', 'job-id': 'abc' }, "Input 'job-id' must be a numeric GitLab job id; got 'abc'."],
    [{ operation: 'gitlab-download-artifacts', 'job-id': '1', 'gitlab-token': '' }, "Input 'gitlab-token' or 'gitlab-job-token' is required"],
    [{ operation: 'gitlab-download-artifact-file', 'job-id': '1' }, "Input 'artifact-path' is required"],
    [{ operation: 'gitlab-download-artifact-file', 'job-id': '1', 'artifact-path': '../x' }, "Input 'artifact-path' must be a file path inside the archive"],
    [
      { operation: 'gitlab-delete-artifacts', ref: 'main' },
      "Input 'ref' is read only by gitlab-download-artifacts and gitlab-download-artifact-file; for gitlab-delete-artifacts use 'job-id'."
    ]
  ])('%j fails before any request', async (inputs, message) => {
    const run = await runAction(gitlabInputs(inputs))
    expect(run.code).toBe(1)
    expect(failure(run)).toContain(message)
    expect(gitlab.requests).toEqual([])
  })
})

/** Peak resident memory of the action's process while it runs. */
async function peakRss(inputs: Record<string, string>): Promise<{ run: ActionRun; peakKiB: number }> {
  let stop = (): number => 0
  const run = await runAction(inputs, { started: child => (stop = trackPeakRss(child.pid)) })
  return { run, peakKiB: stop() }
}

describe('memory', () => {
  ;(canTrackMemory ? it : it.skip)(
    'stays flat while downloading and extracting an archive of a few hundred MB',
    async () => {
      const big: ZipEntry[] = [
        { name: 'a.bin', size: 120 * 1024 * 1024, seed: 1 },
        { name: 'b.bin', size: 120 * 1024 * 1024, seed: 2 },
        { name: 'nested/c.bin', size: 60 * 1024 * 1024, seed: 3 },
        ...Array.from({ length: 200 }, (_, i) => ({ name: `small/${i}.txt`, data: `file ${i}\n`.repeat(50) }))
      ]
      gitlab.jobs.set(200, { id: 200, entries: big })
      gitlab.jobs.set(201, { id: 201, entries: [{ name: 'tiny.txt', data: 'tiny' }] })
      const baseline = await peakRss(gitlabInputs({ operation: 'gitlab-download-artifacts', 'job-id': '201' }))
      expect(baseline.run.code).toBe(0)
      const large = await peakRss(gitlabInputs({ operation: 'gitlab-download-artifacts', 'job-id': '200' }))
      expect(large.run.code).toBe(0)
      expect(Number(large.run.outputs['size-bytes'])).toBeGreaterThan(300 * 1024 * 1024)
      expect(large.run.outputs.files).toBe('203')
      expect(statSync(path.join(large.run.workspace, 'out', 'a.bin')).size).toBe(120 * 1024 * 1024)
      const growthMiB = (large.peakKiB - baseline.peakKiB) / 1024
      expect(baseline.peakKiB).toBeGreaterThan(0)
      expect(growthMiB).toBeLessThan(64)
    },
    120_000
  )
})
