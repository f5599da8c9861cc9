// action.yml is the action's documentation and its contract with the runner: it must say exactly
// what the code reads and writes. Checked two ways: the names the source passes to the input
// readers, and the inputs the settings actually read when each operation is configured.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { parse } from 'yaml'
import { OPERATIONS, readSettings, type OperationName } from '../src/settings/index.js'
import { captureStdout } from './stdout.js'

interface Metadata {
  name?: string
  description?: string
  branding?: { icon?: string; color?: string }
  inputs: Record<string, { description?: string; default?: string; required?: boolean }>
  outputs: Record<string, { description?: string }>
  runs: { using: string; main: string }
}

const root = path.resolve(import.meta.dirname, '..')
const metadata = parse(readFileSync(path.join(root, 'action.yml'), 'utf8')) as Metadata
const declaredInputs = Object.keys(metadata.inputs)
const declaredOutputs = Object.keys(metadata.outputs)

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter(entry => entry.isFile() && entry.name.endsWith('.ts'))
    .map(entry => path.join(entry.parentPath, entry.name))
}
const source = sourceFiles(path.join(root, 'src'))
  .map(file => readFileSync(file, 'utf8'))
  .join('\n')

const READERS = 'optional|required|secret|boolean|duration|size|positiveInteger|baseUrl|list|getInput|InputError'

