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

/** The full SHA of the commit a job's pipeline ran for, as the fake GitLab makes it up. */
function commitOf(jobId: number): string {
  const pipeline = gitlab.jobs.get(jobId)?.pipeline
  return gitlab.pipelines.get(pipeline ?? 0)?.sha ?? createHash('sha1').update(String(pipeline)).digest('hex')
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
      'job-url': `${gitlab.url}/group/sub/project/-/jobs/101`,
      'job-status': 'success',
      'commit-sha': commitOf(101)
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
      'job-url': `${gitlab.url}/group/sub/project/-/jobs/101`,
      'job-status': 'success',
      'commit-sha': commitOf(101)
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
    const job = {
      'job-id': '101',
      'pipeline-id': String(gitlab.jobs.get(101)?.pipeline),
      'job-url': `${gitlab.url}/group/sub/project/-/jobs/101`,
      'job-status': 'success',
      'commit-sha': commitOf(101)
    }
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
      "Could not find job 'build' of no-such-branch in group/sub/project: GitLab lists no successful pipeline for 'no-such-branch'.\nCheck the branch or tag name ('ref'; merge-request pipelines run on refs/merge-requests/<iid>/head) and that a pipeline for it has succeeded, or set 'wait: true' to wait for one."
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

const SHA_RELEASED = 'a'.repeat(39) + '1'
const SHA_NEWER = 'b'.repeat(39) + '2'
const project = '/api/v4/projects/group%2Fsub%2Fproject'

/** Requests as "path?query", the project's prefix cut off. */
function requestLog(): string[] {
  return gitlab.requests.map(request => `${request.method} ${request.path.replace(project, '')}${request.query.size ? `?${request.query.toString()}` : ''}`)
}

describe('picking the job by commit or pipeline', () => {
  /** main has moved on: a newer pipeline (another commit) has its own build; the released commit ran twice. */
  const branchMovedOn = (): GitLabOptions => ({
    pipelines: [
      { id: 29, ref: 'main', sha: SHA_RELEASED, status: 'failed' },
      { id: 30, ref: 'main', sha: SHA_RELEASED },
      { id: 31, ref: 'main', sha: SHA_NEWER }
    ],
    jobs: [
      { id: 700, name: 'build', pipeline: 29, status: 'failed' },
      { id: 701, name: 'build', pipeline: 30, entries: [{ name: 'version.txt', data: 'released' }] },
      { id: 702, name: 'build', pipeline: 31, entries: [{ name: 'version.txt', data: 'newer' }] }
    ]
  })

  it('downloads the job of the newest pipeline for the commit, not of the newer pipeline on the same branch', async () => {
    await restart(branchMovedOn())
    const run = await runAction(gitlabInputs({ operation: 'gitlab-download-artifacts', sha: SHA_RELEASED.toUpperCase(), job: 'build' }))
    expect(run.code).toBe(0)
    expect(readFileSync(path.join(run.workspace, 'out', 'version.txt'), 'utf8')).toBe('released')
    expect(run.outputs).toMatchObject({ 'job-id': '701', 'pipeline-id': '30', 'job-status': 'success', 'commit-sha': SHA_RELEASED })
    expect(requestLog()).toEqual([
      `GET /pipelines?sha=${SHA_RELEASED}&order_by=id&sort=desc&per_page=10&page=1`,
      'GET /pipelines/30/jobs?per_page=100&page=1',
      'GET /jobs/701/artifacts'
    ])
    const log = visibleLog(run)
    expect(log).toContain(`Looking for job 'build' in the pipelines for commit ${SHA_RELEASED}, newest first, and their child pipelines`)
    expect(log).toContain(`Using GitLab job 701 'build' (success) of pipeline 30 for main at ${SHA_RELEASED.slice(0, 8)}`)
    expect(run.summary).toContain(SHA_RELEASED)
  })

  it('keeps and deletes by commit and job name, and by pipeline id in a child pipeline', async () => {
    await restart({
      ...branchMovedOn(),
      pipelines: [...(branchMovedOn().pipelines ?? []), { id: 32, ref: 'main', sha: SHA_RELEASED, parent: 30 }],
      jobs: [...branchMovedOn().jobs, { id: 703, name: 'package', pipeline: 32, entries: [{ name: 'app.tgz', data: 'tgz' }] }]
    })
    const kept = await runAction(gitlabInputs({ operation: 'gitlab-keep-artifacts', sha: SHA_RELEASED, job: 'build' }))
    expect(kept.code).toBe(0)
    expect(kept.outputs).toMatchObject({ 'job-id': '701', 'job-status': 'success', 'commit-sha': SHA_RELEASED })
    expect(gitlab.jobs.get(701)?.kept).toBe(true)
    expect(gitlab.jobs.get(702)?.kept).toBeUndefined()
    gitlab.requests.length = 0
    const deleted = await runAction(gitlabInputs({ operation: 'gitlab-delete-artifacts', 'pipeline-id': '30', job: 'package' }))
    expect(deleted.code).toBe(0)
    expect(deleted.outputs).toMatchObject({ 'job-id': '703', 'pipeline-id': '32' })
    expect(gitlab.jobs.get(703)?.deleted).toBe(true)
    expect(requestLog()).toEqual([
      'GET /pipelines/30',
      'GET /pipelines/30/jobs?per_page=100&page=1',
      'GET /pipelines/30/bridges?per_page=100&page=1',
      'GET /pipelines/32/jobs?per_page=100&page=1',
      'DELETE /jobs/703/artifacts'
    ])
  })

  it('says when GitLab has no pipeline for the commit, and names the jobs when none has the name', async () => {
    await restart(branchMovedOn())
    const missing = 'c'.repeat(40)
    const none = await runAction(gitlabInputs({ operation: 'gitlab-download-artifacts', sha: missing, job: 'build' }))
    expect(none.code).toBe(1)
    expect(failure(none)).toBe(
      `Could not find job 'build' for commit ${missing} in group/sub/project: GitLab lists no pipeline for that commit.\n` +
        "A mirror may not have synced the commit yet, or no pipeline ran for it (workflow:rules, [skip ci]); merged-results pipelines run on a merge commit GitLab makes, not on the branch's commit. Set 'wait: true' to wait for the pipeline, or give 'pipeline-id'."
    )
    const unknownPipeline = await runAction(gitlabInputs({ operation: 'gitlab-download-artifacts', 'pipeline-id': '999', job: 'build', wait: 'true' }))
    expect(failure(unknownPipeline)).toContain(
      'Could not read pipeline 999 of group/sub/project: GitLab answered HTTP 404: 404 Not found\nGitLab answers 404 when there is no such project or pipeline 999'
    )
    const misnamed = await runAction(gitlabInputs({ operation: 'gitlab-download-artifacts', sha: SHA_RELEASED, job: 'biuld' }))
    expect(failure(misnamed)).toMatch(
      /^Could not find job 'biuld' in the 2 pipelines for commit a{39}1 of group\/sub\/project or their child pipelines: the newest, pipeline 30 for main at aaaaaaaa \(\S+\), has jobs 'build'/
    )
  })

  it('refuses a job that has not succeeded, with its status and link, and one that has not finished with a hint to wait', async () => {
    await restart({
      pipelines: [{ id: 30, ref: 'main', sha: SHA_RELEASED, status: 'running' }],
      jobs: [
        { id: 701, name: 'build', pipeline: 30, status: 'failed', failureReason: 'script_failure' },
        { id: 704, name: 'deploy', pipeline: 30, status: 'running' },
        { id: 705, name: 'release', pipeline: 30, status: 'manual' }
      ]
    })
    const failed = await runAction(gitlabInputs({ operation: 'gitlab-download-artifacts', sha: SHA_RELEASED, job: 'build' }))
    expect(failed.code).toBe(1)
    expect(failure(failed)).toContain(
      `The GitLab job did not succeed (status failed: script_failure): job 701 'build' (failed) of pipeline 30 for main at aaaaaaaa: ${gitlab.url}/group/sub/project/-/jobs/701`
    )
    expect(failed.outputs).toMatchObject({ 'job-id': '701', 'job-status': 'failed' })
    const running = await runAction(gitlabInputs({ operation: 'gitlab-keep-artifacts', sha: SHA_RELEASED, job: 'deploy' }))
    expect(failure(running)).toMatch(
      /^The GitLab job has not finished \(status running\), so its artifacts are not there yet: job 704 'deploy' .*\nSet 'wait: true' to wait for the job to finish/
    )
    const manual = await runAction(gitlabInputs({ operation: 'gitlab-download-artifacts', sha: SHA_RELEASED, job: 'release', wait: 'true' }))
    expect(failure(manual)).toContain(
      "is a manual job that has not been started, and will not run until a person starts it in GitLab: job 705 'release' (manual)"
    )
    expect(gitlab.requests.filter(request => request.path.includes('/artifacts'))).toEqual([])
  })

  it('with a CI job token that may not list pipelines, fails naming gitlab-token', async () => {
    await restart(branchMovedOn())
    const run = await runAction(
      gitlabInputs({ operation: 'gitlab-download-artifacts', sha: SHA_RELEASED, job: 'build', 'gitlab-token': '', 'gitlab-job-token': 'job-token-e2e' })
    )
    expect(run.code).toBe(1)
    expect(failure(run)).toContain("Give 'gitlab-token' (an access token with the read_api scope, api to keep or delete) instead of 'gitlab-job-token'")
  })
})

describe('wait: true on a GitLab job', () => {
  const waitFor = (jobs: FakeJob[], extra: Partial<GitLabOptions> = {}): Promise<void> =>
    restart({ pipelines: [{ id: 40, ref: 'main', sha: SHA_RELEASED, status: 'running', hiddenFor: 2 }], jobs, ...extra })

  it('waits out a pipeline that is not there yet and a job that runs, then downloads', async () => {
    await waitFor([
      { id: 801, name: 'build', pipeline: 40, statuses: ['pending', 'running', 'running', 'success'], entries: [{ name: 'app.txt', data: 'v2' }] }
    ])
    const run = await runAction(
      gitlabInputs({ operation: 'gitlab-download-artifacts', sha: SHA_RELEASED, job: 'build', wait: 'true', 'poll-interval': '100ms' })
    )
    expect(run.code).toBe(0)
    expect(readFileSync(path.join(run.workspace, 'out', 'app.txt'), 'utf8')).toBe('v2')
    expect(run.outputs).toMatchObject({ 'job-id': '801', 'job-status': 'success', 'commit-sha': SHA_RELEASED, 'pipeline-id': '40' })
    const log = visibleLog(run)
    expect(log).toContain(`::group::Wait for GitLab job 'build' of the newest pipeline for commit ${SHA_RELEASED.slice(0, 12)} (poll every 0.1s, timeout 30m)`)
    expect(log).toContain('is not visible in GitLab yet (Could not find job')
    for (const status of ['pending', 'running', 'success']) expect(log).toContain(`Job 801: ${status}`)
    const requests = requestLog()
    expect(requests.filter(request => request.startsWith('GET /pipelines?'))).toHaveLength(3)
    expect(requests.at(-1)).toBe('GET /jobs/801/artifacts')
    expect(requests.at(-2)).toBe('GET /jobs/801')
    expect(annotations(run.stdout).filter(annotation => annotation.level !== 'notice')).toEqual([])
  })

  it('fails when the job fails, with its status, reason and link, and downloads nothing', async () => {
    await waitFor([
      { id: 802, name: 'build', pipeline: 40, statuses: ['running', 'failed'], failureReason: 'script_failure', entries: [{ name: 'a', data: 'a' }] }
    ])
    const run = await runAction(
      gitlabInputs({ operation: 'gitlab-download-artifacts', sha: SHA_RELEASED, job: 'build', wait: 'true', 'poll-interval': '100ms' })
    )
    expect(run.code).toBe(1)
    expect(failure(run)).toBe(
      `The GitLab job did not succeed (status failed: script_failure): job 802 'build' (failed) of pipeline 40 for main at aaaaaaaa: ${gitlab.url}/group/sub/project/-/jobs/802\n` +
        "Read the job's log in GitLab; once it is retried, run this step again (with 'wait: true' it waits for the new try)."
    )
    expect(run.outputs).toMatchObject({ 'job-id': '802', 'job-status': 'failed', 'job-url': `${gitlab.url}/group/sub/project/-/jobs/802` })
    expect(gitlab.requests.filter(request => request.path.endsWith('/artifacts'))).toEqual([])
    expect(tree(path.join(run.workspace, 'out'))).toEqual([])
  })

  it('fails at once on a job name no pipeline of the commit has, rather than wait for the timeout', async () => {
    await restart({
      pipelines: [{ id: 50, ref: 'main', sha: SHA_RELEASED, status: 'success' }],
      jobs: [{ id: 900, name: 'build', pipeline: 50, entries: [{ name: 'a', data: 'a' }] }]
    })
    const run = await runAction(
      gitlabInputs({ operation: 'gitlab-download-artifacts', sha: SHA_RELEASED, job: 'biuld', wait: 'true', 'poll-interval': '100ms' })
    )
    expect(run.code).toBe(1)
    expect(failure(run)).toMatch(
      /^Could not find job 'biuld' in pipeline 50 for main at aaaaaaaa of group\/sub\/project or its child pipelines: its jobs are 'build'/
    )
    expect(requestLog().filter(request => request.startsWith('GET /pipelines?'))).toHaveLength(1)
  })

  it('times out as the Harness waits do, naming the job and its last status, and leaves the job alone', async () => {
    await waitFor([{ id: 803, name: 'build', pipeline: 40, statuses: ['running'] }])
    const run = await runAction(gitlabInputs({ operation: 'gitlab-keep-artifacts', 'job-id': '803', wait: 'true', 'poll-interval': '100ms', timeout: '1s' }))
    expect(run.code).toBe(1)
    expect(failure(run)).toBe(
      `Timed out after 1s waiting for the GitLab job to finish (last status running): job 803 'build' (running) of pipeline 40 for main at aaaaaaaa: ${gitlab.url}/group/sub/project/-/jobs/803\n` +
        "Raise 'timeout' (it bounds the whole GitLab step, the wait included), or run this step again to keep waiting: the GitLab job was left as it is."
    )
    expect(run.outputs).toMatchObject({ 'job-id': '803', 'job-status': 'running' })
    expect(gitlab.requests.every(request => request.method === 'GET')).toBe(true)
  })

  it('times out on a pipeline that never appears, saying what it waited for', async () => {
    await waitFor([], { pipelines: [] })
    const run = await runAction(
      gitlabInputs({ operation: 'gitlab-download-artifacts', sha: SHA_RELEASED, job: 'build', wait: 'true', 'poll-interval': '100ms', timeout: '1s' })
    )
    expect(run.code).toBe(1)
    expect(failure(run)).toMatch(
      new RegExp(
        `^Timed out after 1s waiting for GitLab job 'build' of the newest pipeline for commit ${SHA_RELEASED.slice(0, 12)}: Could not find job 'build' for commit ${SHA_RELEASED} in group/sub/project: GitLab lists no pipeline for that commit\\nRaise 'timeout' if GitLab creates the pipeline late`
      )
    )
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
    [{ operation: 'gitlab-delete-artifacts', ref: 'main' }, "Input 'job' is required: the name of the job whose artifacts to use, with 'ref'."],
    [
      { operation: 'gitlab-download-artifacts', sha: '1a2b3c4d', job: 'build' },
      "Input 'sha' must be a full 40-character commit SHA such as ${{ github.sha }}: GitLab's sha filter is an exact match, so a short or partial SHA finds no pipeline; got '1a2b3c4d'."
    ],
    [{ operation: 'gitlab-keep-artifacts', sha: SHA_RELEASED, 'pipeline-id': '30', job: 'build' }, "Input 'sha' and 'pipeline-id' are both set; give only one"],
    [{ operation: 'gitlab-delete-artifacts', 'pipeline-id': '#30', job: 'build' }, "Input 'pipeline-id' must be a numeric GitLab pipeline id; got '#30'."],
    [
      { operation: 'gitlab-download-artifacts', sha: SHA_RELEASED, job: 'build', 'passing-statuses': 'failed' },
      "Input 'passing-statuses' is read only by harness-start-execution, harness-execution-status, harness-ng-run-pipeline, harness-ng-execution-status and harness-ng-trigger-webhook"
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
