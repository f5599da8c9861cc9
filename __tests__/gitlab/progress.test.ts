import { jest } from '@jest/globals'
import { setTimeout as sleep } from 'node:timers/promises'
import { count, formatBytes, formatRate, startProgress } from '../../src/gitlab/progress.js'

describe('progress', () => {
  it('formats sizes, rates and counts', () => {
    expect(formatBytes(0)).toBe('0 B')
    expect(formatBytes(1023)).toBe('1023 B')
    expect(formatBytes(1536)).toBe('1.5 KiB')
    expect(formatBytes(5 * 1024 ** 3)).toBe('5.0 GiB')
    expect(formatRate(10 * 1024 * 1024, 2000)).toBe('5.0 MiB/s')
    expect(count(1, 'file')).toBe('1 file')
    expect(count(3, 'file')).toBe('3 files')
  })

  it('logs at a steady pace until stopped, and not at all for a short transfer', async () => {
    const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true)
    try {
      const stopQuick = startProgress(() => 'quick', 1000)
      stopQuick()
      const stop = startProgress(() => 'tick', 20)
      await sleep(110)
      stop()
      const ticks = write.mock.calls.filter(([line]) => String(line).startsWith('tick')).length
      await sleep(60)
      expect(write.mock.calls.filter(([line]) => String(line).startsWith('tick')).length).toBe(ticks)
      expect(ticks).toBeGreaterThanOrEqual(1)
      expect(write.mock.calls.some(([line]) => String(line).startsWith('quick'))).toBe(false)
    } finally {
      write.mockRestore()
    }
  })
})
