// The mistakes users really make, run as the runner runs the bundle: each fails with one error
// annotation whose exact words say what is wrong and what to do, and bad input fails before any
// request reaches a server.
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { DEMO_NEXTGEN, startHarnessNextGen } from '../../simulator/harness-nextgen.js'
import { startServer, type RunningServer } from '../../simulator/server.js'
import { ACCOUNT, startSimulator } from '../harness/firstgen-fixtures.js'
import { annotations, runAction, visibleLog, type ActionRun, type Annotation } from './action.js'

let server: RunningServer

beforeAll(async () => {
  // Any request reaching it is a failure of "before any request".
  server = await startServer((_request, res) => {
    res.writeHead(500)
    res.end()
  })
})
afterAll(async () => {
  await server.close()
})

const harness = (): Record<string, string> => ({ 'harness-url': server.url, 'harness-api-key': 'pat.key-e2e', 'harness-account-id': 'acct-9' })
const nextgen = (): Record<string, string> => ({
  ...harness(),
  operation: 'harness-ng-run-pipeline',
  'harness-org': 'default',
  'harness-project': 'payments',
  pipeline: 'deploy'
})
const firstgen = (): Record<string, string> => ({ ...harness(), operation: 'harness-start-execution', application: 'shop', pipeline: 'Release' })
const gitlab = (): Record<string, string> => ({
  'gitlab-url': server.url,
  'gitlab-token': 'glpat-e2e',
  operation: 'gitlab-keep-artifacts',
  project: 'shop/web',
  'job-id': '42'
})

function theError(run: ActionRun): Annotation {
  const errors = annotations(run.stdout).filter(annotation => annotation.level === 'error')
  expect(errors).toHaveLength(1)
  return errors[0]
}

/** Runs inputs that are wrong: exit 1, one "Invalid input" error, nothing sent. Returns its message. */
async function refused(inputs: Record<string, string>): Promise<string> {
  const before = server.requests.length
  const run = await runAction(inputs)
  expect(run.code).toBe(1)
  const error = theError(run)
  expect(error.title).toBe('Invalid input')
  expect(server.requests.length).toBe(before)
  expect(visibleLog(run)).not.toContain('pat.key-e2e')
  return error.message
}

describe('an input of another operation or generation fails the step (it was silently ignored)', () => {
  it('FirstGen variables and service-artifacts given to a NextGen run', async () => {
    expect(await refused({ ...nextgen(), variables: 'env: prod', 'service-artifacts': 'api: docker-api@1.4.2' })).toBe(
      "Input 'variables' is a FirstGen input (harness-start-execution); for harness-ng-run-pipeline use 'runtime-inputs' (or 'input-sets')."
    )
  })

  it('NextGen runtime-inputs given to a FirstGen start', async () => {
    expect(await refused({ ...firstgen(), 'runtime-inputs': 'pipeline: {}' })).toBe(
      "Input 'runtime-inputs' is a NextGen input (harness-ng-run-pipeline); for harness-start-execution use 'variables' and 'service-artifacts'."
    )
    expect(await refused({ ...firstgen(), 'harness-org': 'default' })).toBe(
      "Input 'harness-org' is a NextGen input; for harness-start-execution use 'application' or 'application-id'."
    )
  })

  it('a Harness verdict setting given to a GitLab operation (a GitLab job passes only with success)', async () => {
    expect(await refused({ ...gitlab(), 'passing-statuses': 'failed' })).toBe(
      "Input 'passing-statuses' is read only by harness-start-execution, harness-execution-status, harness-ng-run-pipeline, harness-ng-execution-status and harness-ng-trigger-webhook; " +
        'gitlab-keep-artifacts does not read it: remove it from this step.'
    )
  })
})

describe('a misspelt input fails the step (the runner only warns, and the default would apply)', () => {
  it('names the input that was meant', async () => {
    expect(await refused({ ...nextgen(), timout: '2h' })).toBe("Input 'timout' is not an input of this action, so it would be ignored. Did you mean 'timeout'?")
  })
})

