import * as log from '../log.js'
import { CancelledError } from '../errors.js'
import { abortExecution, executionUrl, readExecution, type FirstGenExecution } from '../harness/firstgen.js'
import { firstGenDeploymentState, isFirstGenFinal, normalizedStatus } from '../harness/statuses.js'
import type { AbortPolicy, HarnessConnection, OperationName, WaitSettings } from '../settings/index.js'
import { formatDuration } from '../summary.js'
import { ExecutionAborter } from './abort.js'
import { executionFailure } from './execution-outcome.js'
import type { OperationContext, OperationResult } from './types.js'
import { waitForFinalStatus, type WaitResult } from './wait.js'

export interface FollowSettings {
  operation: OperationName
  harness: HarnessConnection
  wait: WaitSettings
  abort: AbortPolicy
}

/** How the step reports an execution beyond its status: when it began, and extra summary rows. */
export interface ReportExtras {
  stepStartedAt: number
  details?: Array<[string, string]>
}

/**
 * Hands an execution (just started, or just read) to the GitHub deployment, follows it to a final
 * status when asked, and turns the last status seen into the step's outputs, summary and verdict.
 * With `wait: false`, or an execution that has already ended, nothing more is polled.
 */
export async function followExecution(
  settings: FollowSettings,
  first: FirstGenExecution,
  context: OperationContext,
  extras: ReportExtras
): Promise<OperationResult> {
  const url = executionUrl(settings.harness, first)
  log.info(`Harness ${first.kind.toLowerCase()} execution ${first.id}: ${url}`)
  await context.progress.started({ id: first.id, url })
  let result: WaitResult<FirstGenExecution>
  let abortNote: string | undefined
  if (!settings.wait.enabled || isFirstGenFinal(first.status)) {
    log.info(describeStatus(settings.harness, first))
    await context.progress.changed(first.status, firstGenDeploymentState(first.status))
    result = { outcome: 'final', last: first }
  } else {
    const aborter = aborterFor(settings, first)
    result = await log.group(
      `Wait for execution ${first.id} to end (poll every ${formatDuration(settings.wait.pollIntervalMs)}, timeout ${formatDuration(settings.wait.timeoutMs)})`,
      () => waitFor(settings, first, context, aborter)
    )
    if (result.outcome === 'timeout') abortNote = await aborter.abort('timeout')
  }
  const what = `Harness ${first.kind.toLowerCase()} execution ${first.id}`
  const failure = settings.wait.enabled ? executionFailure(what, result, settings, result.last.failureDetails, abortNote) : undefined
  const details = abortNote ? [...(extras.details ?? []), ['Abort', abortNote] as [string, string]] : extras.details
  return report(settings, result, failure, { ...extras, details })
}

/** The permission harness-core checks for ABORT_ALL (ExecutionResource, DeploymentAuthHandler). */
function abortPermission(execution: FirstGenExecution): string {
  return execution.kind === 'PIPELINE'
    ? "the 'Execute Pipeline' application permission for this pipeline"
    : "the 'Abort Workflow' application permission for this workflow"
}

function aborterFor(settings: FollowSettings, execution: FirstGenExecution): ExecutionAborter {
  return new ExecutionAborter(settings.abort, {
    what: `Harness execution ${execution.id}`,
    url: executionUrl(settings.harness, execution),
    interrupt: 'ABORT_ALL',
    permission: abortPermission(execution),
    send: () => abortExecution(settings.harness, { id: execution.id, applicationId: execution.application.id })
  })
}

async function waitFor(
  settings: FollowSettings,
  first: FirstGenExecution,
  context: OperationContext,
  aborter: ExecutionAborter
): Promise<WaitResult<FirstGenExecution>> {
  // The status already read is the first one reported: logged and told to the deployment like any other.
  let unreported: FirstGenExecution | undefined = first
  const poll = async (): Promise<FirstGenExecution> => {
    const snapshot = unreported ?? (await readExecution(settings.harness, first.id))
    unreported = undefined
    return snapshot
  }
  try {
    return await waitForFinalStatus({
      what: `Harness execution ${first.id}`,
      poll,
      isFinal: isFirstGenFinal,
      describe: execution => describeStatus(settings.harness, execution),
      onChange: execution => context.progress.changed(execution.status, firstGenDeploymentState(execution.status)),
      intervalMs: settings.wait.pollIntervalMs,
      timeoutMs: settings.wait.timeoutMs,
      signal: context.signal
    })
  } catch (error) {
    if (error instanceof CancelledError) await aborter.abort('cancel')
    throw error
  }
}

/** One log line per status; the waiting ones say what (or who) Harness is waiting for. */
function describeStatus(harness: HarnessConnection, execution: FirstGenExecution): string {
  const line = `Status ${execution.status}`
  switch (execution.status) {
    case 'QUEUED':
      return `${line}: waiting for Harness to start it`
    case 'PAUSED': {
      const url = executionUrl(harness, execution)
      const stage = execution.stages.find(candidate => candidate.status === 'PAUSED')
      if (stage?.approval) return `${line}: waiting for approval at '${stage.name}'; a person must approve or reject it in Harness: ${url}`
      return `${line}: waiting for a person to act in Harness (an approval or a manual intervention): ${url}`
    }
    case 'WAITING':
      return `${line}: Harness is holding it (a wait step, or a resource another deployment holds)`
    default:
      return execution.failureDetails ? `${line}: ${execution.failureDetails}` : line
  }
}

function report(settings: FollowSettings, result: WaitResult<FirstGenExecution>, failure: OperationResult['failure'], extras: ReportExtras): OperationResult {
  const execution = result.last
  const url = executionUrl(settings.harness, execution)
  const { application, target } = execution
  const details: Array<[string, string]> = [
    ['Execution id', execution.id],
    ['Application id', application.id],
    ...(execution.failureDetails ? [['Failure', execution.failureDetails] as [string, string]] : []),
    ...(extras.details ?? [])
  ]
  const started = execution.startedAt
  return {
    outputs: {
      'execution-id': execution.id,
      status: execution.status,
      'status-normalized': normalizedStatus('firstgen', execution.status),
      'execution-url': url,
      'application-id': application.id
    },
    summary: {
      operation: settings.operation,
      target: `${application.name ?? application.id} / ${target?.name ?? target?.id ?? execution.kind.toLowerCase()}`,
      status: result.outcome === 'timeout' ? `${execution.status} (timed out)` : execution.status,
      passed: failure === undefined,
      durationMs: started !== undefined ? (execution.endedAt ?? Date.now()) - started : Date.now() - extras.stepStartedAt,
      links: [{ text: `Execution ${execution.id} in Harness`, href: url }],
      details,
      stages: execution.stages.map(({ name, status }) => ({ name, status }))
    },
    failure
  }
}
