// @ts-check
// Row 4: from process start to the first HTTP request, for the bundle beside a bare Node script
// that only sends one request (Node's own floor); and the size of dist/.
import { spawn } from 'node:child_process'
import { mkdirSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { startGitLab } from '../simulator/gitlab.js'
import { actionNode, projectRoot } from '../simulator/run-action.js'
import { measureAction, median } from './measure.js'

/** @typedef {import('./measure.js').Row} Row */

const TOKEN = 'glpat-bench-token'
const RUNS = 10
const LIMIT_MS = 150
const BARE_REQUEST = "require('node:http').get(process.argv[1], response => response.resume())"

/** @param {number} ms */
function milliseconds(ms) {
  return `${ms.toFixed(0)} ms`
}

/** @param {string} folder */
function folderBytes(folder) {
  return readdirSync(folder).reduce((sum, name) => sum + statSync(path.join(folder, name)).size, 0)
}

/**
 * @param {string} scratch
 * @returns {Promise<Row[]>}
 */
export async function coldStartRows(scratch) {
  const gitlab = await startGitLab({ jobs: [{ id: 1, entries: [{ name: 'tiny.txt', data: 'tiny' }] }], token: TOKEN, redirectToStorage: false })
  const workspace = path.join(scratch, 'cold-start-workspace')
  mkdirSync(workspace)
  /**
   * Milliseconds from just before `start()` to the arrival of the request it makes.
   * @param {() => Promise<unknown>} start
   */
  const firstRequestAfter = async start => {
    const before = gitlab.requests.length
    const spawnedAt = performance.now()
    await start()
    const first = gitlab.requests[before]
    if (!first) throw new Error('no request arrived')
    return first.receivedAt - spawnedAt
  }
  const action = () =>
    measureAction(
      { operation: 'gitlab-download-artifacts', 'gitlab-url': gitlab.url, 'gitlab-token': TOKEN, project: '42', 'job-id': '1', extract: 'false', path: 'out' },
      workspace
    )
  const url = `${gitlab.url}/api/v4/projects/42/jobs/1/artifacts`
  const bare = () =>
    new Promise((resolve, reject) => spawn(actionNode, ['-e', BARE_REQUEST, url], { stdio: 'ignore' }).on('error', reject).on('close', resolve))
  try {
    /** @type {number[]} */
    const actionMs = []
    /** @type {number[]} */
    const bareMs = []
    for (let run = 0; run < RUNS; run++) {
      actionMs.push(await firstRequestAfter(action))
      bareMs.push(await firstRequestAfter(bare))
    }
    const dist = path.join(projectRoot, 'dist')
    const megabytes = (/** @type {number} */ bytes) => `${(bytes / 1e6).toFixed(2)} MB`
    return [
      {
        name: '4. Cold start: process start → first HTTP request',
        action: milliseconds(median(actionMs)),
        reference: `bare node ${milliseconds(median(bareMs))}`,
        ratio: median(actionMs) / median(bareMs),
        target: `< ${LIMIT_MS} ms`,
        met: median(actionMs) < LIMIT_MS
      },
      {
        name: '4. Size of dist/',
        action: megabytes(folderBytes(dist)),
        reference: `(index.js ${megabytes(statSync(path.join(dist, 'index.js')).size)})`,
        ratio: undefined,
        target: '(reported)',
        met: undefined
      }
    ]
  } finally {
    await gitlab.close()
  }
}