describe('input formats', () => {
  it("a boolean as GitHub reads it: 'yes' is refused", async () => {
    expect(await refused({ ...nextgen(), wait: 'yes' })).toBe(
      "Input 'wait' must be true or false (as GitHub reads booleans: true, True, TRUE, false, False, FALSE); got 'yes'."
    )
  })

  it('a duration that is not one', async () => {
    expect(await refused({ ...nextgen(), timeout: 'an hour' })).toBe(
      "Input 'timeout' must be a duration such as 90s, 15m, 45min, 1h30m, 2 hours or a number of seconds; got 'an hour'."
    )
  })

  it('1h30m and True are accepted', async () => {
    const sim = await startHarnessNextGen()
    try {
      const run = await runAction({
        ...nextgen(),
        'harness-url': sim.url,
        'harness-api-key': DEMO_NEXTGEN.apiKey,
        'harness-account-id': DEMO_NEXTGEN.accountId,
        pipeline: 'deploy_payments',
        timeout: '1h30m',
        'poll-interval': '0.1s',
        wait: 'True'
      })
      expect(run.code).toBe(0)
      expect(run.outputs.status).toBe('Success')
    } finally {
      await sim.close()
    }
  })

  it('YAML errors quote the line', async () => {
    expect(await refused({ ...firstgen(), variables: 'env: prod\nregion: [eu' })).toBe(
      "Input 'variables' is not valid YAML (Flow sequence in block collection must be sufficiently indented and end with a ], at line 2: 'region: [eu'); " +
        'expected a YAML map (name: value, or name: {type: ID|NAME|EXPRESSION, value: ...}) or name=value lines.'
    )
  })

  it('a mistyped operation or status gets a suggestion', async () => {
    expect(await refused({ ...firstgen(), operation: 'harness-start-exection' })).toMatch(
      /; got 'harness-start-exection'\. Did you mean 'harness-start-execution'\?$/
    )
    expect(await refused({ ...firstgen(), 'passing-statuses': 'SUCESS' })).toBe(
      "Input 'passing-statuses' lists 'SUCESS', which is not a final status; expected some of: SUCCESS, FAILED, ERROR, ABORTED, REJECTED, EXPIRED, SKIPPED. Did you mean 'SUCCESS'?"
    )
  })
})

describe('addresses copied from the browser or a clone', () => {
  it('a GitLab project given as a URL, or with .git', async () => {
    expect(await refused({ ...gitlab(), project: 'https://gitlab.com/shop/web' })).toBe(
      "Input 'project' must be the project's numeric id or full path, not a URL; got 'https://gitlab.com/shop/web'. Use 'project: shop/web' and 'gitlab-url: https://gitlab.com'."
    )
    expect(await refused({ ...gitlab(), project: 'shop/web.git' })).toBe(
      "Input 'project' must be the project's numeric id or full path, not a path ending in '.git'; got 'shop/web.git'. Use 'project: shop/web'."
    )
  })

  it('a gitlab-url or harness-url with an API path', async () => {
    expect(await refused({ ...gitlab(), 'gitlab-url': 'https://gitlab.example.com/api/v4' })).toBe(
      "Input 'gitlab-url' must be the GitLab base URL, without '/api/v4' (the action adds the API path itself); got 'https://gitlab.example.com/api/v4'. Use 'https://gitlab.example.com'."
    )
    expect(await refused({ ...firstgen(), 'harness-url': 'https://app.harness.io/gateway/api/graphql' })).toBe(
      "Input 'harness-url' must be the Harness base URL, without '/gateway/api/graphql' (the action adds the API path itself); got 'https://app.harness.io/gateway/api/graphql'. Use 'https://app.harness.io'."
    )
  })
})

