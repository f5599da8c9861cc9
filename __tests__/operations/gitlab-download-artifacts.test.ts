import { expect } from '@jest/globals'
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { downloadArtifacts } from '../../src/operations/gitlab-download-artifacts.js'
import type { DownloadArtifactsSettings } from '../../src/operations/gitlab-download-artifacts.js'
import { startGitLab, type FakeGitLab } from '../../simulator/gitlab.js'
import { zipBuffer, type ZipEntry } from '../../simulator/zip.js'
import { connection, context, newFolder, NO_WAIT } from './gitlab-fixtures.js'

const entries: ZipEntry[] = [{ name: 'dist/' }, { name: 'dist/app.js', data: 'run()' }, { name: 'dist/empty.txt', data: '' }]
const sha256 = createHash('sha256').update(zipBuffer(entries)).digest('hex')

let gitlab: FakeGitLab
beforeEach(async () => {
  gitlab = await startGitLab({
    jobs: [
      { id: 5, name: 'build', ref: 'release/2.0', entries },
      { id: 6, entries: [{ name: '../evil', data: 'x' }] }
    ]
  })
})
afterEach(() => gitlab.close())

function settings(overrides: Partial<DownloadArtifactsSettings> = {}): DownloadArtifactsSettings {
  return {
    operation: 'gitlab-download-artifacts',
    gitlab: connection(gitlab),
    job: { by: 'id', jobId: '5' },
    wait: NO_WAIT,
    path: newFolder(),
    stallMs: 60_000,
    extract: true,
    limits: { maxBytes: 1024 ** 3, maxFiles: 1000 },
    ...overrides
  }
}

describe('gitlab-download-artifacts', () => {
  it('extracts the archive into path and reports size, SHA-256 and files', async () => {
    const given = settings()
    const result = await downloadArtifacts(given, context)
    const pipelineId = gitlab.jobs.get(5)?.pipeline
    expect(result.outputs).toEqual({
      'download-path': given.path,
      'size-bytes': zipBuffer(entries).length,
      sha256,
      files: 2,
      'job-id': 5,
      'pipeline-id': pipelineId,
      'job-url': `${gitlab.url}/group/sub/project/-/jobs/5`,
      'job-status': 'success',
      'commit-sha': expect.stringMatching(/^[0-9a-f]{40}$/)
    })
    expect(result.summary.links).toEqual([{ text: 'Job 5 in GitLab', href: `${gitlab.url}/group/sub/project/-/jobs/5` }])
    expect(readdirSync(given.path, { recursive: true }).sort()).toEqual(['dist', path.join('dist', 'app.js'), path.join('dist', 'empty.txt')])
    expect(result.summary).toMatchObject({ operation: 'gitlab-download-artifacts', target: 'group/sub/project job 5', status: 'Extracted', passed: true })
    expect(result.summary.details).toEqual(
      expect.arrayContaining([
        ['SHA-256', sha256],
        ['Files', '2']
      ])
    )
  })

  it('saves the zip itself with extract false', async () => {
    const given = settings({ extract: false, job: { by: 'ref', ref: 'release/2.0', job: 'build', searchRecentSuccessfulPipelines: false } })
    const result = await downloadArtifacts(given, context)
    expect(result.outputs).toMatchObject({ 'download-path': path.join(given.path, 'artifacts.zip'), files: 1, sha256, 'job-id': 5 })
    expect(readFileSync(path.join(given.path, 'artifacts.zip')).equals(zipBuffer(entries))).toBe(true)
    expect(result.summary.target).toBe('group/sub/project release/2.0 › build')
  })

  it('refuses an unsafe archive and removes the downloaded zip', async () => {
    const given = settings({ job: { by: 'id', jobId: '6' } })
    await expect(downloadArtifacts(given, context)).rejects.toThrow("entry '../evil' climbs out of the folder")
    expect(readdirSync(given.path)).toEqual([])
  })
})
