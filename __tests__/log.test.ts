import * as log from '../src/log.js'
import { neutralize, outside } from '../src/log.js'
import { redact, registerSecret } from '../src/secrets.js'
import { captureStdout } from './stdout.js'

const stdout = captureStdout()

/** The workflow commands a runner would read from these lines: `::` after leading whitespace, or `##[` anywhere. */
function commandsIn(text: string): string[] {
  return text.split('\n').filter(line => /^\s*::/.test(line) || line.includes('##['))
}

const PAYLOADS = [
  'fine\n::error::injected',
  '   ::add-mask::x',
  '\t::stop-commands::token',
  'text ##[error]legacy',
  'a\r::warning::carriage return',
  '::set-output name=x::y'
]

describe('neutralize', () => {
  it.each(PAYLOADS)('leaves no workflow command in %j', payload => {
    expect(commandsIn(neutralize(payload))).toEqual([])
  })

  it('keeps ordinary text as it was', () => {
    expect(neutralize('Status: Running (stage a::b)\n  indented')).toBe('Status: Running (stage a::b)\n  indented')
  })
})

describe('log lines', () => {
  it('write outside text so that the runner reads only our own commands', () => {
    for (const payload of PAYLOADS) {
      log.info(payload)
      log.warning(payload, { title: payload })
      log.error(payload)
    }
    const commands = commandsIn(stdout())
    expect(commands.every(line => /^::(warning|error)( title=[^:]*)?::/.test(line))).toBe(true)
    expect(commands).toHaveLength(PAYLOADS.length * 2)
  })

  it('gives a group a one-line title', async () => {
    await log.group('Read x\n::error::y', () => Promise.resolve(undefined))
    expect(commandsIn(stdout())).toEqual(['::group::Read x \u200b::error::y'.replace(' \u200b::', ' :\u200b:'), '::endgroup::'])
  })
})

describe('outside', () => {
  it('cuts long text and drops control characters', () => {
    expect(outside('a\u0007b\u001b[31mc')).toBe('ab[31mc')
    expect(outside('x'.repeat(2000))).toHaveLength(500)
    expect(outside('x'.repeat(2000)).endsWith('…')).toBe(true)
  })
})

describe('redaction', () => {
  it('scrubs a secret raw, URL-encoded and base64-encoded', () => {
    const secret = 'pat.Ab/c+d= e'
    registerSecret(secret)
    const echoes = [
      secret,
      encodeURIComponent(secret),
      encodeURIComponent(secret).replace(/%20/g, '+'),
      Buffer.from(secret).toString('base64'),
      Buffer.from(secret).toString('base64url')
    ]
    for (const echo of echoes) expect(redact(`before ${echo} after`)).toBe('before *** after')
    expect(stdout()).toContain(`::add-mask::${Buffer.from(secret).toString('base64')}`)
  })
})
