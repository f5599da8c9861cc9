// @ts-check
// Makes a release in one command, as the actions/typescript-action template's script/release does
// (a vX.Y.Z tag, and the major tag vX moved to it so that `@v1` users get it), with the checks that
// script leaves to the maintainer done here:
//   1. the working tree is clean, and dist/ is what a fresh build of the sources produces;
//   2. the version is X.Y.Z (or patch, minor, major from package.json's) and newer than every
//      release of its major version; its tag does not exist yet;
//   3. CHANGELOG.md's "## Unreleased" section becomes "## X.Y.Z - <date>" under a new empty one;
//   4. package.json's version becomes X.Y.Z; both files are committed as "Release X.Y.Z";
//   5. tag vX.Y.Z on that commit, and vX created or moved there;
//   6. with --push, the branch and vX.Y.Z pushed, and vX force-pushed (it moves); else the commands.
// Usage: npm run release -- <X.Y.Z | patch | minor | major> [--dry-run] [--push]
// --dry-run makes every check (the build too), prints what it would do, and changes nothing.
// It works on the repository of the current directory. RELEASE_BUILD replaces `npm run build`
// (the tests use it to release a clone without building it).
import { execFileSync, execSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

const UNRELEASED = /^## Unreleased[ \t]*\n/m
const usage = 'Usage: npm run release -- <X.Y.Z | patch | minor | major> [--dry-run] [--push]'

class ReleaseError extends Error {}

/** @param {string[]} args */
function git(...args) {
  return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim()
}

/** @param {string} text @returns {[number, number, number] | undefined} */
function parseVersion(text) {
  const match = /^(\d+)\.(\d+)\.(\d+)$/.exec(text)
  return match === null ? undefined : [Number(match[1]), Number(match[2]), Number(match[3])]
}

/** @param {number[]} a @param {number[]} b */
function compareVersions(a, b) {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] - b[i]
  return 0
}

/** The version asked for: X.Y.Z as given, or a keyword applied to package.json's version. @param {string} wanted @param {string} current */
function nextVersion(wanted, current) {
  const given = parseVersion(wanted)
  if (given !== undefined) return given.join('.')
  const base = parseVersion(current)
  if (base === undefined) throw new ReleaseError(`package.json's version "${current}" is not X.Y.Z.`)
  const [major, minor, patch] = base
  if (wanted === 'major') return `${major + 1}.0.0`
  if (wanted === 'minor') return `${major}.${minor + 1}.0`
  if (wanted === 'patch') return `${major}.${minor}.${patch + 1}`
  throw new ReleaseError(`"${wanted}" is not a version: give X.Y.Z, patch, minor or major.\n${usage}`)
}

function checkCleanTree() {
  const changes = git('status', '--porcelain')
  if (changes !== '') throw new ReleaseError(`The working tree has uncommitted changes; commit or stash them first:\n${changes}`)
}

/**
 * Builds, and fails unless dist/ is unchanged: the tag must carry the bundle of its own sources.
 * @param {boolean} dryRun  A dry run puts the committed dist/ back if the build changed it.
 */
function checkDistIsFresh(dryRun) {
  const build = process.env.RELEASE_BUILD ?? 'npm run build'
  console.log(`Building (${build}) to check that dist/ is current…`)
  execSync(build, { stdio: ['ignore', process.stderr, process.stderr] })
  const changed = git('status', '--porcelain', '--', 'dist')
  if (changed === '') return
  if (dryRun) {
    git('checkout', '--', 'dist')
    git('clean', '-fdq', '--', 'dist')
  }
  throw new ReleaseError(`dist/ is not what a fresh build produces: run 'npm run build' and commit dist/.\n${changed}`)
}

/** @param {string} version */
function checkVersionIsNew(version) {
  const parsed = /** @type {[number, number, number]} */ (parseVersion(version))
  const tags = git('tag', '--list', 'v*.*.*').split('\n').filter(Boolean)
  if (tags.includes(`v${version}`)) throw new ReleaseError(`Tag v${version} exists already.`)
  const sameMajor = tags.flatMap(tag => {
    const released = parseVersion(tag.slice(1))
    return released !== undefined && released[0] === parsed[0] ? [released] : []
  })
  const newest = sameMajor.sort(compareVersions).at(-1)
  if (newest !== undefined && compareVersions(parsed, newest) <= 0) {
    throw new ReleaseError(`${version} is not newer than the release v${newest.join('.')} of the same major version.`)
  }
}

/**
 * CHANGELOG.md with the Unreleased section turned into the release's, and a new empty one above it.
 * @param {string} text @param {string} version @param {string} date @param {boolean} dryRun
 */
