// The GitLab settings as the runner feeds them: connection, project, job, paths and limits.
import path from 'node:path'
import { readSettings } from '../../src/operations/registry.js'
import { captureStdout } from '../stdout.js'

const base = { operation: 'gitlab-download-artifacts', 'gitlab-token': 'glpat-secret', project: 'group/sub/project', 'job-id': '42' }

async function read(inputs: Record<string, string | undefined>, env: Record<string, string> = {}): Promise<Record<string, unknown>> {
  const given = Object.entries({ ...base, ...inputs }).filter((entry): entry is [string, string] => entry[1] !== undefined)
  const variables = { ...Object.fromEntries(given.map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value])), ...env }
  const saved = Object.fromEntries(Object.keys(variables).map(name => [name, process.env[name]]))
  Object.assign(process.env, variables)
  try {
    return (await readSettings()) as unknown as Record<string, unknown>
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name]
      else process.env[name] = value
    }
  }
}

async function problem(inputs: Record<string, string | undefined>): Promise<string> {
  return read(inputs).then(
    () => '',
    (error: Error) => error.message
  )
}

describe('GitLab settings', () => {
  captureStdout()

  it('reads a connection with its defaults: gitlab.com, the token as PRIVATE-TOKEN, a 30m timeout', async () => {
    const settings = await read({})
    expect(settings).toMatchObject({
      operation: 'gitlab-download-artifacts',
      gitlab: { auth: { header: 'PRIVATE-TOKEN', token: 'glpat-secret' }, project: 'group/sub/project', timeoutMs: 30 * 60_000 },
      job: { by: 'id', jobId: '42' },
      stallMs: 5 * 60_000,
      extract: true,
      limits: { maxBytes: 10 * 1024 ** 3, maxFiles: 100_000 }
    })
    expect(String((settings.gitlab as { apiUrl: URL }).apiUrl)).toBe('https://gitlab.com/api/v4')
  })

  it('sends a CI job token as JOB-TOKEN, and refuses both tokens or none', async () => {
    expect(await read({ 'gitlab-token': undefined, 'gitlab-job-token': 'job-secret' })).toMatchObject({
      gitlab: { auth: { header: 'JOB-TOKEN', token: 'job-secret' } }
    })
    expect(await problem({ 'gitlab-job-token': 'job-secret' })).toMatch(/^Input 'gitlab-token' and 'gitlab-job-token' are both set/)
    expect(await problem({ 'gitlab-token': undefined })).toMatch(/^Input 'gitlab-token' or 'gitlab-job-token' is required/)
  })

  it('refuses a gitlab-url copied with its API path, naming the base URL, and keeps a path prefix', async () => {
    expect(await problem({ 'gitlab-url': 'https://gitlab.example.com/api/v4' })).toContain("Use 'https://gitlab.example.com'")
    const settings = await read({ 'gitlab-url': 'https://example.com/gitlab/' })
    expect(String((settings.gitlab as { apiUrl: URL }).apiUrl)).toBe('https://example.com/gitlab/api/v4')
  })

  it('takes a numeric project id, and refuses a URL or a .git path with the project meant', async () => {
    expect(await read({ project: '1234' })).toMatchObject({ gitlab: { project: '1234' } })
    expect(await problem({ project: 'https://gitlab.com/group/project' })).toContain("Use 'project: group/project'")
    expect(await problem({ project: 'group/project.git' })).toContain("Use 'project: group/project'")
  })

  it('picks the job by ref and name, and refuses to mix the two ways', async () => {
    expect(await read({ 'job-id': undefined, ref: 'release/1.2', job: 'build', 'search-recent-successful-pipelines': 'true' })).toMatchObject({
      job: { by: 'ref', ref: 'release/1.2', job: 'build', searchRecentSuccessfulPipelines: true }
    })
    expect(await problem({ job: 'build' })).toMatch(/^Input 'job' goes with 'ref', 'sha' or 'pipeline-id', not with 'job-id'/)
    expect(await problem({ ref: 'main', job: 'build' })).toMatch(/^Input 'job-id' and 'ref' are both set; give only one: the job, by 'job-id', or by 'job'/)
    expect(await problem({ 'job-id': 'latest' })).toMatch(/^Input 'job-id' must be a numeric GitLab job id; got 'latest'/)
    expect(await problem({ 'job-id': undefined })).toMatch(/^Input 'job-id' \(or 'ref', 'sha' or 'pipeline-id'\) is required: the job, by 'job-id'/)
  })

  it('picks the job by commit: a full SHA, lower-cased, as GitLab matches it exactly', async () => {
    const sha = '0123456789ABCDEF0123456789abcdef01234567'
    expect(await read({ 'job-id': undefined, sha, job: 'build' })).toMatchObject({ job: { by: 'sha', sha: sha.toLowerCase(), job: 'build' } })
    expect(await problem({ 'job-id': undefined, sha: '0123456', job: 'build' })).toBe(
      "Input 'sha' must be a full 40-character commit SHA such as ${{ github.sha }}: GitLab's sha filter is an exact match, so a short or partial SHA finds no pipeline; got '0123456'."
    )
    expect(await problem({ 'job-id': undefined, sha })).toMatch(/^Input 'job' is required: the name of the job whose artifacts to use, with 'sha'/)
    expect(await problem({ 'job-id': undefined, sha, job: 'build', 'search-recent-successful-pipelines': 'true' })).toBe(
      "Input 'search-recent-successful-pipelines' goes with 'ref' and 'job', not with 'sha'."
    )
    expect(await problem({ sha, job: 'build' })).toMatch(/^Input 'job-id' and 'sha' are both set/)
  })

  it('picks the job by pipeline id, which must be numeric', async () => {
    expect(await read({ 'job-id': undefined, 'pipeline-id': '123', job: 'build' })).toMatchObject({ job: { by: 'pipeline', pipelineId: '123', job: 'build' } })
    expect(await problem({ 'job-id': undefined, 'pipeline-id': 'deploy', job: 'build' })).toBe(
      "Input 'pipeline-id' must be a numeric GitLab pipeline id; got 'deploy'."
    )
    expect(await problem({ 'job-id': undefined, ref: 'main', 'pipeline-id': '123', job: 'build' })).toMatch(/^Input 'ref' and 'pipeline-id' are both set/)
  })

  it('does not wait by default, unlike the Harness operations, and reads the poll interval', async () => {
    expect(await read({})).toMatchObject({ wait: { enabled: false, pollIntervalMs: 10_000 } })
    expect(await read({ wait: 'true', 'poll-interval': '2s' })).toMatchObject({ wait: { enabled: true, pollIntervalMs: 2000 } })
  })

  it('puts the download under path in the workspace, else a new folder under RUNNER_TEMP', async () => {
    const workspace = path.resolve('/work/space')
    expect(await read({ path: 'out' }, { GITHUB_WORKSPACE: workspace })).toMatchObject({ path: path.join(workspace, 'out') })
    const runnerTemp = path.resolve('/runner/temp')
    const chosen = (await read({}, { GITHUB_WORKSPACE: workspace, RUNNER_TEMP: runnerTemp })).path as string
    expect(path.dirname(chosen)).toBe(runnerTemp)
    expect(path.basename(chosen)).toMatch(/^gitlab-artifacts-[0-9a-f]{8}$/)
  })

  it('reads the extraction limits and refuses a size it cannot read', async () => {
    expect(await read({ 'max-extracted-size': '512MiB', 'max-extracted-files': '10', extract: 'false' })).toMatchObject({
      extract: false,
      limits: { maxBytes: 512 * 1024 ** 2, maxFiles: 10 }
    })
    expect(await problem({ 'max-extracted-size': 'lots' })).toMatch(/^Input 'max-extracted-size'/)
  })

  it('reads an artifact path inside the archive, and refuses one that climbs out', async () => {
    const file = { operation: 'gitlab-download-artifact-file', 'artifact-path': './dist//app.tar.gz' }
    expect(await read(file)).toMatchObject({ artifactPath: 'dist/app.tar.gz' })
    expect(await problem({ ...file, 'artifact-path': 'dist/../../etc/passwd' })).toMatch(/^Input 'artifact-path' must be a file path inside the archive/)
  })

  it('reads keep and delete with the same job selectors and wait as the downloads', async () => {
    const settings = await read({ operation: 'gitlab-keep-artifacts' })
    expect(Object.keys(settings).sort()).toEqual(['gitlab', 'job', 'operation', 'wait'])
    expect(settings).toMatchObject({ operation: 'gitlab-keep-artifacts', gitlab: { project: 'group/sub/project' }, job: { by: 'id', jobId: '42' } })
    expect(await read({ operation: 'gitlab-delete-artifacts', 'job-id': undefined, ref: 'main', job: 'build', wait: 'true' })).toMatchObject({
      job: { by: 'ref', ref: 'main', job: 'build' },
      wait: { enabled: true }
    })
  })
})
