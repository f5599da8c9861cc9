// The input reader: how each kind of input is read as the runner passes it (INPUT_* variables).
import { InputError } from '../../src/errors.js'
import {
  baseUrl,
  boolean,
  checkIdentifier,
  closest,
  duration,
  parseDuration,
  positiveInteger,
  requiredSecret,
  size,
  yamlProblem
} from '../../src/settings/reader.js'
import { parse } from 'yaml'
import { captureStdout } from '../stdout.js'

function withInput<T>(name: string, value: string | undefined, read: () => T): T {
  const variable = `INPUT_${name.toUpperCase()}`
  if (value === undefined) delete process.env[variable]
  else process.env[variable] = value
  try {
    return read()
  } finally {
    delete process.env[variable]
  }
}

describe('duration', () => {
  it.each([
    ['90s', 90_000],
    ['15m', 900_000],
    ['45min', 2_700_000],
    ['1h30m', 5_400_000],
    ['1h 30m', 5_400_000],
    ['2 hours', 7_200_000],
    ['1.5h', 5_400_000],
    ['2 hours 30 minutes', 9_000_000],
    ['500ms', 500],
    ['45', 45_000],
    ['0.5', 500],
    ['1D', 86_400_000],
    [' 10 Sec ', 10_000]
  ])('reads %p', (text, ms) => {
    expect(parseDuration(text)).toBe(ms)
  })

  it.each(['soon', '1h30', '10 parsecs', 'h', '-5s', '', '1h-30m'])('refuses %p', text => {
    expect(parseDuration(text)).toBeNaN()
  })

  it('names the input and the forms it takes; a zero duration is refused', () => {
    expect(() => withInput('timeout', '0s', () => duration('timeout'))).toThrow(
      "Input 'timeout' must be a duration such as 90s, 15m, 45min, 1h30m, 2 hours or a number of seconds; got '0s'."
    )
  })

  it('falls back to the default stated in action.yml', () => {
    expect(withInput('timeout', undefined, () => duration('timeout'))).toBe(30 * 60_000)
    expect(withInput('poll-interval', undefined, () => duration('poll-interval'))).toBe(10_000)
  })
})

describe('boolean', () => {
  it.each([
    ['true', true],
    ['True', true],
    ['TRUE', true],
    ['false', false],
    ['False', false],
    ['FALSE', false]
  ])('reads %p as getBooleanInput does', (text, value) => {
    expect(withInput('wait', text, () => boolean('wait'))).toBe(value)
  })

  it.each(['yes', 'no', 'on', 'off', '1', '0', 'tRue'])('refuses %p, which getBooleanInput refuses too', text => {
    expect(() => withInput('wait', text, () => boolean('wait'))).toThrow(
      `Input 'wait' must be true or false (as GitHub reads booleans: true, True, TRUE, false, False, FALSE); got '${text}'.`
    )
  })

  it('falls back to the default', () => {
    expect(withInput('extract', undefined, () => boolean('extract'))).toBe(true)
    expect(withInput('search-recent-successful-pipelines', undefined, () => boolean('search-recent-successful-pipelines'))).toBe(false)
  })
})

describe('size and positiveInteger', () => {
  it('read units and defaults', () => {
    expect(withInput('max-extracted-size', '500MiB', () => size('max-extracted-size'))).toBe(500 * 1024 ** 2)
    expect(withInput('max-extracted-size', undefined, () => size('max-extracted-size'))).toBe(10 * 1024 ** 3)
    expect(withInput('max-extracted-files', undefined, () => positiveInteger('max-extracted-files'))).toBe(100_000)
    expect(() => withInput('max-extracted-files', '1e5', () => positiveInteger('max-extracted-files'))).toThrow(
      "Input 'max-extracted-files' must be a positive whole number; got '1e5'."
    )
  })
})

describe('baseUrl', () => {
  const gitlab = (text: string): URL => withInput('gitlab-url', text, () => baseUrl('gitlab-url', 'GitLab', /\/api(?:\/v4|\/graphql)?$/))

  it('keeps a path prefix', () => {
    expect(gitlab('https://example.com/gitlab/').href).toBe('https://example.com/gitlab/')
  })

  it('refuses an API path with the URL that was meant', () => {
    expect(() => gitlab('https://gitlab.example.com/api/v4/')).toThrow(
      "Input 'gitlab-url' must be the GitLab base URL, without '/api/v4' (the action adds the API path itself); got 'https://gitlab.example.com/api/v4/'. Use 'https://gitlab.example.com'."
    )
    expect(() => gitlab('https://example.com/gitlab/api/graphql')).toThrow(/Use 'https:\/\/example.com\/gitlab'\.$/)
  })

  it('refuses other schemes, a query, a fragment and credentials', () => {
    for (const text of ['ftp://gitlab.com', 'gitlab.com', 'https://gitlab.com/?x=1', 'https://gitlab.com/#top', 'https://user:pw@gitlab.com']) {
      expect(() => gitlab(text)).toThrow(
        `Input 'gitlab-url' must be an https:// or http:// URL without query, fragment (#...) or credentials, such as https://gitlab.com; got '${text}'.`
      )
    }
  })
})

