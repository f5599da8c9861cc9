import { backoffDelayMs, serverRequestedDelayMs } from '../../src/http/retry.js'

describe('serverRequestedDelayMs', () => {
  const now = Date.parse('2026-01-01T00:00:00Z')

  it('reads Retry-After in seconds and as a date', () => {
    expect(serverRequestedDelayMs(429, { 'retry-after': '7' }, now)).toBe(7000)
    expect(serverRequestedDelayMs(503, { 'retry-after': 'Thu, 01 Jan 2026 00:00:30 GMT' }, now)).toBe(30_000)
  })

  it("reads GitLab's RateLimit-Reset on a 429 only", () => {
    const headers = { 'ratelimit-reset': String(now / 1000 + 12) }
    expect(serverRequestedDelayMs(429, headers, now)).toBe(12_000)
    expect(serverRequestedDelayMs(500, headers, now)).toBeUndefined()
  })

  it('caps what a server may ask for', () => {
    expect(serverRequestedDelayMs(429, { 'retry-after': '86400' }, now)).toBe(120_000)
  })
})

describe('backoffDelayMs', () => {
  it('grows with each attempt up to the ceiling', () => {
    const policy = { attempts: 10, baseDelayMs: 1000, maxDelayMs: 8000 }
    expect(backoffDelayMs(1, policy)).toBeGreaterThanOrEqual(500)
    expect(backoffDelayMs(1, policy)).toBeLessThanOrEqual(1000)
    expect(backoffDelayMs(8, policy)).toBeGreaterThanOrEqual(4000)
    expect(backoffDelayMs(8, policy)).toBeLessThanOrEqual(8000)
  })
})