/** Input names given as literals to the readers in src/settings/reader.ts, core.getInput, or an InputError. */
function inputNamesInSource(): Set<string> {
  const names = new Set<string>()
  for (const match of source.matchAll(new RegExp(`\\b(?:${READERS})\\(\\s*'([a-z][a-z0-9-]*)'`, 'g'))) names.add(match[1])
  // Readers of a pair of inputs, and lists of inputs the readers go through.
  for (const match of source.matchAll(/\b(?:exactlyOne|readEntity)\(\s*'([a-z][a-z0-9-]*)',\s*'([a-z][a-z0-9-]*)'/g)) {
    names.add(match[1]).add(match[2])
  }
  for (const match of source.matchAll(/\[((?:\s*'[a-z][a-z0-9-]*',?)+)\s*\](?=\.filter\(name => optional)|SECRET_INPUTS = \[([^\]]*)\]/g)) {
    for (const name of (match[1] ?? match[2]).matchAll(/'([a-z][a-z0-9-]*)'/g)) names.add(name[1])
  }
  return names
}

/** The inputs the settings read for one operation, seen as the INPUT_* variables @actions/core looks up. */
async function inputsReadBy(inputs: Record<string, string>): Promise<Set<string>> {
  const read = new Set<string>()
  const original = process.env
  const env: NodeJS.ProcessEnv = { ...original }
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value
  process.env = new Proxy(env, {
    get(target, key) {
      if (typeof key === 'string' && key.startsWith('INPUT_')) read.add(key.slice('INPUT_'.length).toLowerCase())
      return Reflect.get(target, key)
    }
  })
  try {
    await readSettings()
  } finally {
    process.env = original
  }
  return read
}

const harness = { 'harness-api-key': 'key', 'harness-account-id': 'acc', 'github-token': 't', 'github-environment': 'prod' }
const nextgen = { ...harness, 'harness-org': 'org', 'harness-project': 'proj' }
const gitlab = { 'gitlab-token': 'glpat', project: 'group/project' }

/** For each operation, inputs that make a valid configuration (the settings read every input they know). */
const CONFIGURATIONS: Record<OperationName, Array<Record<string, string>>> = {
  'harness-start-execution': [{ ...harness, application: 'shop', pipeline: 'deploy' }],
  'harness-execution-status': [{ ...harness, 'execution-id': 'e1' }],
  'harness-artifact-cleanup': [{ ...harness, 'artifact-stream-id': 's1' }],
  'harness-ng-run-pipeline': [{ ...nextgen, pipeline: 'deploy' }],
  'harness-ng-execution-status': [{ ...nextgen, 'execution-id': 'e1' }],
  'gitlab-download-artifacts': [
    { ...gitlab, 'job-id': '42' },
    { ...gitlab, ref: 'main', job: 'build' }
  ],
  'gitlab-download-artifact-file': [{ ...gitlab, 'job-id': '42', 'artifact-path': 'dist/app.tar.gz' }],
  'gitlab-keep-artifacts': [{ ...gitlab, 'job-id': '42' }],
  'gitlab-delete-artifacts': [{ ...gitlab, 'job-id': '42' }]
}

async function inputsReadByEveryOperation(): Promise<Set<string>> {
  const read = new Set<string>()
  for (const operation of OPERATIONS) {
    for (const inputs of CONFIGURATIONS[operation]) {
      for (const name of await inputsReadBy({ ...inputs, operation })) read.add(name)
    }
  }
  return read
}

function outputNamesInSource(): Set<string> {
  const union = /export type OutputName =([^;]*?)\n\n/.exec(readFileSync(path.join(root, 'src/settings/types.ts'), 'utf8'))?.[1] ?? ''
  const names = new Set([...union.matchAll(/'([a-z][a-z0-9-]*)'/g)].map(match => match[1]))
  for (const match of source.matchAll(/setOutput\(\s*'([a-z][a-z0-9-]*)'/g)) names.add(match[1])
  return names
}

describe('action.yml', () => {
  // Reading the settings masks the test keys: ::add-mask:: lines that would only clutter the test log.
  captureStdout()

  it('declares every input the source names', () => {
    expect([...inputNamesInSource()].filter(name => !declaredInputs.includes(name))).toEqual([])
  })

  it('declares every input the settings read', async () => {
    expect([...(await inputsReadByEveryOperation())].filter(name => !declaredInputs.includes(name))).toEqual([])
  })

  it('declares no input that nothing reads', async () => {
    const read = await inputsReadByEveryOperation()
    expect(declaredInputs.filter(name => !read.has(name))).toEqual([])
    const named = inputNamesInSource()
    expect(declaredInputs.filter(name => !named.has(name))).toEqual([])
  })

  it('declares exactly the outputs the source can set', () => {
    expect(new Set(declaredOutputs)).toEqual(outputNamesInSource())
  })

  it('describes every input and output', () => {
    const undescribed = [
      ...Object.entries(metadata.inputs).filter(([, input]) => !input.description?.trim()).map(([name]) => `input ${name}`),
      ...Object.entries(metadata.outputs).filter(([, output]) => !output.description?.trim()).map(([name]) => `output ${name}`)
    ]
    expect(undescribed).toEqual([])
  })

  it('gives the same defaults the code falls back to', () => {
    const fallbacks = [...source.matchAll(/\b(?:duration|size|baseUrl|boolean|positiveInteger)\('([a-z][a-z0-9-]*)',\s*'?([^')]*?)'?\)/g)]
    expect(fallbacks.length).toBeGreaterThan(5)
    for (const [, name, fallback] of fallbacks) {
      // A fallback held in a variable differs by operation (abort-on-timeout): action.yml then gives none.
      const perOperation = /^[a-z][A-Za-z]*$/.test(fallback) && !['true', 'false'].includes(fallback)
      expect({ name, default: metadata.inputs[name]?.default }).toEqual({ name, default: perOperation ? undefined : fallback.replace(/_/g, '') })
    }
  })

  it('requires only the operation; the rest depends on it', () => {
    expect(Object.entries(metadata.inputs).filter(([, input]) => input.required).map(([name]) => name)).toEqual(['operation'])
  })

  it('has a name, description, branding and runs the bundle on node24', () => {
    expect(metadata.name).toBeTruthy()
    expect(metadata.description).toBeTruthy()
    expect(metadata.branding).toEqual({ icon: expect.any(String), color: expect.any(String) })
    expect(metadata.runs).toEqual({ using: 'node24', main: 'dist/index.js' })
  })

  it("is what the README's input and output tables list, with the same defaults", () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8')
    const start = readme.indexOf('## Inputs and outputs')
    const table = (from: string, to: string): string[][] =>
      [...readme.slice(readme.indexOf(from, start), readme.indexOf(to, start)).matchAll(/^\| `([a-z0-9-]+)` \| ([^|]*) \|/gm)].map(match => [
        match[1],
        match[2].trim()
      ])
    const inputs = table('## Inputs and outputs', '### Outputs')
    expect(inputs.map(([name]) => name)).toEqual(declaredInputs)
    for (const [name, cell] of inputs) {
      const declared = metadata.inputs[name]
      expect([name, cell]).toEqual([name, declared.default !== undefined ? `\`${declared.default}\`` : declared.required ? 'required' : ''])
    }
    expect(table('### Outputs', '## Security').map(([name]) => name)).toEqual(declaredOutputs)
  })
})
