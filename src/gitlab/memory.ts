import v8 from 'node:v8'
import vm from 'node:vm'

type Collect = (options: { type: 'minor' | 'major' }) => void

let collect: Collect | null | undefined

/** V8's own collector, made callable for this process (the runner starts node without --expose-gc). */
function collector(): Collect | null {
  if (collect === undefined) {
    try {
      v8.setFlagsFromString('--expose-gc')
      collect = vm.runInNewContext('gc') as Collect
    } catch {
      collect = null
    }
  }
  return collect
}

/**
 * Bytes streamed between two collections: a few chunks' worth, far below V8's own threshold.
 * Measured by `npm run bench` (peak RSS of a 1 GiB download): every 8 MiB peaked at ~100 MiB,
 * every 2 MiB at ~94 MiB, the malloc'd socket buffers awaiting collection being most of the
 * difference; the download's time did not change measurably.
 */
const RELEASE_EVERY_BYTES = 2 * 1024 * 1024

/**
 * Returns a counter to call with each chunk streamed. V8 frees the buffers of chunks already
 * written only at a garbage collection, and it starts one for such memory only after about
 * 64 MiB of it has piled up, so a streamed transfer would sit that far above where it started.
 * A young-generation collection every few MiB (about a millisecond: the chunks die young)
 * keeps the process's memory flat whatever the size of the transfer.
 */
export function releasingMemory(): (bytes: number) => void {
  const gc = collector()
  let since = 0
  return bytes => {
    since += bytes
    if (since < RELEASE_EVERY_BYTES || gc === null) return
    since = 0
    gc({ type: 'minor' })
  }
}
