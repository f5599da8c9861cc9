// @ts-check
// Peak resident memory of a child process, read from /proc while it runs (Linux only). The kernel
// keeps the high-water mark (VmHWM), so polling misses only what grows in the last interval before
// the process exits. Shared by the end-to-end memory test and `npm run bench`.
import { existsSync, readFileSync } from 'node:fs'

/** Whether this system can report another process's memory. */
export const canTrackMemory = existsSync('/proc/self/status')

/**
 * Starts polling the process's VmHWM; the returned function stops and gives the peak in KiB
 * (0 when nothing could be read).
 * @param {number | undefined} pid
 * @param {number} [intervalMs]
 * @returns {() => number}
 */
export function trackPeakRss(pid, intervalMs = 10) {
  let peakKiB = 0
  const read = () => {
    try {
      const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
      if (match) peakKiB = Math.max(peakKiB, Number(match[1]))
    } catch {
      // The process has exited.
    }
  }
  read()
  const timer = setInterval(read, intervalMs)
  return () => {
    clearInterval(timer)
    return peakKiB
  }
}
