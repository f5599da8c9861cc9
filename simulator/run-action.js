// @ts-check
// Runs the bundle the way the GitHub runner does: a separate Node 24 process, inputs as INPUT_*
// variables (declared defaults supplied for every input, given or not, as the runner does; action.yml
// declares none, so that the action can tell the inputs a workflow set), outputs and the job
// summary through files.
// Shared by the end-to-end tests, `npm run demo` and `npm run bench`.
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const defaultBundle = path.join(projectRoot, 'dist', 'index.js')
// The `node` package ships the Node 24 that GitHub runs the action with.
const node24 = path.join(projectRoot, 'node_modules', 'node', 'bin', 'node')
/** The Node that runs the action (and, in the bench, the clients it is compared with). */
export const actionNode = existsSync(node24) ? node24 : process.execPath

/** @type {unknown} */
const parsedMetadata = parse(readFileSync(path.join(projectRoot, 'action.yml'), 'utf8'))
export const metadata =
  /** @type {{ inputs: Record<string, { default?: string, description?: string }>, outputs: Record<string, { description?: string }> }} */ (parsedMetadata)

/**
 * @typedef {object} ActionRun
 * @property {number | null} code
 * @property {string} stdout
 * @property {string} stderr
 * @property {Record<string, string>} outputs
 * @property {string} summary
 * @property {string} workspace   The folder the run was given as GITHUB_WORKSPACE.
 * @property {string} runnerTemp  The folder the run was given as RUNNER_TEMP.
 */

/**
 * @typedef {object} RunOptions
 * @property {Record<string, string>} [env]  More environment, e.g. GITHUB_API_URL.
 * @property {(child: import('node:child_process').ChildProcessWithoutNullStreams) => void} [started]
 *   Called once the process is started, e.g. to send it a signal later.
 * @property {string} [workspace]  An existing workspace to run in.
 * @property {string} [bundle]     The script to run; default dist/index.js, or $ACTION_BUNDLE.
 * @property {(text: string) => void} [onOutput]  Receives stdout and stderr as they come.
 */

/** @type {string | undefined} */
let runsRoot

/**
 * One folder for all runs, removed at exit: a large download leaves hundreds of MB. (Jest ends its
 * workers without an exit event; there each test file's TMPDIR, and so this folder, is removed by
 * __tests__/environment/test-environment.js.)
 */
function runsFolder() {
  if (runsRoot === undefined) {
    runsRoot = mkdtempSync(path.join(tmpdir(), 'action-runs-'))
    process.once('exit', removeRuns)
  }
  return runsRoot
}

/** Removes every run's folders. */
function removeRuns() {
  if (runsRoot !== undefined) rmSync(runsRoot, { recursive: true, force: true })
  runsRoot = undefined
}

/** @param {string} name */
function inputVariable(name) {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`
}

/**
 * Parses the `name<<DELIMITER` blocks that @actions/core writes to GITHUB_OUTPUT.
 * @param {string} text
 */
export function parseOutputFile(text) {
  /** @type {Record<string, string>} */
  const outputs = {}
  for (const match of text.matchAll(/^(.+?)<<(\S+)\n([\s\S]*?)\n\2$/gm)) outputs[match[1]] = match[3]
  return outputs
}

/**
 * @param {Record<string, string>} inputs
 * @param {RunOptions} [options]
 * @returns {Promise<ActionRun>}
 */
export async function runAction(inputs, options = {}) {
  const temp = mkdtempSync(path.join(runsFolder(), 'run-'))
  const workspace = options.workspace ?? mkdtempSync(path.join(temp, 'workspace-'))
  const runnerTemp = mkdtempSync(path.join(temp, 'runner-temp-'))
  const outputFile = path.join(temp, 'output')
  const summaryFile = path.join(temp, 'summary')
  writeFileSync(outputFile, '')
  writeFileSync(summaryFile, '')

  /** @type {Record<string, string>} */
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? temp,
    // Whatever the action or Node writes to the temporary folder stays where the caller cleans up.
    TMPDIR: tmpdir(),
    GITHUB_ACTIONS: 'true',
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_WORKSPACE: workspace,
    RUNNER_TEMP: runnerTemp
  }
  for (const [name, spec] of Object.entries(metadata.inputs)) {
    if (spec.default !== undefined) env[inputVariable(name)] = spec.default
  }
  for (const [name, value] of Object.entries(inputs)) env[inputVariable(name)] = value
  Object.assign(env, options.env)

  const bundle = options.bundle ?? process.env.ACTION_BUNDLE ?? defaultBundle
  const child = spawn(actionNode, [bundle], { env, cwd: workspace })
  options.started?.(child)
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', chunk => {
    stdout += chunk
    options.onOutput?.(String(chunk))
  })
  child.stderr.on('data', chunk => {
    stderr += chunk
    options.onOutput?.(String(chunk))
  })
  /** @type {number | null} */
  const code = await new Promise(resolve => child.on('close', exitCode => resolve(exitCode)))
  return {
    code,
    stdout,
    stderr,
    outputs: parseOutputFile(readFileSync(outputFile, 'utf8')),
    summary: readFileSync(summaryFile, 'utf8'),
    workspace,
    runnerTemp
  }
}
