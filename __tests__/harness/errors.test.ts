import { harnessFailureTitle, harnessHint } from '../../src/harness/errors.js'

const harness = { url: new URL('https://app.harness.io'), accountId: 'AbC123', apiKey: 'k' }

describe('Harness failure advice', () => {
  it('a FirstGen 404 names only FirstGen inputs, and the account by its value', () => {
    const hint = harnessHint(404, { harness, permission: 'Applications: Read' })
    expect(hint).toBe(
      "Check 'harness-url' (https://app.harness.io): Harness FirstGen's GraphQL API is at <harness-url>/gateway/api/graphql, and account 'AbC123' ('harness-account-id') must be a FirstGen account."
    )
    expect(hint).not.toMatch(/harness-org|harness-project/)
  })

  it('a NextGen 404 names the organization and project it looked in', () => {
    expect(harnessHint(404, { harness, scope: { org: 'default', project: 'payments' }, permission: 'Pipelines: View' })).toContain(
      "'harness-org' 'default', 'harness-project' 'payments'"
    )
  })

  it('401 and 403 are titled as what they are, whatever was asked', () => {
    expect(harnessFailureTitle("find the Harness application 'shop'", 401)).toBe('Harness did not accept the API key')
    expect(harnessFailureTitle("find the Harness application 'shop'", 403)).toBe('Harness refused: missing permission')
    expect(harnessFailureTitle("find the Harness application 'shop'", 500)).toBe("Could not find the Harness application 'shop'")
  })
})
