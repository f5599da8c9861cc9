import { expect } from '@jest/globals'
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { downloadArtifactFile } from '../../src/operations/gitlab-download-artifact-file.js'
import type { DownloadArtifactFileSettings } from '../../src/operations/gitlab-download-artifact-file.js'
import { startGitLab, type FakeGitLab } from '../../simulator/gitlab.js'
import { connection, context, newFolder, NO_WAIT } from './gitlab-fixtures.js'

let gitlab: FakeGitLab
beforeEach(async () => {
  gitlab = await startGitLab({ jobs: [{ id: 5, name: 'build', ref: 'main', entries: [{ name: 'out/reports/résumé 1.json', data: '{"ok":true}' }] }] })
})
afterEach(() => gitlab.close())

function settings(artifactPath: string): DownloadArtifactFileSettings {
  return {
    operation: 'gitlab-download-artifact-file',
    gitlab: connection(gitlab),
    job: { by: 'id', jobId: '5' },
    wait: NO_WAIT,
    artifactPath,
    path: newFolder(),
    stallMs: 60_000
  }
}

describe('gitlab-download-artifact-file', () => {
  it('saves one nested file under its own name', async () => {
    const given = settings('out/reports/résumé 1.json')
    const result = await downloadArtifactFile(given, context)
    const file = path.join(given.path, 'résumé 1.json')
    expect(readFileSync(file, 'utf8')).toBe('{"ok":true}')
    expect(result.outputs).toEqual({
      'download-path': file,
      'size-bytes': 11,
      sha256: createHash('sha256').update('{"ok":true}').digest('hex'),
      files: 1,
      'job-id': 5,
      'pipeline-id': gitlab.jobs.get(5)?.pipeline,
      'job-url': `${gitlab.url}/group/sub/project/-/jobs/5`,
      'job-status': 'success',
      'commit-sha': expect.stringMatching(/^[0-9a-f]{40}$/)
    })
    expect(gitlab.requests[0].path).toBe('/api/v4/projects/group%2Fsub%2Fproject/jobs/5')
    expect(gitlab.requests[1].path).toBe('/api/v4/projects/group%2Fsub%2Fproject/jobs/5/artifacts/out/reports/r%C3%A9sum%C3%A9%201.json')
    expect(result.summary.target).toBe('group/sub/project job 5: out/reports/résumé 1.json')
  })

  it('names the missing file in the 404 hint and leaves nothing', async () => {
    const given = settings('out/missing.txt')
    await expect(downloadArtifactFile(given, context)).rejects.toMatchObject({
      message: "Could not download 'out/missing.txt' from the artifacts of job 5 of group/sub/project: GitLab answered HTTP 404: 404 Not found",
      hint: expect.stringContaining("the archive has no file 'out/missing.txt'")
    })
    expect(readdirSync(given.path)).toEqual([])
  })
})
