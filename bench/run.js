// @ts-check
// `npm run bench`: starts fake GitLab and Harness servers on 127.0.0.1, measures the action
// (dist/index.js, run as the runner runs it) beside curl, unzip, @gitbeaker/rest and a bare Node,
// prints one table and exits non-zero when a target is missed. See BENCHMARKS.md.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import os from 'node:os'
import { defaultBundle } from '../simulator/run-action.js'
import { canTrackMemory } from '../simulator/process-memory.js'
import { coldStartRows } from './cold-start.js'
import { downloadRows } from './download.js'
import { extractionRows } from './extract.js'
import { networkRows } from './network.js'
import { scratchFolder, table } from './measure.js'
import { pollingRows } from './polling.js'

/**
 * @param {string} command
 * @param {string} versionFlag
 */
function installed(command, versionFlag) {
  try {
    execFileSync(command, [versionFlag], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

const missing = [
  existsSync(defaultBundle) ? undefined : 'dist/index.js (run `npm run build`)',
  installed('curl', '--version') ? undefined : 'curl (apt-get install curl)',
  installed('unzip', '-v') ? undefined : 'unzip (apt-get install unzip)',
  installed('sha256sum', '--version') ? undefined : 'sha256sum (apt-get install coreutils)',
  canTrackMemory ? undefined : 'Linux /proc, to read peak memory'
].filter(Boolean)
if (missing.length > 0) {
  console.error(`The bench needs: ${missing.join(', ')}`)
  process.exit(2)
}

const machine = `${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.availableParallelism()} cores, ${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB memory, Linux ${os.release()}`
console.log(`Machine: ${machine}`)
const scratch = scratchFolder()
const started = performance.now()
/** @type {import('./measure.js').Row[]} */
const rows = []
// `npm run bench -- network` (or any word of a section's name) measures only the sections named.
const only = process.argv.slice(2)
for (const [what, section] of /** @type {const} */ ([
  // The light ones first: gigabytes written and deleted keep the disk busy for a while after.
  ['cold start', coldStartRows],
  ['polling', pollingRows],
  ['downloads (64 MiB, 256 MiB, 1 GiB)', downloadRows],
  ['extraction', extractionRows],
  ['network: downloads through a proxy and over HTTPS', networkRows]
]).filter(([what]) => only.length === 0 || only.some(word => what.includes(word)))) {
  console.log(`Measuring ${what}...`)
  rows.push(...(await section(scratch)))
}
// Printed in the issue's order (each row's name starts with its number), whatever order they ran in
// (sort is stable: rows of one benchmark keep their order).
const ordered = [...rows].sort((a, b) => parseInt(a.name) - parseInt(b.name))
console.log(`\n${table(ordered)}\n`)
const missed = rows.filter(row => row.met === false)
console.log(
  `${rows.length} figures in ${((performance.now() - started) / 1000).toFixed(0)} s; ${missed.length === 0 ? 'every target met' : `${missed.length} target(s) missed`}.`
)
process.exitCode = missed.length === 0 ? 0 : 1
