// @ts-check
// What every benchmark needs: timing a child process (and its peak memory), medians, a scratch
// folder that is always removed, and the rows of the one table `npm run bench` prints.
import { spawn } from 'node:child_process'
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { runAction } from '../simulator/run-action.js'
import { trackPeakRss } from '../simulator/process-memory.js'

export const MiB = 1024 * 1024
export const GiB = 1024 * MiB

/**
 * @typedef {object} Measured
 * @property {number} ms       Wall time from just before the spawn to the process's exit.
 * @property {number} peakKiB  Peak resident memory of the process.
 */

/**
 * One line of the table: a figure of this action beside the same figure of a reference, measured
 * in the same run.
 * @typedef {object} Row
 * @property {string} name
 * @property {string} action      This action's figure, formatted.
 * @property {string} reference   The reference's figure, formatted, naming the reference.
 * @property {number | undefined} ratio  action / reference; undefined when there is nothing to divide by.
 * @property {string} target      The target, in words.
 * @property {boolean | undefined} met  Undefined: a figure shown for information, with no target.
 */

/** @param {number[]} values */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/** @param {number} ms */
export function seconds(ms) {
  return `${(ms / 1000).toFixed(2)} s`
}

/** @param {number} kiB */
export function mebibytes(kiB) {
  return `${(kiB / 1024).toFixed(0)} MiB`
}

/** A scratch folder for the whole bench, removed on exit, Ctrl-C included (it may hold gigabytes). */
export function scratchFolder() {
  const folder = mkdtempSync(path.join(tmpdir(), 'harness-gitlab-bench-'))
  const remove = () => rmSync(folder, { recursive: true, force: true })
  process.once('exit', remove)
  for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
    process.once(signal, () => {
      remove()
      process.exit(130)
    })
  }
  return folder
}

/**
 * Runs a command to its end, timing it and tracking its peak memory.
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd?: string, env?: NodeJS.ProcessEnv }} [options]
 * @returns {Promise<Measured>}
 */
export async function measureCommand(command, args, options = {}) {
  const started = performance.now()
  const child = spawn(command, args, { ...options, stdio: ['ignore', 'ignore', 'pipe'] })
  const stop = trackPeakRss(child.pid)
  let stderr = ''
  child.stderr.on('data', chunk => (stderr += chunk))
  /** @type {number | null} */
  const code = await new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('close', resolve)
  })
  const ms = performance.now() - started
  const peakKiB = stop()
  if (code !== 0) throw new Error(`${path.basename(command)} ${args.join(' ')} exited with ${code}: ${stderr.trim()}`)
  return { ms, peakKiB }
}

/**
 * Runs the bundle as the runner does, timing it and tracking its peak memory; its temporary
 * folders are removed afterwards.
 * @param {Record<string, string>} inputs
 * @param {string} workspace
 * @param {Record<string, string>} [env]  More environment (a proxy, a CA file).
 * @returns {Promise<Measured & { outputs: Record<string, string> }>}
 */
export async function measureAction(inputs, workspace, env = {}) {
  let stop = () => 0
  const started = performance.now()
  const run = await runAction(inputs, { workspace, env, started: child => (stop = trackPeakRss(child.pid)) })
  const ms = performance.now() - started
  const peakKiB = stop()
  rmSync(path.dirname(run.runnerTemp), { recursive: true, force: true })
  if (run.code !== 0) throw new Error(`the action failed (exit ${run.code}):\n${run.stdout}${run.stderr}`)
  return { ms, peakKiB, outputs: run.outputs }
}

const WARM_BLOCK = Buffer.alloc(4 * MiB, 1)

/**
 * Writes and deletes a scratch file of `bytes`, so that the timed run after it gets memory the
 * system has just used. On this VM, memory left free for a few seconds goes back to the
 * hypervisor, and touching it again costs ~1.5 s per GiB: whichever tool ran first after a pause
 * would pay that, not the tool being measured. See BENCHMARKS.md.
 * @param {string} folder
 * @param {number} bytes
 */
export function reuseFreshMemory(folder, bytes) {
  const file = path.join(folder, 'warm-up.bin')
  const fd = openSync(file, 'w')
  try {
    for (let written = 0; written < bytes; written += WARM_BLOCK.length) writeSync(fd, WARM_BLOCK)
  } finally {
    closeSync(fd)
    rmSync(file)
  }
}

/**
 * Runs each contender `runs` times, interleaved (a, b, a, b...) so that drift in the machine's
 * state hits them alike.
 * @param {number} runs
 * @param {Record<string, () => Promise<Measured>>} contenders
 * @returns {Promise<Record<string, Measured[]>>}
 */
export async function interleaved(runs, contenders) {
  /** @type {Record<string, Measured[]>} */
  const results = {}
  for (const name of Object.keys(contenders)) results[name] = []
  for (let run = 0; run < runs; run++) {
    for (const [name, measure] of Object.entries(contenders)) results[name].push(await measure())
  }
  return results
}

/** @param {Measured[]} runs */
export function medianMs(runs) {
  return median(runs.map(run => run.ms))
}

/** @param {Measured[]} runs */
export function medianPeakKiB(runs) {
  return median(runs.map(run => run.peakKiB))
}

/**
 * The table, in Markdown.
 * @param {Row[]} rows
 */
export function table(rows) {
  const lines = ['| Benchmark | This action | Reference | Ratio | Target | Met |', '| --- | ---: | ---: | ---: | --- | :---: |']
  for (const row of rows) {
    const met = row.met === undefined ? '' : row.met ? 'yes' : '**NO**'
    lines.push(`| ${row.name} | ${row.action} | ${row.reference} | ${row.ratio === undefined ? '—' : `${row.ratio.toFixed(2)}x`} | ${row.target} | ${met} |`)
  }
  return lines.join('\n')
}
