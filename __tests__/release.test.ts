// The release procedure (scripts/release.js) run on a clone of this repository in a temporary folder,
// so that its commits and tags never touch the real repository. RELEASE_BUILD stands in for
// `npm run build` (the clone has no node_modules): a no-op keeps the committed dist/, and a build
// that changes dist/ shows the release refusing a stale bundle.
import { execFileSync, spawnSync } from 'node:child_process'
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { projectRoot } from '../simulator/run-action.js'

const releaseScript = path.join(projectRoot, 'scripts', 'release.js')
const identity = {
  GIT_AUTHOR_NAME: 'Release Test',
  GIT_AUTHOR_EMAIL: 'release@example.com',
  GIT_COMMITTER_NAME: 'Release Test',
  GIT_COMMITTER_EMAIL: 'release@example.com'
}

function git(folder: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: folder, encoding: 'utf8', env: { ...process.env, ...identity } }).trim()
}

function cloneOfThisRepository(): string {
  const folder = path.join(mkdtempSync(path.join(tmpdir(), 'release-')), 'clone')
  execFileSync('git', ['clone', '--quiet', '--no-tags', projectRoot, folder])
  // The commit checked out here, even where it is on no branch (a pull request's merge in CI).
  git(folder, 'checkout', '--quiet', '--detach', git(projectRoot, 'rev-parse', 'HEAD'))
  return folder
}

function release(folder: string, args: string[], build = 'node -e ""') {
  const run = spawnSync(process.execPath, [releaseScript, ...args], {
    cwd: folder,
    encoding: 'utf8',
    env: { ...process.env, ...identity, RELEASE_BUILD: build }
  })
  return { code: run.status, output: run.stdout + run.stderr }
}

/** Everything a release could change: the commit, the tags, the files. */
function state(folder: string) {
  return { head: git(folder, 'rev-parse', 'HEAD'), tags: git(folder, 'tag', '--list'), status: git(folder, 'status', '--porcelain') }
}

function packageVersion(folder: string): string {
  return (JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8')) as { version: string }).version
}

function addChangelogEntry(folder: string, entry: string): void {
  const file = path.join(folder, 'CHANGELOG.md')
  writeFileSync(file, readFileSync(file, 'utf8').replace('## Unreleased\n', `## Unreleased\n\n- ${entry}\n`))
  git(folder, 'commit', '--quiet', '--all', '--message', entry)
}

test('a dry run checks everything, says what it would do, and changes nothing', () => {
  const clone = cloneOfThisRepository()
  const before = state(clone)
  const { code, output } = release(clone, ['patch', '--dry-run'])
  expect(output).toContain('Dry run: every check passed; nothing was changed.')
  expect(code).toBe(0)
  const [major, minor, patch] = packageVersion(clone).split('.').map(Number)
  expect(output).toContain(`Dry run: would release ${major}.${minor}.${patch + 1}:`)
  expect(output).toContain(`tag v${major}.${minor}.${patch + 1}`)
  expect(state(clone)).toEqual(before)
})

test('a release bumps package.json, dates the changelog, commits, tags vX.Y.Z and moves vX; the next one moves vX again', () => {
  const clone = cloneOfThisRepository()
  addChangelogEntry(clone, 'A change for the test release')
  const first = release(clone, ['41.0.0'])
  expect(first.output).toContain('Released 41.0.0 locally')
  expect(first.code).toBe(0)
  expect(packageVersion(clone)).toBe('41.0.0')
  expect(readFileSync(path.join(clone, 'CHANGELOG.md'), 'utf8')).toMatch(
    /^## Unreleased\n\n## 41\.0\.0 - \d{4}-\d\d-\d\d\n\n- A change for the test release\n/m
  )
  expect(git(clone, 'log', '-1', '--format=%s')).toBe('Release 41.0.0')
  expect(git(clone, 'rev-parse', 'v41.0.0^{commit}')).toBe(git(clone, 'rev-parse', 'HEAD'))
  expect(git(clone, 'rev-parse', 'v41^{commit}')).toBe(git(clone, 'rev-parse', 'HEAD'))
  expect(git(clone, 'status', '--porcelain')).toBe('')

  addChangelogEntry(clone, 'A fix')
  const second = release(clone, ['patch'])
  expect(second.output).toContain('move tag v41 from')
  expect(second.code).toBe(0)
  expect(git(clone, 'rev-parse', 'v41^{commit}')).toBe(git(clone, 'rev-parse', 'v41.0.1^{commit}'))
  expect(git(clone, 'rev-parse', 'v41.0.0^{commit}')).not.toBe(git(clone, 'rev-parse', 'v41.0.1^{commit}'))
})

describe('a release stops, changing nothing, when', () => {
  test('dist/ is not what the build produces', () => {
    const clone = cloneOfThisRepository()
    const before = state(clone)
    const { code, output } = release(clone, ['patch', '--dry-run'], `node -e "require('fs').appendFileSync('dist/index.js', '// changed')"`)
    expect(output).toContain("dist/ is not what a fresh build produces: run 'npm run build' and commit dist/.")
    expect(code).toBe(1)
    expect(state(clone)).toEqual(before)
  })

  test('the working tree has uncommitted changes', () => {
    const clone = cloneOfThisRepository()
    appendFileSync(path.join(clone, 'README.md'), 'more\n')
    const { code, output } = release(clone, ['patch', '--dry-run'])
    expect(output).toContain('The working tree has uncommitted changes')
    expect(output).toContain('README.md')
    expect(code).toBe(1)
  })

  test('the version is released already, or not newer than a release of its major version', () => {
    const clone = cloneOfThisRepository()
    addChangelogEntry(clone, 'Something')
    expect(release(clone, ['41.2.0']).code).toBe(0)
    addChangelogEntry(clone, 'Something else')
    const before = state(clone)
    expect(release(clone, ['41.2.0']).output).toContain('Tag v41.2.0 exists already.')
    expect(release(clone, ['41.1.9']).output).toContain('41.1.9 is older than')
    expect(release(clone, ['1.2']).output).toContain('"1.2" is not a version')
    expect(state(clone)).toEqual(before)
  })

  test('the changelog says nothing under Unreleased (a real release; a dry run only warns)', () => {
    const clone = cloneOfThisRepository()
    addChangelogEntry(clone, 'Something')
    expect(release(clone, ['41.0.0']).code).toBe(0)
    const before = state(clone)
    const dryRun = release(clone, ['patch', '--dry-run'])
    expect(dryRun.output).toContain('Warning: CHANGELOG.md says nothing under "## Unreleased"')
    expect(dryRun.code).toBe(0)
    const { code, output } = release(clone, ['patch'])
    expect(output).toContain('CHANGELOG.md says nothing under "## Unreleased": write what changed for users first.')
    expect(code).toBe(1)
    expect(state(clone)).toEqual(before)
  })
})