describe('requiredSecret', () => {
  captureStdout()

  it('says an empty secret may be unset, or withheld from a fork', () => {
    expect(() => withInput('harness-api-key', '', () => requiredSecret('harness-api-key', 'a Harness API key'))).toThrow(
      "Input 'harness-api-key' is required: a Harness API key. An empty value usually means the secret it comes from is not set for this repository " +
        '(or its environment or organization), or the workflow runs for a pull request from a fork, which gets no secrets.'
    )
  })
})

describe('checkIdentifier', () => {
  it.each(['.', '..'])('refuses %p for any identifier', value => {
    expect(() => checkIdentifier('execution-id', value)).toThrow(`Input 'execution-id' must be an identifier, not '.' or '..'; got '${value}'.`)
    expect(() => checkIdentifier('ref', value, { slashes: true })).toThrow(InputError)
  })

  it("refuses '/' where an identifier cannot hold one, and '.'/'..' parts where it can", () => {
    expect(() => checkIdentifier('harness-org', 'a/b')).toThrow("Input 'harness-org' must be an identifier without '/'; got 'a/b'.")
    expect(checkIdentifier('ref', 'release/2.0', { slashes: true })).toBe('release/2.0')
    expect(() => checkIdentifier('project', 'group/../other', { slashes: true })).toThrow(
      "Input 'project' must be an identifier, not '.' or '..' (nor hold them between slashes); got 'group/../other'."
    )
    expect(checkIdentifier('execution-id', 'a.b..c')).toBe('a.b..c')
  })
})

describe('closest', () => {
  it('suggests a near miss and nothing for a far one', () => {
    expect(closest('harness-start-exection', ['harness-start-execution', 'harness-execution-status'])).toBe('harness-start-execution')
    expect(closest('SUCESS', ['SUCCESS', 'FAILED'])).toBe('SUCCESS')
    expect(closest('deploy', ['harness-start-execution', 'gitlab-keep-artifacts'])).toBeUndefined()
  })
})

describe('yamlProblem', () => {
  it('quotes the line the problem is on, without a dangling colon', () => {
    const text = 'env: prod\nversion: [1.0\nregion: eu'
    let error: unknown
    try {
      parse(text)
    } catch (caught) {
      error = caught
    }
    expect(yamlProblem(error as Error, text)).toMatch(/^[^\n]*[^:], at line \d: '[^']+'$/)
  })
})

describe('GitLab project given as an address', () => {
  captureStdout()

  async function projectError(project: string, gitlabUrl?: string): Promise<string> {
    const inputs: Record<string, string> = {
      operation: 'gitlab-keep-artifacts',
      'gitlab-token': 't',
      'job-id': '1',
      project,
      ...(gitlabUrl ? { 'gitlab-url': gitlabUrl } : {})
    }
    Object.entries(inputs).forEach(([name, value]) => (process.env[`INPUT_${name.toUpperCase()}`] = value))
    try {
      await (await import('../../src/operations/registry.js')).readSettings()
      return ''
    } catch (error) {
      return (error as Error).message
    } finally {
      Object.keys(inputs).forEach(name => delete process.env[`INPUT_${name.toUpperCase()}`])
    }
  }

  it('a URL of gitlab-url, of another server, under a path prefix, or an SSH remote', async () => {
    expect(await projectError('https://gitlab.com/shop/web/-/tree/main')).toBe(
      "Input 'project' must be the project's numeric id or full path, not a URL; got 'https://gitlab.com/shop/web/-/tree/main'. Use 'project: shop/web'."
    )
    expect(await projectError('https://git.example.com/shop/web')).toBe(
      "Input 'project' must be the project's numeric id or full path, not a URL; got 'https://git.example.com/shop/web'. Use 'project: shop/web' and 'gitlab-url: https://git.example.com'."
    )
    expect(await projectError('https://example.com/gitlab/shop/web', 'https://example.com/gitlab')).toBe(
      "Input 'project' must be the project's numeric id or full path, not a URL; got 'https://example.com/gitlab/shop/web'. Use 'project: shop/web'."
    )
    expect(await projectError('git@gitlab.com:shop/web.git')).toBe(
      "Input 'project' must be the project's numeric id or full path, not a URL; got 'git@gitlab.com:shop/web.git'. Use 'project: shop/web'."
    )
  })

  it('a plain path or id is taken as it is', async () => {
    expect(await projectError('shop/sub/web')).toBe('')
    expect(await projectError('1234')).toBe('')
  })
})
