// The one follower of things that run until a final status, with a scripted kind: what the
// progress listener hears, what the log says, when it aborts (at most once) and how it judges.
import { ActionError, CancelledError } from '../../src/errors.js'
import { Follower, type FollowedKind, type FollowerSettings } from '../../src/operations/follower.js'
import type { DeploymentState } from '../../src/results.js'
import { captureStdout } from '../stdout.js'
import { recordingContext } from './recording-context.js'

interface Run {
  status: string
}

const FINAL = new Set(['SUCCESS', 'FAILED'])

function settings(overrides: Partial<FollowerSettings['wait']> = {}, abort = { onTimeout: true, onCancel: true }): FollowerSettings {
  return {
    operation: 'harness-ng-run-pipeline',
    wait: { enabled: true, pollIntervalMs: 1, timeoutMs: 60_000, passingStatuses: new Set(['SUCCESS']), ...overrides },
    abort
  }
}

/** A kind whose polls answer the scripted statuses (an Error is thrown), the last one for ever. */
function scripted(answers: Array<string | Error>, onPoll?: () => void): FollowedKind<Run> & { aborts: number } {
  let next = 0
  const kind = {
    aborts: 0,
    id: 'run-1',
    service: 'Harness',
    what: 'Run run-1',
    name: 'The run run-1',
    waitTitle: 'run run-1',
    read: () => {
      onPoll?.()
      const answer = answers[Math.min(next++, answers.length - 1)]
      return answer instanceof Error ? Promise.reject(answer) : Promise.resolve({ status: answer })
    },
    isFinal: (status: string) => FINAL.has(status),
    deploymentState: (status: string): DeploymentState => (status === 'SUCCESS' ? 'success' : status === 'FAILED' ? 'failure' : 'in_progress'),
    describe: (run: Run) => `Status ${run.status}`,
    url: () => 'https://example.test/runs/run-1',
    failureDetail: (run: Run) => (run.status === 'FAILED' ? 'step deploy failed' : undefined),
    abort: {
      what: 'Run run-1',
      interrupt: 'AbortAll',
      permission: 'the abort permission',
      send: () => {
        kind.aborts++
        return Promise.resolve()
      }
    }
  }
  return kind
}

describe('Follower', () => {
  const stdout = captureStdout()

  it('announces once, reports each new status once, logs changes only, and passes a passing final status', async () => {
    const context = recordingContext()
    const follower = new Follower(scripted(['RUNNING', 'RUNNING', 'RUNNING', 'SUCCESS']), settings(), context)
    await follower.announce()
    const { waited, failure, abortNote } = await follower.wait()
    expect(waited).toEqual({ outcome: 'final', last: { status: 'SUCCESS' } })
    expect(failure).toBeUndefined()
    expect(abortNote).toBeUndefined()
    expect(context.events).toEqual(['started run-1 https://example.test/runs/run-1', 'RUNNING in_progress', 'SUCCESS success'])
    expect(stdout().match(/Status RUNNING/g)).toHaveLength(1)
    expect(stdout()).toContain('::group::Wait for run run-1 (poll every')
  })

  it('takes a status already read as the first poll', async () => {
    const context = recordingContext()
    const kind = scripted(['SUCCESS'])
    const { waited } = await new Follower(kind, settings(), context).wait({ status: 'QUEUED' })
    expect(waited.last.status).toBe('SUCCESS')
    expect(context.events).toEqual(['started run-1 https://example.test/runs/run-1', 'QUEUED in_progress', 'SUCCESS success'])
  })

  it('fails a final status that is not passing, with the kind’s reason', async () => {
    const { failure } = await new Follower(scripted(['FAILED']), settings(), recordingContext()).wait()
    expect(failure).toMatchObject({ title: 'Deployment FAILED', message: 'The run run-1 ended with status FAILED: step deploy failed' })
  })

  it('aborts once on timeout when the policy allows, and says so in the failure', async () => {
    const kind = scripted(['RUNNING'])
    const { waited, failure, abortNote } = await new Follower(kind, settings({ timeoutMs: 5 }), recordingContext()).wait()
    expect(waited.outcome).toBe('timeout')
    expect(kind.aborts).toBe(1)
    expect(abortNote).toBe('AbortAll was sent to Harness')
    expect(failure?.title).toBe('Timed out')
    expect(failure?.message).toContain('last status RUNNING; AbortAll was sent to Harness')
  })

  it('leaves it running on timeout when the policy says so', async () => {
    const kind = scripted(['RUNNING'])
    const { abortNote } = await new Follower(kind, settings({ timeoutMs: 5 }, { onTimeout: false, onCancel: false }), recordingContext()).wait()
    expect(kind.aborts).toBe(0)
    expect(abortNote).toBe('it keeps running in Harness (abort-on-timeout is false)')
  })

  it('aborts once on a cancel and rethrows it', async () => {
    const context = recordingContext()
    let polls = 0
    const kind = scripted(['RUNNING'], () => {
      if (++polls === 2) context.cancel()
    })
    await expect(new Follower(kind, settings(), context).wait()).rejects.toBeInstanceOf(CancelledError)
    expect(kind.aborts).toBe(1)
  })

  it('survives retryable failed polls in a row up to the budget, and gives up on the next', async () => {
    const flaky = new ActionError('HTTP 503', { retryable: true })
    const recovered = await new Follower(scripted([flaky, flaky, 'SUCCESS']), settings(), recordingContext()).wait()
    expect(recovered.waited.last.status).toBe('SUCCESS')
    await expect(new Follower(scripted([flaky, flaky, flaky, 'SUCCESS']), settings(), recordingContext()).wait()).rejects.toBe(flaky)
  })

  it('gives up at once on a failed poll that is not worth retrying', async () => {
    const refused = new ActionError('HTTP 403')
    await expect(new Follower(scripted([refused, 'SUCCESS']), settings(), recordingContext()).wait()).rejects.toBe(refused)
  })

  it('waits out a failure the kind expects, without counting it', async () => {
    const missing = new Error('not listed yet')
    const kind = { ...scripted([missing, missing, missing, missing, 'SUCCESS']), isExpected: (error: unknown) => error === missing }
    const { waited } = await new Follower(kind, settings(), recordingContext()).wait()
    expect(waited.last.status).toBe('SUCCESS')
    expect(stdout().match(/is not visible in Harness yet/g)).toHaveLength(1)
  })

  it('judges a status read once without waiting', () => {
    const follower = new Follower(scripted(['FAILED']), settings(), recordingContext())
    expect(follower.verdict({ outcome: 'final', last: { status: 'SUCCESS' } })).toBeUndefined()
    expect(follower.verdict({ outcome: 'final', last: { status: 'FAILED' } })?.title).toBe('Deployment FAILED')
  })
})
