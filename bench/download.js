// @ts-check
// Rows 1 and 2: an archive downloaded from the fake GitLab on loopback by the action (extract:
// false), by curl, by @gitbeaker/rest and by a bare Node client, each in its own process: wall
// time at 1 GiB, peak memory at 64 MiB, 256 MiB and 1 GiB.
import { mkdirSync, rmSync } from 'node:fs'
import path from 'node:path'
import { startGitLab } from '../simulator/gitlab.js'
import { actionNode, projectRoot } from '../simulator/run-action.js'
import { zipChunks, zipSize } from '../simulator/zip.js'
import { GiB, MiB, interleaved, measureAction, measureCommand, mebibytes, median, medianMs, medianPeakKiB, reuseFreshMemory, seconds } from './measure.js'

/** @typedef {import('./measure.js').Row} Row */
/** @typedef {import('./measure.js').Measured} Measured */

const TOKEN = 'glpat-bench-token'
const PROJECT_ID = 42
const SIZES = [64 * MiB, 256 * MiB, GiB]
/** Runs per size: more where time is compared, fewer where only memory is. */
const RUNS = { timed: 5, memoryOnly: 3 }
/** Under this at every size; and "flat": growing less than this from the smallest to the largest archive. */
const RSS_LIMIT_KIB = 100 * 1024
const FLAT_GROWTH_KIB = 10 * 1024
const CURL_RATIO_LIMIT = 1.15

/** @param {number} bytes */
function sizeName(bytes) {
  return bytes >= GiB ? `${bytes / GiB} GiB` : `${bytes / MiB} MiB`
}

/**
 * @param {string} scratch
 * @returns {Promise<Row[]>}
 */
export async function downloadRows(scratch) {
  const jobs = SIZES.map((size, index) => ({ id: index + 1, entries: [{ name: 'artifact.bin', size, seed: index + 1 }] }))
  // Generated content's CRCs are computed once here, so the server spends no CPU on them while timed.
  for (const job of jobs) for (const _ of zipChunks(job.entries));
  // No redirect to object storage: curl follows one only with -L, and then sends the token there too.
  const gitlab = await startGitLab({ jobs, project: { id: PROJECT_ID, path: 'bench/project' }, token: TOKEN, redirectToStorage: false })
  const workspace = path.join(scratch, 'action-workspace')
  mkdirSync(workspace)
  try {
    /** @type {Map<number, Record<string, Measured[]>>} */
    const results = new Map()
    /** @type {number[]} curl's time plus sha256sum's, on the 1 GiB archive. */
    const curlAndChecksumMs = []
    for (const job of jobs) {
      const size = job.entries[0].size
      const expectedBytes = zipSize(job.entries)
      const url = `${gitlab.url}/api/v4/projects/${PROJECT_ID}/jobs/${job.id}/artifacts`
      const output = path.join(scratch, 'download.zip')
      /**
       * Each contender starts from the same state: recently used memory, no file.
       * @param {() => Promise<Measured>} download
       */
      const fresh = download => async () => {
        reuseFreshMemory(scratch, expectedBytes + 256 * MiB)
        try {
          return await download()
        } finally {
          rmSync(output, { force: true })
          rmSync(path.join(workspace, 'out'), { recursive: true, force: true })
        }
      }
      const action = fresh(async () => {
        const run = await measureAction(
          {
            operation: 'gitlab-download-artifacts',
            'gitlab-url': gitlab.url,
            'gitlab-token': TOKEN,
            project: String(PROJECT_ID),
            'job-id': String(job.id),
            extract: 'false',
            path: 'out'
          },
          workspace
        )
        if (Number(run.outputs['size-bytes']) !== expectedBytes) throw new Error(`the action saved ${run.outputs['size-bytes']} bytes, not ${expectedBytes}`)
        return run
      })
      const gitbeaker = fresh(() =>
        measureCommand(actionNode, [path.join(projectRoot, 'bench', 'gitbeaker-download.js'), gitlab.url, TOKEN, String(PROJECT_ID), String(job.id), output])
      )
      // The action also gives the archive's SHA-256; with curl, that is a second pass over the file.
      const curl = fresh(async () => {
        const download = await measureCommand('curl', ['-sS', '--fail', '-o', output, '-H', `PRIVATE-TOKEN: ${TOKEN}`, url])
        curlAndChecksumMs.push(download.ms + (await measureCommand('sha256sum', [output])).ms)
        return download
      })
      // Where Node's own cost ends: the least a Node process can do for the same download, with
      // and without the SHA-256 (bench/node-floor-download.js).
      const floor = (/** @type {string[]} */ ...flags) =>
        fresh(() => measureCommand(actionNode, [path.join(projectRoot, 'bench', 'node-floor-download.js'), url, TOKEN, output, ...flags]))
      // curl's time matters at 1 GiB only; memory is compared at every size.
      results.set(
        size,
        size === GiB
          ? await interleaved(RUNS.timed, { curl, action, gitbeaker, nodeFloor: floor(), nodeFloorWithoutHash: floor('--no-hash') })
          : await interleaved(RUNS.memoryOnly, { action, gitbeaker })
      )
    }
    return rows(results, median(curlAndChecksumMs))
  } finally {
    await gitlab.close()
  }
}

