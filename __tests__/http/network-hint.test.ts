import { nameOrigin, networkHint } from '../../src/http/network-hint.js'

describe('networkHint', () => {
  const harness = new URL('https://harness.example.com/gateway/api/graphql')
  nameOrigin(new URL('https://harness.example.com'), 'harness-url')

  it('an unknown host: a typo, or a private network the runner is not in', () => {
    expect(networkHint(harness, 'ENOTFOUND')).toBe(
      "The host name harness.example.com could not be resolved. Check 'harness-url' (https://harness.example.com) for a typo; " +
        'a server on a private network needs a runner inside that network (a self-hosted runner) or a proxy (HTTPS_PROXY).'
    )
  })

  it('a timeout or an unreachable network: firewall, allow-list or proxy', () => {
    expect(networkHint(harness, 'UND_ERR_CONNECT_TIMEOUT')).toBe(
      "No connection could be made to harness.example.com:443 (timed out). Check 'harness-url' (https://harness.example.com), and that the runner's network can reach it: " +
        'a firewall or allow-list in front of the server (GitHub-hosted runners connect from changing addresses), or a proxy the runner must use (HTTPS_PROXY).'
    )
    expect(networkHint(harness, 'EHOSTUNREACH')).toContain('(unreachable)')
  })

  it('an origin no input named (a storage host) is named by its address', () => {
    expect(networkHint(new URL('https://storage.example.net/bucket/a.zip'), 'ECONNREFUSED')).toBe(
      'Nothing accepted the connection at storage.example.net:443. Check the address https://storage.example.net: host and port, and that the server is running and reachable from the runner.'
    )
  })

  it('says nothing for an error it does not know', () => {
    expect(networkHint(harness, undefined)).toBeUndefined()
  })
})
