import * as log from '../log.js'

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB']

/** 1536 → "1.5 KiB". */
export function formatBytes(bytes: number): string {
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024
    unit++
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(1)} ${UNITS[unit]}`
}

/** 1 → "1 file", 2 → "2 files". */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`
}

export function formatRate(bytes: number, ms: number): string {
  return `${formatBytes(ms > 0 ? (bytes * 1000) / ms : 0)}/s`
}

/** How often a long transfer reports: steady, whatever the chunk size or speed. */
export const PROGRESS_INTERVAL_MS = 5000

/**
 * Logs `describe()` every few seconds until stopped; a transfer that ends sooner logs nothing.
 * A timer rather than a check per chunk keeps the hot path free of logging work.
 */
export function startProgress(describe: (sinceLastMs: number) => string, intervalMs = PROGRESS_INTERVAL_MS): () => void {
  let last = Date.now()
  const timer = setInterval(() => {
    const now = Date.now()
    log.info(describe(now - last))
    last = now
  }, intervalMs)
  timer.unref()
  return () => clearInterval(timer)
}
