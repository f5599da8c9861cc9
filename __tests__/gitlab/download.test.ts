import { createHash } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { archiveUrl, credentials } from '../../src/gitlab/api.js'
import { downloadToFile, etagSha256, type DownloadRequest } from '../../src/gitlab/download.js'
import { gitlabHttpError } from '../../src/gitlab/errors.js'
import type { GitLabConnection, JobSelector } from '../../src/settings/index.js'
import { startGitLab, type FakeGitLab } from '../../simulator/gitlab.js'
import { zipBuffer, type ZipEntry } from '../../simulator/zip.js'

const entries: ZipEntry[] = [
  { name: 'a.txt', data: 'hello' },
  { name: 'big.bin', size: 3 * 1024 * 1024 + 5 }
]
const archive = zipBuffer(entries)
const archiveSha256 = createHash('sha256').update(archive).digest('hex')
const fast = { attempts: 3, baseDelayMs: 10, maxDelayMs: 20 }

let gitlab: FakeGitLab
let connection: GitLabConnection

beforeEach(async () => {
  gitlab = await startGitLab({
    jobs: [
      { id: 1, entries, etag: 'sha256' },
      { id: 2, entries, etag: `"${'0'.repeat(64)}"` },
      { id: 3, entries, etag: '"d41d8cd98f00b204e9800998ecf8427e"' }
    ]
  })
  connection = {
    apiUrl: new URL(`${gitlab.url}/api/v4`),
    auth: { header: 'PRIVATE-TOKEN', token: 'glpat-simulator-token' },
    project: 'group/sub/project',
    timeoutMs: 60_000
  }
})
afterEach(() => gitlab.close())

function download(jobId: string, options: Partial<DownloadRequest> = {}): { folder: string; run: Promise<Awaited<ReturnType<typeof downloadToFile>>> } {
  const folder = path.join(mkdtempSync(path.join(tmpdir(), 'download-test-')), 'target')
  const job: JobSelector = { by: 'id', jobId }
  const what = `download job ${jobId}`
  const run = downloadToFile({
    request: { method: 'GET', url: archiveUrl(connection, job), what, credentials: credentials(connection), retry: 'idempotent' },
    folder,
    saveAs: { fallbackName: 'fallback.zip' },
    failure: response => gitlabHttpError(what, response, { gitlab: connection, access: 'read', job }),
    expected: 'the artifacts archive',
    stallMs: 60_000,
    etagIsBodySha256: () => true,
    policy: fast,
    ...options
  })
  return { folder, run }
}

describe('etagSha256', () => {
  it.each([
    [`"${'A'.repeat(64)}"`, 'a'.repeat(64)],
    [`W/"${'b'.repeat(64)}"`, undefined],
    ['b'.repeat(64), 'b'.repeat(64)],
    ['"d41d8cd98f00b204e9800998ecf8427e"', undefined],
    ['"abc-3"', undefined],
    [undefined, undefined]
  ])('%s → %s', (etag, sha) => expect(etagSha256(etag)).toBe(sha))
})

describe('downloadToFile', () => {
  it('saves under the Content-Disposition name, with size and SHA-256 from the same pass, checked against the ETag', async () => {
    const { folder, run } = download('1')
    const file = await run
    expect(file).toEqual({ file: path.join(folder, 'artifacts.zip'), bytes: archive.length, sha256: archiveSha256 })
    expect(readFileSync(file.file).equals(archive)).toBe(true)
    expect(readdirSync(folder)).toEqual(['artifacts.zip'])
  })

  it('ignores an ETag that is not a SHA-256', async () => {
    expect((await download('3').run).sha256).toBe(archiveSha256)
  })

  it("never compares an ETag the caller does not say is the body's SHA-256", async () => {
    expect((await download('2', { etagIsBodySha256: undefined }).run).sha256).toBe(archiveSha256)
    expect((await download('2', { etagIsBodySha256: () => false }).run).sha256).toBe(archiveSha256)
  })

  it('fails when the data does not match a SHA-256 ETag, and leaves nothing', async () => {
    const { folder, run } = download('2')
    await expect(run).rejects.toThrow(`the data received has SHA-256 ${archiveSha256}, but the server's ETag says ${'0'.repeat(64)}`)
    expect(readdirSync(folder)).toEqual([])
  })

  it('restarts cleanly after a cut connection', async () => {
    gitlab.failNext({ truncateAfter: 100_000 })
    const file = await download('1').run
    expect(file.sha256).toBe(archiveSha256)
    expect(readFileSync(file.file).length).toBe(archive.length)
    expect(gitlab.requests).toHaveLength(2)
  })

  it('gives up when every attempt is cut, leaving nothing in the folder', async () => {
    gitlab.failNext({ truncateAfter: 1000 }, 3)
    const { folder, run } = download('1')
    await expect(run).rejects.toThrow(/^Could not download job 1: /)
    expect(readdirSync(folder)).toEqual([])
    expect(gitlab.requests).toHaveLength(3)
  })

  it('waits out a 429 and retries a 500', async () => {
    gitlab.failNext({ status: 429, headers: { 'retry-after': '0' }, body: 'Retry later' })
    gitlab.failNext({ status: 500 })
    expect((await download('1').run).sha256).toBe(archiveSha256)
    expect(gitlab.requests.map(request => request.path)).toHaveLength(3)
  })

  it('waits until RateLimit-Reset when a 429 has no Retry-After', async () => {
    gitlab.failNext({ status: 429, headers: { 'ratelimit-reset': String(Math.floor(Date.now() / 1000)) }, body: 'Retry later' })
    expect((await download('1').run).sha256).toBe(archiveSha256)
  })

  it('reports an object-storage refusal after the redirect as coming from the storage host', async () => {
    await gitlab.close()
    gitlab = await startGitLab({ jobs: [{ id: 1, entries }], redirectToStorage: true })
    connection = { ...connection, apiUrl: new URL(`${gitlab.url}/api/v4`) }
    gitlab.failNext({ status: 403, at: 'storage', body: '<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>' })
    const { folder, run } = download('1')
    await expect(run).rejects.toThrow(
      `Could not download job 1: the storage host ${gitlab.storage.url} GitLab redirected to answered HTTP 403: AccessDenied: Request has expired`
    )
    expect(readdirSync(folder)).toEqual([])
    expect(gitlab.leaks).toEqual([])
  })

  it("reports GitLab's message for a 404 and writes nothing", async () => {
    const { folder, run } = download('99')
    await expect(run).rejects.toThrow('Could not download job 99: GitLab answered HTTP 404: 404 Not found')
    expect(readdirSync(folder)).toEqual([])
  })

  it('says so when the folder cannot be created', async () => {
    const blocker = path.join(mkdtempSync(path.join(tmpdir(), 'download-test-')), 'a-file')
    writeFileSync(blocker, '')
    await expect(download('1', { folder: blocker }).run).rejects.toThrow(`Could not create the folder ${blocker}: `)
  })

  it('stops and cleans up when cancelled', async () => {
    const controller = new AbortController()
    gitlab.jobs.set(4, { id: 4, entries: [{ name: 'huge.bin', size: 500 * 1024 * 1024 }] })
    const { folder, run } = download('4', { signal: controller.signal })
    setTimeout(() => controller.abort(), 50)
    await expect(run).rejects.toThrow(/^Cancelled while trying to download job 4 \(received [\d.]+ \w+ of 500\.0 MiB\)$/)
    expect(readdirSync(folder)).toEqual([])
  })
})