describe('empty secrets, missing files, identifiers', () => {
  it('an empty key may be an unset secret, or a pull request from a fork', async () => {
    expect(await refused({ ...firstgen(), 'harness-api-key': '' })).toBe(
      "Input 'harness-api-key' is required: a Harness API key (sent as x-api-key). An empty value usually means the secret it comes from is not set for this " +
        'repository (or its environment or organization), or the workflow runs for a pull request from a fork, which gets no secrets.'
    )
  })

  it('a runtime-inputs file that is not in the workspace points at actions/checkout', async () => {
    const workspace = mkdtempSync(path.join(tmpdir(), 'mistakes-'))
    const run = await runAction({ ...nextgen(), 'runtime-inputs': 'deploy/prod.yaml' }, { workspace })
    rmSync(workspace, { recursive: true })
    expect(theError(run).message).toBe(
      `Input 'runtime-inputs' names the file 'deploy/prod.yaml', which does not exist in the workspace (${path.join(workspace, 'deploy/prod.yaml')}). ` +
        'Check the path, and that an actions/checkout step runs before this one.'
    )
  })

  it("'.', '..' and '/' in identifiers are refused before they can change a request's path", async () => {
    expect(
      await refused({ ...harness(), operation: 'harness-ng-execution-status', 'harness-org': 'default', 'harness-project': 'payments', 'execution-id': '..' })
    ).toBe("Input 'execution-id' must be an identifier, not '.' or '..'; got '..'.")
    expect(await refused({ ...nextgen(), 'harness-project': 'team/payments' })).toBe(
      "Input 'harness-project' must be an identifier without '/'; got 'team/payments'."
    )
    expect(await refused({ ...gitlab(), project: 'shop/..' })).toBe(
      "Input 'project' must be an identifier, not '.' or '..' (nor hold them between slashes); got 'shop/..'."
    )
    expect(await refused({ ...gitlab(), operation: 'gitlab-download-artifacts', 'job-id': '', ref: '.', job: 'build' })).toBe(
      "Input 'ref' must be an identifier, not '.' or '..' (nor hold them between slashes); got '.'."
    )
  })
})

describe('failures from the servers say what really failed', () => {
  it('a wrong Harness key is an authentication failure, naming the account by its value', async () => {
    const sim = await startSimulator()
    try {
      const run = await runAction({ ...firstgen(), 'harness-url': sim.url, 'harness-account-id': ACCOUNT, 'harness-api-key': 'wrong-key' })
      expect(run.code).toBe(1)
      expect(theError(run)).toEqual({
        level: 'error',
        title: 'Harness did not accept the API key',
        message:
          "Could not find the Harness application 'shop': Harness answered HTTP 401: Invalid Api Key\n" +
          `Check that 'harness-api-key' is a current Harness API key (not expired or revoked) of account '${ACCOUNT}' ('harness-account-id'), and that the secret holds the whole key.`
      })
    } finally {
      await sim.close()
    }
  })

  it('a NextGen key without the permission says which permission to grant', async () => {
    const sim = await startHarnessNextGen()
    try {
      const run = await runAction({
        ...nextgen(),
        'harness-url': sim.url,
        'harness-api-key': DEMO_NEXTGEN.apiKey,
        'harness-account-id': 'other-account',
        pipeline: 'deploy_payments'
      })
      expect(run.code).toBe(1)
      const error = theError(run)
      expect(error.title).toBe('Harness refused: missing permission')
      expect(error.message.split('\n')[1]).toBe(
        "The API key's user or service account needs the Pipelines: Execute permission in project 'payments' of organization 'default'; grant it with a role binding in Harness, " +
          "or check that the key belongs to account 'other-account' ('harness-account-id')."
      )
    } finally {
      await sim.close()
    }
  })

  it('a connection refused names the URL input and what to check', async () => {
    const port = await closedPort()
    const run = await runAction({ ...gitlab(), 'gitlab-url': `http://127.0.0.1:${port}` })
    expect(run.code).toBe(1)
    const error = theError(run)
    expect(error.title).toBe('Could not keep the artifacts of job 42 of shop/web')
    expect(error.message.split('\n').at(-1)).toBe(
      `Nothing accepted the connection at 127.0.0.1:${port}. Check 'gitlab-url' (http://127.0.0.1:${port}): host and port, and that the server is running and reachable from the runner.`
    )
  })
})

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const probe = createServer()
  await new Promise<void>(resolve => probe.listen(0, '127.0.0.1', resolve))
  const { port } = probe.address() as { port: number }
  await new Promise(resolve => probe.close(resolve))
  return port
}
