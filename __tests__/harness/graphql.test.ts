import { ActionError } from '../../src/errors.js'
import { graphql, graphqlUrl, type GraphQLRequest } from '../../src/harness/graphql.js'
import { startServer } from '../../simulator/server.js'
import { ACCOUNT, API_KEY, captureStdout, connection, graphqlBodies, startSimulator, type Simulator } from './firstgen-fixtures.js'

const READ: GraphQLRequest = {
  query: 'query ApplicationByName($name: String!) { applicationByName(name: $name) { id name } }',
  operationName: 'ApplicationByName',
  variables: { name: 'shop' },
  what: 'find the application',
  retry: 'idempotent',
  permission: 'Applications: Read'
}

const CLEANUP: GraphQLRequest = {
  query: 'mutation ArtifactCleanup($input: ArtifactCleanupInput!) { artifactCleanup(input: $input) { message } }',
  operationName: 'ArtifactCleanup',
  variables: { input: { artifactStreamId: 'stream-docker' } },
  what: 'start it',
  retry: 'once',
  permission: 'Services: Update'
}

let sim: Simulator
let log: ReturnType<typeof captureStdout>

beforeEach(() => {
  log = captureStdout()
})

afterEach(async () => {
  log.restore()
  await sim?.close()
})

async function failure(request: GraphQLRequest, apiKey = API_KEY): Promise<ActionError> {
  const error = await graphql(connection(sim, apiKey), request).catch((caught: unknown) => caught)
  expect(error).toBeInstanceOf(ActionError)
  return error as ActionError
}

describe('graphql: what reaches Harness', () => {
  it('posts {query, variables, operationName} with x-api-key to /gateway/api/graphql?accountId=', async () => {
    sim = await startSimulator()
    const data = await graphql<{ applicationByName: { id: string } }>(connection(sim), READ)
    expect(data.applicationByName.id).toBe('app-1')
    const [request] = sim.requests
    expect(request.method).toBe('POST')
    expect(request.path).toBe('/gateway/api/graphql')
    expect(request.query.get('accountId')).toBe(ACCOUNT)
    expect(request.headers['x-api-key']).toBe(API_KEY)
    expect(request.headers['content-type']).toBe('application/json')
    expect(graphqlBodies(sim)[0]).toEqual({ query: READ.query, variables: { name: 'shop' }, operationName: 'ApplicationByName' })
  })

  it('keeps the path of a vanity URL', async () => {
    sim = await startSimulator({ pathPrefix: '/harness' })
    const harness = { ...connection(sim), url: new URL(`${sim.url}/harness/`) }
    expect(graphqlUrl(harness).href).toBe(`${sim.url}/harness/gateway/api/graphql?accountId=${ACCOUNT}`)
    await graphql(harness, READ)
    expect(sim.requests[0].path).toBe('/harness/gateway/api/graphql')
  })
})

