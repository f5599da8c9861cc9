// Runs the committed bundle the way the GitHub runner does: a separate Node 24 process,
// inputs as INPUT_* variables (declared defaults supplied), outputs and summary through files.
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { parse } from 'yaml'

const root = path.resolve(import.meta.dirname, '..', '..')
const bundle = process.env.ACTION_BUNDLE ?? path.join(root, 'dist', 'index.js')
// The `node` package ships the Node 24 that GitHub runs the action with.
const node24 = path.join(root, 'node_modules', 'node', 'bin', 'node')

interface ActionMetadata {
  inputs: Record<string, { default?: string }>
  outputs: Record<string, unknown>
}

export const metadata = parse(readFileSync(path.join(root, 'action.yml'), 'utf8')) as ActionMetadata

export interface ActionRun {
  code: number | null
  stdout: string
  stderr: string
  outputs: Record<string, string>
  summary: string
  /** Folders the run was given. */
  workspace: string
  runnerTemp: string
}

export interface RunOptions {
  env?: Record<string, string>
  /** Called once the process is started, e.g. to send it a signal later. */
  started?: (child: ChildProcess) => void
  /** An existing workspace to run in. */
  workspace?: string
}

function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`
}

/** Parses the `name<<DELIMITER` blocks that @actions/core writes to GITHUB_OUTPUT. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const pattern = /^(.+?)<<(\S+)\n([\s\S]*?)\n\2$/gm
  for (const match of text.matchAll(pattern)) outputs[match[1]] = match[3]
  return outputs
}

export async function runAction(inputs: Record<string, string>, options: RunOptions = {}): Promise<ActionRun> {
  const temp = mkdtempSync(path.join(tmpdir(), 'action-run-'))
  const workspace = options.workspace ?? mkdtempSync(path.join(temp, 'workspace-'))
  const runnerTemp = mkdtempSync(path.join(temp, 'runner-temp-'))
  const outputFile = path.join(temp, 'output')
  const summaryFile = path.join(temp, 'summary')
  writeFileSync(outputFile, '')
  writeFileSync(summaryFile, '')

  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? temp,
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

  const child = spawn(existsSync(node24) ? node24 : process.execPath, [bundle], { env, cwd: workspace })
  options.started?.(child)
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', chunk => (stdout += chunk))
  child.stderr.on('data', chunk => (stderr += chunk))
  const code = await new Promise<number | null>(resolve => child.on('close', exitCode => resolve(exitCode)))
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

export interface Annotation {
  level: 'error' | 'warning' | 'notice'
  title?: string
  message: string
}

/** The `::error title=...::message` workflow commands in a run's stdout. */
export function annotations(stdout: string): Annotation[] {
  const unescape = (text: string): string => text.replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%')
  return [...stdout.matchAll(/^::(error|warning|notice)(?: ([^:]*))?::(.*)$/gm)].map(match => ({
    level: match[1] as Annotation['level'],
    title: /title=([^,]*)/.exec(match[2] ?? '')?.[1]?.replace(/%2C/g, ',').replace(/%3A/g, ':').replace(/%25/g, '%'),
    message: unescape(match[3])
  }))
}

/** Log lines as a person reads them, without the add-mask commands that carry secrets to the runner. */
export function visibleLog(run: ActionRun): string {
  return (run.stdout + run.stderr).split('\n').filter(line => !line.startsWith('::add-mask::')).join('\n')
}