/**
 * @param {Map<number, Record<string, Measured[]>>} results
 * @param {number} curlAndChecksumMs
 * @returns {Row[]}
 */
function rows(results, curlAndChecksumMs) {
  const largest = /** @type {Record<string, Measured[]>} */ (results.get(GiB))
  const actionMs = medianMs(largest.action)
  /** @type {Row[]} */
  const table = [
    {
      name: '1. Download 1 GiB archive, wall time: vs `curl -sS -o`',
      action: seconds(actionMs),
      reference: `curl ${seconds(medianMs(largest.curl))}`,
      ratio: actionMs / medianMs(largest.curl),
      target: `≤ ${CURL_RATIO_LIMIT}x curl`,
      met: actionMs / medianMs(largest.curl) <= CURL_RATIO_LIMIT
    },
    {
      name: '1. Download 1 GiB archive, wall time: vs `curl -sS -o` then `sha256sum` (the action gives the SHA-256 too)',
      action: seconds(actionMs),
      reference: `curl + sha256sum ${seconds(curlAndChecksumMs)}`,
      ratio: actionMs / curlAndChecksumMs,
      target: '(for comparison)',
      met: undefined
    },
    {
      name: '1. Download 1 GiB archive, wall time: vs the least a Node.js process can do with the same SHA-256 (bench/node-floor-download.js: bare socket, no HTTP library)',
      action: seconds(actionMs),
      reference: `bare Node ${seconds(medianMs(largest.nodeFloor))} (${(medianMs(largest.nodeFloor) / medianMs(largest.curl)).toFixed(2)}x curl; without the SHA-256 ${seconds(medianMs(largest.nodeFloorWithoutHash))}, ${(medianMs(largest.nodeFloorWithoutHash) / medianMs(largest.curl)).toFixed(2)}x curl)`,
      ratio: actionMs / medianMs(largest.nodeFloor),
      target: '(for comparison)',
      met: undefined
    },
    {
      name: '1. Download 1 GiB archive, wall time: vs @gitbeaker/rest',
      action: seconds(actionMs),
      reference: `gitbeaker ${seconds(medianMs(largest.gitbeaker))}`,
      ratio: actionMs / medianMs(largest.gitbeaker),
      target: '(for comparison)',
      met: undefined
    }
  ]
  const peaks = [...results].map(([size, runs]) => ({ size, action: medianPeakKiB(runs.action), gitbeaker: medianPeakKiB(runs.gitbeaker) }))
  for (const peak of peaks) {
    table.push({
      name: `2. Peak RSS, ${sizeName(peak.size)} archive`,
      action: mebibytes(peak.action),
      reference: `gitbeaker ${mebibytes(peak.gitbeaker)}`,
      ratio: peak.action / peak.gitbeaker,
      target: `< ${mebibytes(RSS_LIMIT_KIB)}`,
      met: peak.action < RSS_LIMIT_KIB
    })
  }
  const smallest = peaks[0]
  const biggest = peaks[peaks.length - 1]
  // A smaller peak at the bigger size is noise, not shrinking: shown as no growth.
  const growth = Math.max(0, biggest.action - smallest.action)
  const referenceGrowth = Math.max(0, biggest.gitbeaker - smallest.gitbeaker)
  table.push({
    name: `2. Peak RSS growth, ${sizeName(smallest.size)} → ${sizeName(biggest.size)} archive`,
    action: mebibytes(growth),
    reference: `gitbeaker ${mebibytes(referenceGrowth)}`,
    ratio: growth / referenceGrowth,
    target: `flat: < ${mebibytes(FLAT_GROWTH_KIB)}`,
    met: growth < FLAT_GROWTH_KIB
  })
  return table
}
