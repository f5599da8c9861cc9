// action.yml is the action's documentation and its contract with the runner: it must say exactly
// what the code reads and writes. Checked two ways: the names the source passes to the input
// readers, and the inputs the settings actually read when each operation is configured.
import { expect } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { parse } from 'yaml'
import { allOperations, inputTable, readSettings, type OperationName } from '../src/operations/registry.js'
import { INPUT_DEFAULTS, ROLE_HERE, operationsReading } from '../src/settings/inputs.js'
import { captureStdout } from './stdout.js'

/** Which inputs each operation reads, from the family lists (each operation's own file). */
const OPERATION_INPUTS = inputTable(await allOperations()) as Readonly<Record<OperationName, readonly string[]>>
const OPERATIONS = Object.keys(OPERATION_INPUTS) as OperationName[]

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

const READERS =
  'optional|required|requiredSecret|identifier|checkIdentifier|secret|boolean|duration|size|positiveInteger|wholeNumber|baseUrl|list|getInput|InputError'

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
      return Reflect.get(target, key) as string | undefined
    }
  })
  try {
    await readSettings()
  } finally {
    process.env = original
  }
  return read
}

const connection = { 'harness-api-key': 'key', 'harness-account-id': 'acc' }
const harness = { ...connection, 'github-token': 't', 'github-environment': 'prod' }
const nextgen = { ...harness, 'harness-org': 'org', 'harness-project': 'proj' }
const gitlab = { 'gitlab-token': 'glpat', project: 'group/project' }

/** For each operation, inputs that make a valid configuration (the settings read every input they know). */
const CONFIGURATIONS: Record<OperationName, Array<Record<string, string>>> = {
  'harness-start-execution': [{ ...harness, application: 'shop', pipeline: 'deploy' }],
  'harness-execution-status': [{ ...harness, 'execution-id': 'e1' }],
  'harness-artifact-cleanup': [{ ...connection, 'artifact-stream-id': 's1' }],
  'harness-ng-run-pipeline': [{ ...nextgen, pipeline: 'deploy' }],
  'harness-ng-execution-status': [{ ...nextgen, 'execution-id': 'e1' }],
  'harness-ng-trigger-webhook': [{ ...nextgen, pipeline: 'deploy', trigger: 'on_release', payload: '{"version":"1.2.3"}' }],
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
  const union = /export type OutputName =([^;]*?)\n\n/.exec(readFileSync(path.join(root, 'src/results.ts'), 'utf8'))?.[1] ?? ''
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
      ...Object.entries(metadata.inputs)
        .filter(([, input]) => !input.description?.trim())
        .map(([name]) => `input ${name}`),
      ...Object.entries(metadata.outputs)
        .filter(([, output]) => !output.description?.trim())
        .map(([name]) => `output ${name}`)
    ]
    expect(undescribed).toEqual([])
  })

  it('declares no default, and states in the description each default the code applies', () => {
    // The runner passes an input with a declared default to every step: the action could not tell it from one the user set.
    expect(
      Object.entries(metadata.inputs)
        .filter(([, input]) => input.default !== undefined)
        .map(([name]) => name)
    ).toEqual([])
    const missing = Object.entries(INPUT_DEFAULTS)
      .filter(([name, value]) => !metadata.inputs[name]?.description?.includes(`Default: ${value}.`))
      .map(([name, value]) => `action.yml: the description of '${name}' should say "Default: ${value}."`)
    expect(missing).toEqual([])
  })

  it('requires only the operation; the rest depends on it', () => {
    expect(
      Object.entries(metadata.inputs)
        .filter(([, input]) => input.required)
        .map(([name]) => name)
    ).toEqual(['operation'])
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
    const inputs = table('### Inputs', '### Outputs')
    expect(inputs.map(([name]) => name)).toEqual(declaredInputs)
    for (const [name, cell] of inputs) {
      const declared = metadata.inputs[name]
      expect([name, cell]).toEqual([name, INPUT_DEFAULTS[name] !== undefined ? `\`${INPUT_DEFAULTS[name]}\`` : declared.required ? 'required' : ''])
    }
    expect(table('### Outputs', '## Security').map(([name]) => name)).toEqual(declaredOutputs)
  })
})

