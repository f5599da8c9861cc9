import { InputError } from '../src/errors.js'
import { readSettings } from '../src/operations/registry.js'
import { parseServiceArtifacts, parseVariables } from '../src/operations/harness-start-execution.js'

async function withInputs(inputs: Record<string, string>, read: () => unknown): Promise<unknown> {
  const names = Object.keys(inputs).map(name => `INPUT_${name.toUpperCase()}`)
  Object.entries(inputs).forEach(([name, value]) => (process.env[`INPUT_${name.toUpperCase()}`] = value))
  try {
    return await read()
  } finally {
    names.forEach(name => delete process.env[name])
  }
}

const harness = { 'harness-api-key': 'k', 'harness-account-id': 'acc' }

describe('readSettings', () => {
  it('names the valid operations for an unknown one', async () => {
    await expect(withInputs({ operation: 'nope' }, readSettings)).rejects.toThrow(/Input 'operation' must be one of .*; got 'nope'/)
  })

  it('rejects a bad duration naming the input', async () => {
    await expect(withInputs({ ...harness, operation: 'harness-execution-status', 'execution-id': 'e1', timeout: 'soon' }, readSettings)).rejects.toThrow(
      "Input 'timeout' must be a duration such as 90s, 15m, 45min, 1h30m, 2 hours or a number of seconds; got 'soon'."
    )
  })

  it('reads durations in each unit', async () => {
    for (const [text, ms] of [
      ['90s', 90_000],
      ['15m', 900_000],
      ['1h', 3_600_000],
      ['45', 45_000],
      ['0.5', 500]
    ] as const) {
      const settings = await withInputs({ ...harness, operation: 'harness-execution-status', 'execution-id': 'e1', 'poll-interval': text }, readSettings)
      expect(settings).toMatchObject({ wait: { pollIntervalMs: ms } })
    }
  })

  it('refuses both a pipeline and a workflow', async () => {
    await expect(
      withInputs({ ...harness, operation: 'harness-start-execution', application: 'a', pipeline: 'p', 'workflow-id': 'w' }, readSettings)
    ).rejects.toThrow(InputError)
  })
})

describe('parseVariables', () => {
  it('reads name=value lines as NAME values', () => {
    expect(parseVariables('env=prod\nurl=http://x:1/a=b')).toEqual([
      { name: 'env', type: 'NAME', value: 'prod' },
      { name: 'url', type: 'NAME', value: 'http://x:1/a=b' }
    ])
  })

  it('reads a YAML map, keeping numbers as written and honouring a type', () => {
    expect(parseVariables('version: 1.10\ninfra:\n  type: id\n  value: abc123')).toEqual([
      { name: 'version', type: 'NAME', value: '1.10' },
      { name: 'infra', type: 'ID', value: 'abc123' }
    ])
  })

  it('rejects an unknown type', () => {
    expect(() => parseVariables('infra: {type: UUID, value: x}')).toThrow(/Input 'variables' has a bad entry 'infra'/)
  })
})

describe('parseServiceArtifacts', () => {
  it('reads the long and the short form', () => {
    expect(parseServiceArtifacts('api:\n  artifact-source: api-image\n  build-number: 1.4.2\nweb: web-image@2024.1')).toEqual([
      { service: 'api', artifactSource: 'api-image', buildNumber: '1.4.2' },
      { service: 'web', artifactSource: 'web-image', buildNumber: '2024.1' }
    ])
  })
})
