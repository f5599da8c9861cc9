import { bypassesProxy, displayProxy, proxyFor } from '../../src/http/proxy.js'

const url = (text: string): URL => new URL(text)

describe('proxyFor: the toolkit rules', () => {
  it.each([
    ['https target, lower case first', 'https://gitlab.example.com', { https_proxy: 'http://lower:1', HTTPS_PROXY: 'http://upper:2' }, 'http://lower:1/'],
    ['https target, upper case', 'https://gitlab.example.com', { HTTPS_PROXY: 'http://upper:2' }, 'http://upper:2/'],
    ['an empty lower-case variable counts as unset', 'https://gitlab.example.com', { https_proxy: '', HTTPS_PROXY: 'http://upper:2' }, 'http://upper:2/'],
    ['https never falls back to HTTP_PROXY', 'https://gitlab.example.com', { HTTP_PROXY: 'http://plain:3' }, undefined],
    ['http target uses http_proxy', 'http://gitlab.internal', { http_proxy: 'http://plain:3', HTTPS_PROXY: 'http://upper:2' }, 'http://plain:3/'],
    ['a value without a scheme is http', 'https://gitlab.example.com', { HTTPS_PROXY: 'proxy.corp:3128' }, 'http://proxy.corp:3128/'],
    ['loopback always goes direct', 'https://127.0.0.1:8443', { HTTPS_PROXY: 'http://upper:2' }, undefined],
    ['localhost always goes direct', 'http://localhost:8080', { HTTP_PROXY: 'http://plain:3' }, undefined]
  ])('%s', (_case, target, env, expected) => {
    expect(proxyFor(url(target), env)?.href).toBe(expected)
  })
})

describe('bypassesProxy: NO_PROXY', () => {
  it.each([
    ['gitlab.example.com', 'https://gitlab.example.com', true],
    ['example.com', 'https://gitlab.example.com', true],
    ['.example.com', 'https://gitlab.example.com', true],
    ['xample.com', 'https://gitlab.example.com', false],
    ['GITLAB.EXAMPLE.COM', 'https://gitlab.example.com', true],
    ['gitlab.example.com:443', 'https://gitlab.example.com', true],
    ['gitlab.example.com:8443', 'https://gitlab.example.com', false],
    ['other.com, storage.example.net', 'https://storage.example.net/bucket', true],
    ['*', 'https://anything.example', true],
    ['', 'https://gitlab.example.com', false]
  ])('NO_PROXY=%j and %s → %s', (noProxy, target, bypass) => {
    expect(bypassesProxy(url(target), { NO_PROXY: noProxy })).toBe(bypass)
    expect(bypassesProxy(url(target), { no_proxy: noProxy })).toBe(bypass)
  })

  it('reads no_proxy before NO_PROXY', () => {
    expect(bypassesProxy(url('https://a.example'), { no_proxy: 'b.example', NO_PROXY: 'a.example' })).toBe(false)
  })
})

it('shows a proxy without its user and password', () => {
  expect(displayProxy(new URL('http://user:secret@proxy.corp:3128'))).toBe('http://proxy.corp:3128')
})
