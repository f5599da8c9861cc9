// The status-normalized mapping: every status of both generations maps to one value, and the README
// shows exactly this mapping.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import {
  FIRSTGEN_FINAL_STATUSES,
  isNextGenFinal,
  NEXTGEN_DEFAULT_PASSING,
  NEXTGEN_FINAL_STATUSES,
  normalizedStatus,
  normalizedStatusTable
} from '../../src/harness/statuses.js'

/** Every FirstGen GraphQL ExecutionStatus and every NextGen ExecutionStatus display name (harness-core). */
const FIRSTGEN = ['ABORTED', 'ERROR', 'FAILED', 'PAUSED', 'QUEUED', 'RESUMED', 'RUNNING', 'SUCCESS', 'WAITING', 'SKIPPED', 'REJECTED', 'EXPIRED']
const NEXTGEN = [
  'Running',
  'AsyncWaiting',
  'TaskWaiting',
  'TimedWaiting',
  'Failed',
  'Errored',
  'IgnoreFailed',
  'NotStarted',
  'Expired',
  'Aborted',
  'Discontinuing',
  'Queued',
  'Paused',
  'ResourceWaiting',
  'InterventionWaiting',
  'ApprovalWaiting',
  'WaitStepRunning',
  'QueuedLicenseLimitReached',
  'QueuedExecutionConcurrencyReached',
  'Success',
  'Suspended',
  'Skipped',
  'Pausing',
  'ApprovalRejected',
  'InputWaiting',
  'AbortedByFreeze'
]

/** The README's table, built from the mapping. */
function statusTableMarkdown(): string {
  const code = (statuses: string[]): string => statuses.map(status => `\`${status}\``).join(', ') || '—'
  return [
    '| `status-normalized` | FirstGen `status` | NextGen `status` |',
    '|---|---|---|',
    ...normalizedStatusTable().map(row => `| \`${row.normalized}\` | ${code(row.firstgen)} | ${code(row.nextgen)} |`)
  ].join('\n')
}

describe('status-normalized', () => {
  it('maps every status of both generations to a known value', () => {
    for (const status of FIRSTGEN) expect(normalizedStatus('firstgen', status)).not.toBe('unknown')
    for (const status of NEXTGEN) expect(normalizedStatus('nextgen', status)).not.toBe('unknown')
    expect(normalizedStatus('nextgen', 'SomethingNew')).toBe('unknown')
    expect(normalizedStatus('firstgen', 'Success')).toBe('unknown')
    expect(normalizedStatus('nextgen', 'constructor')).toBe('unknown')
  })

  it('says the same for the same outcome in either generation', () => {
    const pairs: Array<[string, string]> = [
      ['SUCCESS', 'Success'],
      ['FAILED', 'Failed'],
      ['ABORTED', 'Aborted'],
      ['REJECTED', 'ApprovalRejected'],
      ['EXPIRED', 'Expired'],
      ['SKIPPED', 'Skipped'],
      ['RUNNING', 'Running'],
      ['QUEUED', 'Queued'],
      ['PAUSED', 'ApprovalWaiting']
    ]
    for (const [firstgen, nextgen] of pairs) expect(normalizedStatus('firstgen', firstgen)).toBe(normalizedStatus('nextgen', nextgen))
  })

  it('keeps final and non-final statuses apart', () => {
    const finalValues = new Set(['success', 'skipped', 'failed', 'rejected', 'expired', 'aborted'])
    for (const status of FIRSTGEN)
      expect(finalValues.has(normalizedStatus('firstgen', status))).toBe((FIRSTGEN_FINAL_STATUSES as readonly string[]).includes(status))
    for (const status of NEXTGEN) expect(finalValues.has(normalizedStatus('nextgen', status))).toBe(isNextGenFinal(status))
  })

  it('is documented in the README as it is', () => {
    const readme = readFileSync(path.resolve(import.meta.dirname, '../../README.md'), 'utf8')
    expect(readme).toContain(statusTableMarkdown())
  })
})

describe('NextGen final statuses', () => {
  it('count Suspended as final and passing, as harness-core StatusUtils does', () => {
    expect(NEXTGEN_FINAL_STATUSES).toContain('Suspended')
    expect(NEXTGEN_DEFAULT_PASSING).toEqual(['Success', 'IgnoreFailed', 'Skipped', 'Suspended'])
  })
})