function releasedChangelog(text, version, date, dryRun) {
  const heading = UNRELEASED.exec(text)
  if (heading === null) throw new ReleaseError('CHANGELOG.md has no "## Unreleased" section to release.')
  const start = heading.index + heading[0].length
  const next = text.slice(start).search(/^## /m)
  const notes = text.slice(start, next < 0 ? undefined : start + next).trim()
  if (notes === '') {
    const problem = 'CHANGELOG.md says nothing under "## Unreleased": write what changed for users first.'
    // After a release the section is empty until the next change: a dry run (CI's) only warns.
    if (!dryRun) throw new ReleaseError(problem)
    console.log(`Warning: ${problem}`)
  }
  return `${text.slice(0, heading.index)}## Unreleased\n\n## ${version} - ${date}\n${text.slice(start)}`
}

/** @param {string[]} args */
function parseArguments(args) {
  const flags = new Set(args.filter(arg => arg.startsWith('--')))
  const positional = args.filter(arg => !arg.startsWith('--'))
  for (const flag of flags) if (flag !== '--dry-run' && flag !== '--push') throw new ReleaseError(`Unknown option ${flag}.\n${usage}`)
  if (positional.length !== 1) throw new ReleaseError(usage)
  return { wanted: positional[0], dryRun: flags.has('--dry-run'), push: flags.has('--push') }
}

/** @param {string[]} args */
function release(args) {
  const { wanted, dryRun, push } = parseArguments(args)
  const packageFile = path.resolve('package.json')
  const changelogFile = path.resolve('CHANGELOG.md')
  /** @type {unknown} */
  const packageJson = JSON.parse(readFileSync(packageFile, 'utf8'))
  const manifest = /** @type {{ version: string }} */ (packageJson)
  const version = nextVersion(wanted, manifest.version)
  const current = /** @type {[number, number, number]} */ (parseVersion(manifest.version) ?? [0, 0, 0])
  if (compareVersions(/** @type {[number, number, number]} */ (parseVersion(version)), current) < 0) {
    throw new ReleaseError(`${version} is older than package.json's version ${manifest.version}.`)
  }
  const tag = `v${version}`
  const majorTag = `v${version.split('.')[0]}`

  checkCleanTree()
  checkVersionIsNew(version)
  const changelog = releasedChangelog(readFileSync(changelogFile, 'utf8'), version, new Date().toISOString().slice(0, 10), dryRun)
  checkDistIsFresh(dryRun)

  const branch = git('rev-parse', '--abbrev-ref', 'HEAD')
  const majorAt = git('tag', '--list', majorTag) === '' ? undefined : git('rev-parse', '--short', `${majorTag}^{commit}`)
  const pushCommands = [`git push origin ${branch} ${tag}`, `git push --force origin ${majorTag}`]
  const plan = [
    manifest.version === version ? `package.json: version ${version} already` : `package.json: version ${manifest.version} -> ${version}`,
    `CHANGELOG.md: "## Unreleased" -> "## ${version} - <today>", under a new empty "## Unreleased"`,
    `commit "Release ${version}" on ${branch}`,
    `tag ${tag}`,
    majorAt === undefined ? `tag ${majorTag} (new)` : `move tag ${majorTag} from ${majorAt} to the release`,
    push ? `push: ${pushCommands.join(' && ')}` : 'no push (add --push, or run the commands printed at the end)'
  ]
  console.log(`${dryRun ? 'Dry run: would release' : 'Releasing'} ${version}:\n${plan.map(step => `  - ${step}`).join('\n')}`)
  if (dryRun) {
    console.log('Dry run: every check passed; nothing was changed.')
    return
  }

  if (manifest.version !== version) writeFileSync(packageFile, readFileSync(packageFile, 'utf8').replace(/("version":\s*)"[^"]*"/, `$1"${version}"`))
  writeFileSync(changelogFile, changelog)
  git('add', packageFile, changelogFile)
  git('commit', '--quiet', '--message', `Release ${version}`)
  git('tag', '--annotate', tag, '--message', `Release ${version}`)
  git('tag', '--force', '--annotate', majorTag, '--message', `${majorTag}: the latest ${majorTag}.x.y release, now ${version}`)
  if (push) {
    for (const command of pushCommands) execSync(command, { stdio: 'inherit' })
    console.log(`Released ${version}.`)
  } else {
    console.log(`Released ${version} locally. To publish it:\n  ${pushCommands.join('\n  ')}`)
  }
}

try {
  release(process.argv.slice(2))
} catch (error) {
  if (!(error instanceof ReleaseError)) throw error
  console.error(`Release stopped: ${error.message}`)
  process.exitCode = 1
}
