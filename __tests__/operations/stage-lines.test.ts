// Log lines that list stages stay bounded however many stages an execution has.
import { jest } from '@jest/globals'
import { logStageList, namesList } from '../../src/operations/stage-lines.js'

describe('stage lines', () => {
  it('names at most five stages, then says how many more', () => {
    expect(namesList(['a', 'b'])).toBe('a, b')
    const many = Array.from({ length: 100_000 }, (_, index) => `'s${index}'`)
    expect(namesList(many)).toBe("'s0', 's1', 's2', 's3', 's4' and 99995 more")
    expect(namesList(['x'.repeat(10_000)]).length).toBeLessThanOrEqual(500)
  })

  it('logs at most 50 stage lines, then one line for the rest', () => {
    const written: string[] = []
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation(chunk => {
      written.push(String(chunk))
      return true
    })
    try {
      logStageList(
        'Stages:',
        Array.from({ length: 100_000 }, (_, index) => `s${index}: Success`)
      )
    } finally {
      spy.mockRestore()
    }
    const lines = written.join('').split('\n').filter(Boolean)
    expect(lines).toHaveLength(52)
    expect(lines[51]).toBe('  … and 99950 more stages (the job summary lists the first ones too)')
  })
})
