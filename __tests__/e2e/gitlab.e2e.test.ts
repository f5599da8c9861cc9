import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { startGitLab, type FakeGitLab, type FakeJob } from '../../simulator/gitlab.js'
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
  { id: 103, entries: [{ name: 'ok.txt', data: 'ok' }, { name: '../escaped.txt', data: 'evil' }] },
  { id: 104, entries: [{ name: 'ok.txt', data: 'ok' }, { name: absoluteTarget, data: 'evil' }] },
  { id: 105, entries: [{ name: 'ok.txt', data: 'ok' }, { name: 'passwd', type: 'symlink', data: '/etc/passwd' }] },
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
    expect(run.outputs).toEqual({ 'download-path': out, 'size-bytes': String(Buffer.concat([...zipChunks(goodEntries)]).length), sha256: sha256Of(goodEntries), files: '5' })
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

    expect(gitlab.requests.map(request => request.path)).toEqual(['/api/v4/projects/group%2Fsub%2Fproject/jobs/101/artifacts'])
    expect(gitlab.requests[0].headers['private-token']).toBe(token)
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
  })

  it('downloads by branch (with a slash) and job name, saving the zip with extract false', async () => {
    const run = await runAction(gitlabInputs({ operation: 'gitlab-download-artifacts', ref: 'release/2.0', job: 'build', extract: 'false' }))
    expect(run.code).toBe(0)
    const zip = path.join(run.workspace, 'out', 'artifacts.zip')
    expect(run.outputs).toMatchObject({ 'download-path': zip, files: '1', sha256: sha256Of(goodEntries) })
    expect(createHash('sha256').update(readFileSync(zip)).digest('hex')).toBe(sha256Of(goodEntries))
    expect(gitlab.requests[0].path).toBe('/api/v4/projects/group%2Fsub%2Fproject/jobs/artifacts/release%2F2.0/download')
    expect(Object.fromEntries(gitlab.requests[0].query)).toEqual({ job: 'build' })
  })

  it('passes search-recent-successful-pipelines, and uses a CI job token', async () => {
    const inputs = { operation: 'gitlab-download-artifacts', ref: 'main', job: 'package', 'gitlab-token': '', 'gitlab-job-token': 'job-token-e2e' }
    const run = await runAction(gitlabInputs({ ...inputs, 'search-recent-successful-pipelines': 'true' }))
    expect(run.code).toBe(0)
    expect(readFileSync(path.join(run.workspace, 'out', 'pkg', 'app.tgz'), 'utf8')).toBe('tgz')
    expect(gitlab.requests[0].query.get('search_recent_successful_pipelines')).toBe('true')
    expect(gitlab.requests[0].headers['job-token']).toBe('job-token-e2e')
    expect(gitlab.requests[0].headers['private-token']).toBeUndefined()

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
      "Could not download the artifacts of job 101 of group/sub/project: GitLab answered HTTP 401: 401 Unauthorized\nGitLab did not accept 'gitlab-token': check that it has not expired or been revoked, and that it has the read_api (or api) scope."
    )
    const missing = await runAction(gitlabInputs({ operation: 'gitlab-download-artifacts', 'job-id': '108' }))
    expect(failure(missing)).toContain('GitLab answered HTTP 404: 404 Not found\nGitLab answers 404 when there is no such project or job')
    expect(failure(missing)).toContain('they expired or were deleted, or it only has artifacts:reports')
  })
})

describe('gitlab-download-artifact-file', () => {
  it('downloads one file by its nested path and saves it under its own name', async () => {
    const run = await runAction(gitlabInputs({ operation: 'gitlab-download-artifact-file', ref: 'release/2.0', job: 'build', 'artifact-path': 'dist/deep/er/still/file.txt' }))
    expect(run.code).toBe(0)
    const file = path.join(run.workspace, 'out', 'file.txt')
    expect(readFileSync(file, 'utf8')).toBe('deep')
    expect(run.outputs).toEqual({ 'download-path': file, 'size-bytes': '4', sha256: createHash('sha256').update('deep').digest('hex'), files: '1' })
    expect(gitlab.requests[0].path).toBe('/api/v4/projects/group%2Fsub%2Fproject/jobs/artifacts/release%2F2.0/raw/dist/deep/er/still/file.txt')
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
      'DELETE /api/v4/projects/group%2Fsub%2Fproject/jobs/101/artifacts'
    ])
    expect(gitlab.jobs.get(101)).toMatchObject({ kept: true, deleted: true })
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
    [{ operation: 'gitlab-delete-artifacts', ref: 'main' }, "Input 'ref' is read only by gitlab-download-artifacts and gitlab-download-artifact-file; for gitlab-delete-artifacts use 'job-id'."]
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