describe('graphql: how Harness says no', () => {
  it('a bad key: HTTP 401 with Harness message and a hint, never the key', async () => {
    sim = await startSimulator()
    const error = await failure(READ, 'wrong-key')
    expect(error.message).toBe('Could not find the application: Harness answered HTTP 401: Invalid Api Key')
    expect(error.title).toBe('Harness did not accept the API key')
    expect(error.hint).toBe(
      `Check that 'harness-api-key' is a current Harness API key (not expired or revoked) of account '${ACCOUNT}' ('harness-account-id'), and that the secret holds the whole key.`
    )
    expect(`${error.message} ${error.hint}`).not.toContain('wrong-key')
    expect(sim.requests).toHaveLength(1)
  })

  it('HTTP 400 Feature not enabled', async () => {
    sim = await startSimulator({ faults: [{ field: 'applicationByName', status: 400 }] })
    expect((await failure(READ)).message).toBe('Could not find the application: Harness answered HTTP 400: Feature not enabled')
  })

  it("a REST-style body (responseMessages) gives Harness's message", async () => {
    const body = {
      status: 'ERROR',
      code: 'ACCESS_DENIED',
      message: 'Not authorized',
      responseMessages: [{ code: 'ACCESS_DENIED', level: 'ERROR', message: 'Not authorized' }]
    }
    sim = await startSimulator({ faults: [{ field: 'applicationByName', status: 403, body }] })
    const error = await failure(READ)
    expect(error.message).toBe('Could not find the application: Harness answered HTTP 403: ACCESS_DENIED: Not authorized')
    expect(error.title).toBe('Harness refused: missing permission')
    expect(error.hint).toBe(
      "The API key's user group needs the Applications: Read permission on the application; grant it in Harness (Access Management, user group permissions)."
    )
  })

  it('HTTP 200 with errors and data null fails with the errors', async () => {
    sim = await startSimulator()
    const error = await failure({
      ...READ,
      query: 'query Execution($id: String!) { execution(executionId: $id) { id } }',
      operationName: 'Execution',
      variables: { id: 'nope' }
    })
    expect(error.message).toBe('Could not find the application: Execution does not exist or access is denied')
    expect(error.hint).toBe('Check the id, and that the API key can see the application it belongs to.')
  })

  it('an invalid query fails with the GraphQL validation message', async () => {
    sim = await startSimulator()
    const error = await failure({ ...READ, query: 'query ApplicationByName($name: String!) { applicationByName(name: $name) { id colour } }' })
    expect(error.message).toContain('Cannot query field "colour" on type "Application"')
  })

  it('an error on a nested field keeps the data and warns', async () => {
    const body = { data: { applicationByName: { id: 'app-1', name: null } }, errors: [{ message: 'name is unavailable', path: ['applicationByName', 'name'] }] }
    sim = await startSimulator({ faults: [{ field: 'applicationByName', status: 200, body }] })
    const data = await graphql<{ applicationByName: { id: string } }>(connection(sim), READ)
    expect(data.applicationByName.id).toBe('app-1')
    expect(log.text()).toContain('::warning::Harness reported a problem with part of its answer (find the application): name is unavailable')
  })

  it('an answer that is not JSON points at harness-url', async () => {
    const server = await startServer((_request, res) => {
      res.writeHead(200, { 'content-type': 'text/html' })
      res.end('<html>Sign in</html>')
    })
    const harness = { url: new URL(server.url), accountId: ACCOUNT, apiKey: API_KEY }
    const error = (await graphql(harness, READ).catch((caught: unknown) => caught)) as ActionError
    await server.close()
    expect(error.message).toBe(`Could not find the application: ${new URL(server.url).host} answered HTTP 200 with a web page (text/html), not a JSON answer`)
    expect(error.hint).toContain("'harness-url'")
  })
})

describe('graphql: retries', () => {
  it('a query is sent again after a 429, honouring Retry-After', async () => {
    sim = await startSimulator({ faults: [{ field: 'applicationByName', status: 429, headers: { 'retry-after': '0' } }] })
    await graphql(connection(sim), READ)
    expect(sim.requests).toHaveLength(2)
    expect(log.text()).toContain('Could not find the application: HTTP 429; retrying in 0.0s')
  })

  it('a query is sent again after a 500', async () => {
    sim = await startSimulator({ faults: [{ field: 'applicationByName', status: 500 }] })
    await graphql(connection(sim), READ)
    expect(sim.requests).toHaveLength(2)
  })

  it('a once request is not sent again after a 500, and says so', async () => {
    sim = await startSimulator({ faults: [{ field: 'artifactCleanup', status: 500 }] })
    const error = await failure(CLEANUP)
    expect(sim.requests).toHaveLength(1)
    expect(error.message).toBe(
      'Could not start it: Harness answered HTTP 500: DEFAULT_ERROR_CODE: An error has occurred. Please contact the Harness support team. The request was not sent again: Harness may have carried it out anyway.'
    )
    expect(error.hint).toContain('Check in Harness whether it happened before re-running')
  })

  it('a once request is not sent again after the connection drops', async () => {
    sim = await startSimulator({ faults: [{ field: 'artifactCleanup', reset: true }] })
    const error = await failure(CLEANUP)
    expect(sim.requests).toHaveLength(1)
    expect(error.hint).toContain('not sent again')
  })

  it('a once request is not sent again after a 429 either: it reached Harness', async () => {
    sim = await startSimulator({ faults: [{ field: 'artifactCleanup', status: 429, headers: { 'retry-after': '0' } }] })
    const error = await failure(CLEANUP)
    expect(sim.requests).toHaveLength(1)
    expect(error.message).toContain('HTTP 429')
    expect(error.hint).toContain('rate limiter')
  })
})
