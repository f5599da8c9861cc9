// @ts-check
// Writes dist/licenses.txt: the name, licence and licence text of every package in the bundle.
// ncc's own --license output keeps only one chunk's packages once the bundle is split into
// chunks (each chunk's list overwrites the last), so the list is made here from ncc's stats.
// Usage: node scripts/licenses.js STATS_JSON OUTPUT (the stats file is removed once read).
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'

const [statsFile, outputFile] = process.argv.slice(2)
if (!statsFile || !outputFile) {
  console.error('usage: node scripts/licenses.js STATS_JSON OUTPUT')
  process.exit(2)
}

/**
 * What this script reads of ncc's (webpack's) stats: each module, and the modules it concatenates.
 * @typedef {{ nameForCondition?: string, modules?: StatsModule[] }} StatsModule
 */

/**
 * Every module of the build, nested concatenations included.
 * @param {StatsModule[]} modules
 * @returns {string[]}
 */
function modulePaths(modules) {
  return modules.flatMap(module => [...(module.nameForCondition ? [module.nameForCondition] : []), ...modulePaths(module.modules ?? [])])
}

/** The folder of the package that holds `file`: the deepest node_modules/<name> or node_modules/@scope/<name>. */
function packageFolder(/** @type {string} */ file) {
  const match = /^(.*\/node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(file.split(path.sep).join('/'))
  return match?.[1]
}

function licenceText(/** @type {string} */ folder) {
  const file = readdirSync(folder).find(name => /^licen[cs]e(\.(md|txt))?$/i.test(name))
  return file ? readFileSync(path.join(folder, file), 'utf8').trim() : undefined
}

/** @type {unknown} */
const parsedStats = JSON.parse(readFileSync(statsFile, 'utf8'))
const stats = /** @type {{ modules: StatsModule[] }} */ (parsedStats)
rmSync(statsFile)
const folders = [
  ...new Set(
    modulePaths(stats.modules)
      .map(packageFolder)
      .filter(folder => folder !== undefined)
  )
]
const packages = folders
  .map(folder => {
    /** @type {unknown} */
    const parsedManifest = JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8'))
    const manifest = /** @type {{ name: string, license?: string }} */ (parsedManifest)
    return { name: String(manifest.name), licence: String(manifest.license ?? 'UNKNOWN'), text: licenceText(folder) }
  })
  .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
const entries = packages.map(({ name, licence, text }) => [name, licence, text ?? '(the package ships no licence file)'].join('\n'))
writeFileSync(outputFile, `${entries.join('\n\n')}\n`)
console.log(`${outputFile}: ${packages.length} packages`)
