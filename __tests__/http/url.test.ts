import { jest } from '@jest/globals'
import { apiUrl, displayUrl, isLoopbackHost, warnIfCredentialInClear } from '../../src/http/url.js'

describe('displayUrl', () => {
  it('drops the query string and fragment, which may hold a signature', () => {
    expect(displayUrl(new URL('https://bucket.s3.example.com/a/b.zip?X-Amz-Signature=abc#x'))).toBe('https://bucket.s3.example.com/a/b.zip')
  })
})

describe('apiUrl', () => {
  it('keeps a path prefix of the base and sets query parameters', () => {
    expect(apiUrl(new URL('https://example.com/gitlab/'), '/api/v4/projects', { a: 'b c', skip: undefined }).href).toBe(
      'https://example.com/gitlab/api/v4/projects?a=b+c'
    )
  })
})

describe('isLoopbackHost', () => {
  it.each([
    ['localhost', true],
    ['127.0.0.1', true],
    ['127.0.0.2', true],
    ['[::1]', true],
    ['gitlab.example.com', false],
    ['10.0.0.1', false]
  ])('%s → %s', (host, loopback) => {
    expect(isLoopbackHost(host)).toBe(loopback)
  })
})

describe('warnIfCredentialInClear', () => {
  function warnings(urls: string[]): string {
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation(() => true)
    urls.forEach(url => warnIfCredentialInClear(new URL(url)))
    const text = spy.mock.calls.map(call => String(call[0])).join('')
    spy.mockRestore()
    return text
  }

  it('warns once per plain-http origin that is not loopback', () => {
    const text = warnings(['http://gitlab.internal.example/api', 'http://gitlab.internal.example/other', 'http://127.0.0.1:8080/', 'https://gitlab.com/'])
    expect(text.match(/::warning::/g)).toHaveLength(1)
    expect(text).toContain('Sending credentials to http://gitlab.internal.example over plain http')
  })
})
