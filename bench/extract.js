// @ts-check
// Row 3: extracting an archive of many small files and a few big ones. The action's extraction is
// its run with `extract: true` minus its run with `extract: false` (the same download), beside
// Info-ZIP's `unzip -q` of the same archive; and end to end, the action beside `curl` + `unzip`.
import { mkdirSync, readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import { startGitLab } from '../simulator/gitlab.js'
import { writeZip } from '../simulator/zip.js'
import { MiB, interleaved, measureAction, measureCommand, median, medianMs, reuseFreshMemory, seconds } from './measure.js'

/** @typedef {import('./measure.js').Row} Row */
/** @typedef {import('./measure.js').Measured} Measured */
/** @typedef {import('../simulator/zip.js').ZipEntry} ZipEntry */

const TOKEN = 'glpat-bench-token'
const SMALL_FILES = 20_000
const FOLDERS = 200
const BIG_FILES = 3
const BIG_FILE_BYTES = 64 * MiB
const RUNS = 3
const UNZIP_RATIO_LIMIT = 1.5

/** Build output as CI jobs leave it: source-like text files of a few hundred bytes to 16 KiB, in folders, and a few big binaries. */
function artifactEntries() {
  /** @type {ZipEntry[]} */
  const entries = []
  for (let folder = 0; folder < FOLDERS; folder++) entries.push({ name: `build/module-${folder}/` })
  for (let file = 0; file < SMALL_FILES; file++) {
    const line = `export const value${file} = ${file * 7919} // generated line for file ${file}\n`
    entries.push({ name: `build/module-${file % FOLDERS}/file-${file}.js`, data: line.repeat(1 + ((file * 37) % 200)) })
  }
  for (let big = 0; big < BIG_FILES; big++) entries.push({ name: `dist/bundle-${big}.bin`, size: BIG_FILE_BYTES, seed: 100 + big })
  return entries
}

/**
 * @param {string} scratch
 * @returns {Promise<Row[]>}
 */
export async function extractionRows(scratch) {
  const archive = path.join(scratch, 'many-files.zip')
  await writeZip(archive, artifactEntries())
  // Served from memory: the server spends no CPU compressing while the clients are timed.
  const gitlab = await startGitLab({ jobs: [{ id: 7, entries: [], archive: readFileSync(archive) }], token: TOKEN, redirectToStorage: false })
  const workspace = path.join(scratch, 'extract-workspace')
  const unzipped = path.join(scratch, 'unzipped')
  const downloaded = path.join(scratch, 'downloaded.zip')
  mkdirSync(workspace)
  const url = `${gitlab.url}/api/v4/projects/42/jobs/7/artifacts`
  const warmBytes = 2 * (BIG_FILES * BIG_FILE_BYTES + 64 * MiB)
  /**
   * Each contender starts from the same state: recently used memory, nothing extracted.
   * @param {() => Promise<Measured>} measure
   */
  const fresh = measure => async () => {
    reuseFreshMemory(scratch, warmBytes)
    try {
      return await measure()
    } finally {
      for (const leftover of [path.join(workspace, 'out'), unzipped, downloaded]) rmSync(leftover, { recursive: true, force: true })
    }
  }
  /** @param {'true' | 'false'} extract */
  const action = extract => () =>
    measureAction(
      { operation: 'gitlab-download-artifacts', 'gitlab-url': gitlab.url, 'gitlab-token': TOKEN, project: '42', 'job-id': '7', extract, path: 'out' },
      workspace
    )
  /** @type {number[]} */
  const unzipMs = []
  try {
    const results = await interleaved(RUNS, {
      download: fresh(action('false')),
      extract: fresh(action('true')),
      curlUnzip: fresh(async () => {
        const curl = await measureCommand('curl', ['-sS', '--fail', '-o', downloaded, '-H', `PRIVATE-TOKEN: ${TOKEN}`, url])
        const unzip = await measureCommand('unzip', ['-q', downloaded, '-d', unzipped])
        unzipMs.push(unzip.ms)
        return { ms: curl.ms + unzip.ms, peakKiB: Math.max(curl.peakKiB, unzip.peakKiB) }
      })
    })
    const extractionMs = medianMs(results.extract) - medianMs(results.download)
    const files = `${SMALL_FILES.toLocaleString('en')} files + ${BIG_FILES} × ${BIG_FILE_BYTES / MiB} MiB`
    return [
      {
        name: `3. Extract ${files} (action: run with extract minus run without)`,
        action: seconds(extractionMs),
        reference: `unzip -q ${seconds(median(unzipMs))}`,
        ratio: extractionMs / median(unzipMs),
        target: `≤ ${UNZIP_RATIO_LIMIT}x unzip`,
        met: extractionMs / median(unzipMs) <= UNZIP_RATIO_LIMIT
      },
      {
        name: '3. Same archive end to end: download + extract',
        action: seconds(medianMs(results.extract)),
        reference: `curl + unzip ${seconds(medianMs(results.curlUnzip))}`,
        ratio: medianMs(results.extract) / medianMs(results.curlUnzip),
        target: '(for comparison)',
        met: undefined
      }
    ]
  } finally {
    await gitlab.close()
    rmSync(archive, { force: true })
  }
}
