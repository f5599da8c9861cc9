import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { readSettings } from '../../src/operations/registry.js'

const base = {
  operation: 'harness-ng-run-pipeline',
  'harness-api-key': 'k',
  'harness-account-id': 'acc',
  'harness-org': 'default',
  'harness-project': 'payments',
  pipeline: 'deploy'
}

async function read(inputs: Record<string, string>, env: Record<string, string> = {}): Promise<unknown> {
  const variables = { ...Object.fromEntries(Object.entries({ ...base, ...inputs }).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value])), ...env }
  Object.assign(process.env, variables)
  try {
    return await readSettings()
  } finally {
    Object.keys(variables).forEach(name => delete process.env[name])
  }
}

describe('NextGen runtime inputs', () => {
  it('keeps inline YAML exactly as given, indentation and final newline included', async () => {
    const yaml = '  pipeline:\n    identifier: deploy\n  # trailing comment\n'
    expect(await read({ 'runtime-inputs': yaml })).toMatchObject({ runtimeInputs: yaml })
  })

  it('reads a .yaml path from the workspace', async () => {
    const workspace = mkdtempSync(path.join(tmpdir(), 'ng-settings-'))
    writeFileSync(path.join(workspace, 'inputs.yml'), 'pipeline:\n  identifier: deploy\n')
    expect(await read({ 'runtime-inputs': ' inputs.yml\n' }, { GITHUB_WORKSPACE: workspace })).toMatchObject({
      runtimeInputs: 'pipeline:\n  identifier: deploy\n'
    })
  })

  it('names a missing file and bad YAML', async () => {
    const workspace = mkdtempSync(path.join(tmpdir(), 'ng-settings-'))
    await expect(read({ 'runtime-inputs': 'missing.yaml' }, { GITHUB_WORKSPACE: workspace })).rejects.toThrow(
      `Input 'runtime-inputs' names the file 'missing.yaml', which does not exist in the workspace (${path.join(workspace, 'missing.yaml')}). ` +
        'Check the path, and that an actions/checkout step runs before this one.'
    )
    await expect(read({ 'runtime-inputs': 'pipeline:\n  identifier: [deploy' })).rejects.toThrow(
      "Input 'runtime-inputs' is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ], at line 2: 'identifier: [deploy'."
    )
  })

  it('refuses runtime inputs together with input sets, and reads input set lists', async () => {
    await expect(read({ 'runtime-inputs': 'pipeline: {}', 'input-sets': 'prod' })).rejects.toThrow(/'runtime-inputs' and 'input-sets' are both set/)
    expect(await read({ 'input-sets': 'prod, canary\neu' })).toMatchObject({ inputSets: ['prod', 'canary', 'eu'], runtimeInputs: '' })
  })
})

describe('who aborts: abort-on-timeout and abort-on-cancel', () => {
  // An empty input counts as not set: these blank out the NextGen run inputs of `base` that the operation does not read.
  const notNextGen = { 'harness-org': '', 'harness-project': '' }
  const status = { operation: 'harness-ng-execution-status', 'execution-id': 'e1', pipeline: '' }
  const firstGenStatus = { operation: 'harness-execution-status', 'execution-id': 'e1', pipeline: '', ...notNextGen }
  const firstGenStart = { operation: 'harness-start-execution', 'application-id': 'a1', pipeline: 'Release', ...notNextGen }

  it('default to true for the operations that start the execution', async () => {
    expect(await read({})).toMatchObject({ abort: { onTimeout: true, onCancel: true } })
    expect(await read(firstGenStart)).toMatchObject({ abort: { onTimeout: true, onCancel: true } })
  })

  it('default to false for the status operations, which only watch', async () => {
    expect(await read(status)).toMatchObject({ abort: { onTimeout: false, onCancel: false } })
    expect(await read(firstGenStatus)).toMatchObject({ abort: { onTimeout: false, onCancel: false } })
  })

  it('are read separately', async () => {
    expect(await read({ ...status, 'abort-on-timeout': 'true' })).toMatchObject({ abort: { onTimeout: true, onCancel: false } })
    expect(await read({ 'abort-on-timeout': 'false' })).toMatchObject({ abort: { onTimeout: false, onCancel: true } })
    await expect(read({ 'abort-on-cancel': 'maybe' })).rejects.toThrow("Input 'abort-on-cancel' must be true or false (as GitHub reads booleans")
  })

  it('let passing-statuses name Suspended', async () => {
    expect(await read({ 'passing-statuses': 'success, suspended' })).toMatchObject({ wait: { passingStatuses: new Set(['Success', 'Suspended']) } })
  })
})
