// @ts-check
// Row 5: how gently the action waits. A FirstGen deployment that runs for 30 minutes, followed with
// the default poll-interval (10s) and timeout (30m), run with time scaled down: the simulator's
// deployment and the action's interval and timeout all shrink by the same factor, and the figures
// are scaled back up. Requests, connections and how late the final status is noticed are counted
// at the server. A poll's own round trip (a few ms on loopback) is not scaled: at 100x it stands
// for a fraction of a second, about what a real one to Harness takes.
import { startHarnessFirstGen } from '../simulator/harness-firstgen.js'
import { measureAction, median } from './measure.js'

/** @typedef {import('./measure.js').Row} Row */

const SCALE = 100
const DEPLOYMENT_MS = 30 * 60_000
const POLL_INTERVAL_MS = 10_000
const TIMEOUT_MS = 30 * 60_000
const RUNS = 3
const REQUEST_LIMIT = 200

/**
 * @param {string} scratch
 * @returns {Promise<Row[]>}
 */
export async function pollingRows(scratch) {
  /** @type {{ requests: number, polls: number, connections: number, lateMs: number }[]} */
  const runs = []
  for (let run = 0; run < RUNS; run++) runs.push(await followDeployment(scratch))
  const requests = median(runs.map(run => run.requests))
  const polls = median(runs.map(run => run.polls))
  const connections = median(runs.map(run => run.connections))
  const lateMs = median(runs.map(run => run.lateMs))
  const pollsNeeded = DEPLOYMENT_MS / POLL_INTERVAL_MS
  return [
    {
      name: '5. Requests to Harness during a 30-min deployment (poll-interval 10s, timeout 30m; time-scaled)',
      action: `${requests} (${polls} polls, ${connections} connection${connections === 1 ? '' : 's'})`,
      reference: `${pollsNeeded} (one per 10 s)`,
      ratio: requests / pollsNeeded,
      target: `< ${REQUEST_LIMIT} requests`,
      met: requests < REQUEST_LIMIT
    },
    {
      name: '5. Final status noticed after it was reached',
      action: `${(lateMs / 1000).toFixed(1)} s`,
      reference: `poll interval ${POLL_INTERVAL_MS / 1000} s`,
      ratio: lateMs / POLL_INTERVAL_MS,
      target: '≤ 1 poll interval',
      met: lateMs <= POLL_INTERVAL_MS
    }
  ]
}

/**
 * One scaled run of the action against a fresh simulator; figures in unscaled time.
 * @param {string} workspace
 */
async function followDeployment(workspace) {
  const harness = await startHarnessFirstGen({
    accountId: 'bench-account',
    apiKey: 'bench-api-key',
    applications: [
      {
        id: 'app-shop',
        name: 'shop',
        workflows: [{ id: 'wf-deploy', name: 'Deploy', statuses: ['RUNNING', 'SUCCESS'], stepMs: DEPLOYMENT_MS / SCALE }]
      }
    ]
  })
  try {
    const run = await measureAction(
      {
        operation: 'harness-start-execution',
        'harness-url': harness.url,
        'harness-api-key': 'bench-api-key',
        'harness-account-id': 'bench-account',
        application: 'shop',
        workflow: 'Deploy',
        'poll-interval': `${POLL_INTERVAL_MS / SCALE}ms`,
        timeout: `${TIMEOUT_MS / SCALE}ms`
      },
      workspace
    )
    const execution = harness.executions.get(run.outputs['execution-id'])
    if (run.outputs.status !== 'SUCCESS' || !execution?.finalSeenAt || !execution.stepMs) {
      throw new Error(`the action ended with status ${run.outputs.status}, not SUCCESS`)
    }
    const reachedAt = execution.createdAtMs + execution.stepMs
    return {
      requests: harness.requests.length,
      polls: execution.polls,
      connections: harness.connections(),
      lateMs: (execution.finalSeenAt - reachedAt) * SCALE
    }
  } finally {
    await harness.close()
  }
}
