// @ts-check
// Rows 6 and 7: the 1 GiB download through the simulator's forward proxy (absolute-URI, as for an
// http:// GitLab) and over HTTPS with a private CA, each beside curl doing the same, with peak
// memory. BENCH_NETWORK_SIZE (bytes) shrinks the archive for a quick check.
import { mkdirSync, rmSync } from 'node:fs'
import path from 'node:path'
import { startGitLab } from '../simulator/gitlab.js'
import { startProxy } from '../simulator/proxy.js'
import { makePrivateCa } from '../simulator/tls.js'
import { zipChunks, zipSize } from '../simulator/zip.js'
import { GiB, MiB, interleaved, measureAction, measureCommand, mebibytes, medianMs, medianPeakKiB, reuseFreshMemory, seconds } from './measure.js'

/** @typedef {import('./measure.js').Row} Row */

const TOKEN = 'glpat-bench-token'
const PROJECT_ID = 42
const SIZE = Number(process.env.BENCH_NETWORK_SIZE) || GiB
const RUNS = 3
const RSS_LIMIT_KIB = 100 * 1024

/**
 * @param {string} scratch
 * @returns {Promise<Row[]>}
 */
export async function networkRows(scratch) {
  const job = { id: 1, entries: [{ name: 'artifact.bin', size: SIZE, seed: 7 }] }
  for (const _ of zipChunks(job.entries));
  const expectedBytes = zipSize(job.entries)
  const ca = makePrivateCa()
  const workspace = path.join(scratch, 'network-workspace')
  mkdirSync(workspace, { recursive: true })
  const output = path.join(scratch, 'network-download.zip')
  const common = { jobs: [job], project: { id: PROJECT_ID, path: 'bench/project' }, token: TOKEN, redirectToStorage: false }
  const proxied = await startGitLab({ ...common, names: { gitlab: 'gitlab.test', storage: 'storage.test' } })
  const proxy = await startProxy({ hosts: { 'gitlab.test': '127.0.0.1' } })
  const secure = await startGitLab({ ...common, tls: ca.issue(['127.0.0.1', '127.0.0.2']) })
  /** @param {() => Promise<import('./measure.js').Measured>} download */
  const fresh = download => async () => {
    reuseFreshMemory(scratch, expectedBytes + 256 * MiB)
    try {
      return await download()
    } finally {
      rmSync(output, { force: true })
      rmSync(path.join(workspace, 'out'), { recursive: true, force: true })
    }
  }
  /** @param {string} gitlabUrl @param {Record<string, string>} env */
  const action = (gitlabUrl, env) =>
    fresh(async () => {
      const inputs = {
        operation: 'gitlab-download-artifacts',
        'gitlab-url': gitlabUrl,
        'gitlab-token': TOKEN,
        project: String(PROJECT_ID),
        'job-id': '1',
        extract: 'false',
        path: 'out'
      }
      const run = await measureAction(inputs, workspace, env)
      if (Number(run.outputs['size-bytes']) !== expectedBytes) throw new Error(`the action saved ${run.outputs['size-bytes']} bytes, not ${expectedBytes}`)
      return run
    })
  /** @param {string} gitlabUrl @param {string[]} flags */
  const curl = (gitlabUrl, flags) =>
    fresh(() =>
      measureCommand('curl', [
        '-sS',
        '--fail',
        ...flags,
        '-o',
        output,
        '-H',
        `PRIVATE-TOKEN: ${TOKEN}`,
        `${gitlabUrl}/api/v4/projects/${PROJECT_ID}/jobs/1/artifacts`
      ])
    )
  try {
    const throughProxy = await interleaved(RUNS, {
      action: action(proxied.url, { HTTP_PROXY: proxy.url }),
      curl: curl(proxied.url, ['--proxy', proxy.url])
    })
    const overHttps = await interleaved(RUNS, {
      action: action(secure.url, { NODE_EXTRA_CA_CERTS: ca.caFile }),
      curl: curl(secure.url, ['--cacert', ca.caFile])
    })
    const size = SIZE >= GiB ? `${SIZE / GiB} GiB` : `${(SIZE / MiB).toFixed(0)} MiB`
    /** @type {Array<[string, Record<string, import('./measure.js').Measured[]>]>} */
    const cases = [
      [`6. Download ${size} archive through a forward proxy (HTTP_PROXY; curl --proxy)`, throughProxy],
      [`7. Download ${size} archive over HTTPS with a private CA (NODE_EXTRA_CA_CERTS; curl --cacert)`, overHttps]
    ]
    return cases.flatMap(([name, runs]) => [
      {
        name: `${name}, wall time`,
        action: seconds(medianMs(runs.action)),
        reference: `curl ${seconds(medianMs(runs.curl))}`,
        ratio: medianMs(runs.action) / medianMs(runs.curl),
        target: '(for comparison)',
        met: undefined
      },
      {
        name: `${name}, peak RSS`,
        action: mebibytes(medianPeakKiB(runs.action)),
        reference: `curl ${mebibytes(medianPeakKiB(runs.curl))}`,
        ratio: medianPeakKiB(runs.action) / medianPeakKiB(runs.curl),
        target: `< ${mebibytes(RSS_LIMIT_KIB)}`,
        met: medianPeakKiB(runs.action) < RSS_LIMIT_KIB
      }
    ])
  } finally {
    await Promise.all([proxied.close(), proxy.close(), secure.close()])
    ca.remove()
  }
}