/** What an input's description says about who reads it, from each operation's `inputs`. */
function readersSentence(input: string): string {
  const readers = operationsReading(input, OPERATION_INPUTS)
  const family = (prefix: string): OperationName[] => OPERATIONS.filter(operation => operation.startsWith(prefix))
  const same = (names: string[]): boolean => names.length === readers.length && names.every(name => readers.includes(name))
  if (same([...OPERATIONS])) return 'Read by every operation.'
  if (same(family('harness-'))) return 'Read by every Harness operation.'
  if (same(family('gitlab-'))) return 'Read by every GitLab operation.'
  const names = readers.length < 2 ? readers.join('') : `${readers.slice(0, -1).join(', ')} and ${readers[readers.length - 1]}`
  return `Read by ${names}.`
}

describe("the inputs each operation reads (its registry entry's inputs)", () => {
  captureStdout()

  it('lists every declared input, and declares every input it lists', () => {
    const listed = new Set(Object.values(OPERATION_INPUTS).flat())
    const problems = [
      ...declaredInputs
        .filter(name => name !== 'operation' && !listed.has(name))
        .map(name => `'${name}' is declared in action.yml but read by no operation: add it to the inputs of the operations that read it`),
      ...[...listed].filter(name => !declaredInputs.includes(name)).map(name => `'${name}' is in an operation's inputs but not declared in action.yml`),
      ...Object.keys(INPUT_DEFAULTS)
        .filter(name => !listed.has(name))
        .map(name => `'${name}' has a default in INPUT_DEFAULTS but is in no operation's inputs`)
    ]
    expect(problems).toEqual([])
  })

  it("is what each operation's settings read, no more and no less", async () => {
    const problems: string[] = []
    for (const operation of OPERATIONS) {
      const read = new Set<string>()
      for (const inputs of CONFIGURATIONS[operation]) for (const name of await inputsReadBy({ ...inputs, operation })) read.add(name)
      const listed = OPERATION_INPUTS[operation]
      problems.push(...listed.filter(name => !read.has(name)).map(name => `${operation} lists '${name}' in its inputs, but its settings never read it`))
      // Every secret is read once by every operation, to be masked before anything else.
      const extra = [...read].filter(name => name !== 'operation' && !listed.includes(name) && !/token|key/.test(name))
      problems.push(...extra.map(name => `${operation} reads '${name}', which its inputs do not list`))
    }
    expect(problems).toEqual([])
  })

  it('names only declared inputs, read by the operation named, as the input that plays a role there', () => {
    const problems: string[] = []
    for (const [input, operations] of Object.entries(ROLE_HERE)) {
      for (const [operation, instead] of Object.entries(operations)) {
        if (OPERATION_INPUTS[operation as OperationName].includes(input)) problems.push(`ROLE_HERE: ${operation} reads '${input}' itself`)
        for (const [, named] of (instead ?? '').matchAll(/'([a-z0-9-]+)'/g)) {
          if (!OPERATION_INPUTS[operation as OperationName].includes(named))
            problems.push(`ROLE_HERE: '${input}' → '${named}', which ${operation} does not read`)
        }
      }
    }
    expect(problems).toEqual([])
  })

  it("is what action.yml's descriptions say", () => {
    const problems = declaredInputs
      .filter(name => name !== 'operation')
      .filter(name => !(metadata.inputs[name].description ?? '').trim().endsWith(readersSentence(name)))
      .map(name => `action.yml: the description of '${name}' should end with "${readersSentence(name)}"`)
    expect(problems).toEqual([])
  })

  it("is what the README's list of inputs per operation says", () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8')
    const start = readme.indexOf('### Which operation reads which input')
    const section = readme.slice(start, readme.indexOf('### Inputs\n', start))
    const rows = Object.fromEntries(
      [...section.matchAll(/^\| `([a-z0-9-]+)` \| (.*) \|$/gm)].map(match => [match[1], [...match[2].matchAll(/`([a-z0-9-]+)`/g)].map(name => name[1])])
    )
    const problems = OPERATIONS.flatMap(operation => {
      const listed = OPERATION_INPUTS[operation]
      const inReadme = rows[operation] ?? []
      return [
        ...listed.filter(name => !inReadme.includes(name)).map(name => `README: the row of ${operation} lacks '${name}'`),
        ...inReadme.filter(name => !listed.includes(name)).map(name => `README: the row of ${operation} lists '${name}', which it does not read`)
      ]
    })
    expect(problems).toEqual([])
  })
})
