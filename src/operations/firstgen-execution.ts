import * as log from '../log.js'
import { abortExecution, executionUrl, readExecution, type FirstGenExecution } from '../harness/firstgen.js'
import { firstGenDeploymentState, isFirstGenFinal, normalizedStatus } from '../harness/statuses.js'
import type { AbortPolicy, HarnessConnection, WaitSettings } from '../settings/index.js'
import { Follower, type Followed, type FollowedKind } from './follower.js'
import type { OperationContext, OperationResult } from './types.js'
import type { WaitResult } from './wait.js'

export interface FollowSettings {
  operation: string
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
  const follower = new Follower(followedKind(settings, first), settings, context)
  await follower.announce()
  let followed: Followed<FirstGenExecution>
  if (!settings.wait.enabled || isFirstGenFinal(first.status)) {
    log.info(describeStatus(settings.harness, first))
    await follower.report(first)
    const waited: WaitResult<FirstGenExecution> = { outcome: 'final', last: first }
    followed = { waited, failure: settings.wait.enabled ? follower.verdict(waited) : undefined }
  } else {
    // The status already read is the first one reported: logged and told to the deployment like any other.
    followed = await follower.wait(first)
  }
  const { waited, abortNote, failure } = followed
  const details = abortNote ? [...(extras.details ?? []), ['Abort', abortNote] as [string, string]] : extras.details
  return report(settings, waited, failure, { ...extras, details })
}

/** The permission harness-core checks for ABORT_ALL (ExecutionResource, DeploymentAuthHandler). */
function abortPermission(execution: FirstGenExecution): string {
  return execution.kind === 'PIPELINE'
    ? "the 'Execute Pipeline' application permission for this pipeline"
    : "the 'Abort Workflow' application permission for this workflow"
}

/** A FirstGen execution, as the follower knows it. */
function followedKind(settings: FollowSettings, first: FirstGenExecution): FollowedKind<FirstGenExecution> {
  const url = executionUrl(settings.harness, first)
  return {
    id: first.id,
    service: 'Harness',
    what: `Harness execution ${first.id}`,
    name: `Harness ${first.kind.toLowerCase()} execution ${first.id}`,
    waitTitle: `execution ${first.id} to end`,
    read: signal => readExecution(settings.harness, first.id, signal),
    isFinal: isFirstGenFinal,
    deploymentState: firstGenDeploymentState,
    describe: execution => describeStatus(settings.harness, execution),
    url: () => url,
    failureDetail: execution => execution.failureDetails,
    abort: {
      what: `Harness execution ${first.id}`,
      interrupt: 'ABORT_ALL',
      permission: abortPermission(first),
      send: () => abortExecution(settings.harness, { id: first.id, applicationId: first.application.id })
    }
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
