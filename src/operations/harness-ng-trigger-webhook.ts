import * as log from '../log.js'
import { ActionError, CancelledError, InputError } from '../errors.js'
import { NextGenClient } from '../harness/nextgen.js'
import {
  activityHistoryHint,
  namesOtherOrigin,
  triggerEventHint,
  triggerEventOutcome,
  WebhookTriggerClient,
  type TriggerEventSnapshot,
  type WebhookEvent,
  type WebhookRequest
} from '../harness/nextgen-webhook.js'
import { NEXTGEN_DEFAULT_PASSING, NEXTGEN_FINAL_STATUSES } from '../harness/statuses.js'
import type { NextGenBase } from '../settings/index.js'
import { readAbort, readFailureLogLines, readGitHubDeployment, readHarnessConnection, readScope, readWait } from '../settings/harness.js'
import {
  GITHUB_DEPLOYMENT,
  HARNESS_ABORT,
  HARNESS_CONNECTION,
  HARNESS_WAIT,
  INPUT_DEFAULTS,
  NEXTGEN_FAILURE_DETAIL,
  NEXTGEN_SCOPE
} from '../settings/inputs.js'
import { identifier, list, verbatim, workspaceFile } from '../settings/reader.js'
import { formatDuration } from '../summary.js'
import { NgExecutionFollower } from './nextgen-execution.js'
import type { Operation, OperationContext, OperationResult, Outputs, StepFailure, SummaryReport } from './types.js'
import { waitForFinalStatus, type WaitResult } from './wait.js'

/**
 * How long the 400 "Trigger event history doesn't exist" is taken for "not processed yet" (within
 * 'timeout'). Harness usually processes a custom trigger's event within seconds; minutes without a
 * history point at an event that was dropped, which no longer wait can fix.
 */
const NOT_PROCESSED_GRACE_MS = 3 * 60_000

/** The event poll's longest interval: processing takes seconds, and the pipeline's own wait polls at 'poll-interval'. */
const EVENT_POLL_MAX_MS = 5_000

export async function ngTriggerWebhook(settings: NgTriggerWebhookSettings, context: OperationContext): Promise<OperationResult> {
  const startedAtMs = Date.now()
  const { pipeline, trigger, scope } = settings
  const webhooks = new WebhookTriggerClient(settings.harness, scope)
  const event = await log.group(`Send webhook to NextGen trigger ${trigger}`, async () => {
    log.info(`Sending ${payloadDescription(settings)} to custom trigger '${trigger}' of pipeline '${pipeline}' in ${scope.org}/${scope.project}.`)
    const fired = await webhooks.fire(settings)
    log.info(`Harness accepted trigger event ${fired.id}${fired.uiUrl ? `: ${log.outside(fired.uiUrl)}` : '.'}`)
    return fired
  })
  try {
    return await afterFired(webhooks, event, settings, context, startedAtMs)
  } catch (error) {
    // Harness has the event: a failure from here on keeps its id, and says to look before re-running.
    if (error instanceof CancelledError || !(error instanceof ActionError)) throw error
    return lostTrack(settings, event, error, startedAtMs)
  }
}

/** What happens once Harness has the event: its decision, then the execution it started. */
async function afterFired(
  webhooks: WebhookTriggerClient,
  event: WebhookEvent,
  settings: NgTriggerWebhookSettings,
  context: OperationContext,
  startedAtMs: number
): Promise<OperationResult> {
  const { pipeline, trigger } = settings
  const decided = await waitForDecision(webhooks, event, settings, context)
  const snapshot = decided.last
  if (decided.outcome === 'timeout') return notRun(settings, event, snapshot, startedAtMs, timedOut(settings, snapshot), true)
  const outcome = triggerEventOutcome(snapshot.status)
  if (outcome === 'started') return follow(settings, context, event, snapshot, startedAtMs)
  if (outcome === 'skipped' && settings.skippedPasses) {
    log.info(`Harness did not run pipeline '${pipeline}' for this event (${snapshot.status}); 'passing-statuses' names Skipped, so the step passes.`)
    return notRun(settings, event, snapshot, startedAtMs)
  }
  return notRun(settings, event, snapshot, startedAtMs, {
    title: outcome === 'skipped' ? 'Pipeline not run' : `Trigger ${snapshot.status}`,
    message: `Harness did not run pipeline '${pipeline}' for trigger event ${event.id} of trigger '${trigger}': ${snapshot.status}${snapshot.message ? `: ${log.outside(snapshot.message)}` : ''}`,
    hint: triggerEventHint(snapshot.status, trigger, pipeline)
  })
}

/**
 * Polls the event until Harness decides what to do with it; counts against 'timeout'. A cancel just
 * stops: nothing runs yet that this step could abort.
 */
async function waitForDecision(
  webhooks: WebhookTriggerClient,
  event: WebhookEvent,
  settings: NgTriggerWebhookSettings,
  context: OperationContext
): Promise<WaitResult<TriggerEventSnapshot>> {
  const firedAtMs = Date.now()
  const intervalMs = Math.min(settings.wait.pollIntervalMs, EVENT_POLL_MAX_MS)
  if (event.apiUrl && namesOtherOrigin(event, settings.harness.url)) {
    const where = webhooks.detailsUrl(event) ? 'the same endpoint' : 'them'
    log.info(
      `Harness named another address for the event's details (${log.outside(event.apiUrl.split('?')[0])}); reading ${where} from ${settings.harness.url.origin} instead, so that the API key goes nowhere but 'harness-url'.`
    )
  }
  return log.group(`Wait for Harness to process trigger event ${event.id} (poll every ${formatDuration(intervalMs)})`, () =>
    waitForFinalStatus<TriggerEventSnapshot>({
      what: `trigger event ${event.id}`,
      service: 'Harness',
      poll: async signal => {
        const snapshot = await webhooks.event(event, signal)
        if (snapshot.notProcessedYet && Date.now() - firedAtMs >= NOT_PROCESSED_GRACE_MS) {
          throw new ActionError(
            `Harness has not processed trigger event ${event.id} after ${formatDuration(Date.now() - firedAtMs)}: ${log.outside(snapshot.message ?? '')}`,
            { title: 'Trigger event not processed', hint: activityHistoryHint(settings) }
          )
        }
        return snapshot
      },
      isFinal: status => triggerEventOutcome(status) !== 'pending',
      describe: snapshot => describeEvent(event, snapshot),
      intervalMs,
      timeoutMs: settings.wait.timeoutMs,
      signal: context.signal
    })
  )
}

function describeEvent(event: WebhookEvent, snapshot: TriggerEventSnapshot): string {
  if (snapshot.notProcessedYet) return `Trigger event ${event.id}: Harness has not processed the event yet.`
  const message = snapshot.message ? ` (${log.outside(snapshot.message)})` : ''
  return `Trigger event ${event.id}: ${snapshot.status}${message}`
}

/** The execution the trigger started, followed exactly as harness-ng-run-pipeline follows its own. */
async function follow(
  settings: NgTriggerWebhookSettings,
  context: OperationContext,
  event: WebhookEvent,
  snapshot: TriggerEventSnapshot,
  startedAtMs: number
): Promise<OperationResult> {
  const id = snapshot.pipelineExecutionId
  if (!id) {
    throw new ActionError(`Harness requested an execution for trigger event ${event.id} but did not say which (no pipelineExecutionId)`, {
      title: 'Unexpected answer from Harness',
      hint: activityHistoryHint(settings)
    })
  }
  const { pipeline } = settings
  const client = new NextGenClient(settings.harness, settings.scope)
  log.info(`Trigger '${settings.trigger}' started execution ${id}: ${client.executionUrl(pipeline, id)}`)
  // The wait for the event counted against 'timeout'; the execution's wait has what is left.
  const spentMs = Date.now() - startedAtMs
  const followed = { ...settings, wait: { ...settings.wait, timeoutMs: Math.max(settings.wait.timeoutMs - spentMs, 1) } }
  const follower = new NgExecutionFollower({ client, id, pipeline, justStarted: true, settings: followed, context, startedAtMs: Date.now() })
  const status = snapshot.executionStatus ?? 'Running'
  await follower.report({ status, pipeline })
  const result = settings.wait.enabled ? await follower.wait() : follower.result({ id, status, pipeline, stages: [] })
  return withEvent(result, settings, event)
}

/**
 * A failure after Harness accepted the event (its details or the execution could not be read): the
 * step fails with the event's id as an output, and the hint to look in Harness before re-running,
 * since running the step again sends the webhook again.
 */
function lostTrack(settings: NgTriggerWebhookSettings, event: WebhookEvent, error: ActionError, startedAtMs: number): OperationResult {
  const hint = error.hint?.includes(activityHistoryHint(settings)) ? error.hint : [error.hint, activityHistoryHint(settings)].filter(Boolean).join(' ')
  return eventOnly(settings, event, startedAtMs, {
    status: 'unknown',
    outputs: {},
    details: [],
    failure: { title: error.title ?? 'Failed', message: `${error.message} (after Harness accepted trigger event ${event.id})`, hint }
  })
}

/** The result of a step that follows no execution (Harness ran none, or the step lost track of the event), with the event. */
function eventOnly(
  settings: NgTriggerWebhookSettings,
  event: WebhookEvent,
  startedAtMs: number,
  report: { status: string; outputs: Outputs; details: Array<[string, string]>; failure?: StepFailure }
): OperationResult {
  const summary: SummaryReport = {
    operation: settings.operation,
    target: `${settings.scope.org}/${settings.scope.project} / ${settings.pipeline}`,
    status: report.status,
    passed: report.failure === undefined,
    durationMs: Date.now() - startedAtMs,
    details: report.details
  }
  return withEvent({ outputs: report.outputs, summary, failure: report.failure }, settings, event)
}

/** The trigger and its event beside the execution's outputs and summary. */
function withEvent(result: OperationResult, settings: NgTriggerWebhookSettings, event: WebhookEvent): OperationResult {
  const summary = result.summary
  return {
    ...result,
    outputs: { 'event-id': event.id, ...result.outputs },
    summary: {
      ...summary,
      target: `${summary.target} (trigger ${settings.trigger})`,
      links: [...(summary.links ?? []), ...eventLinks(event)],
      details: [['Trigger', settings.trigger], ['Trigger event', event.id], ...(summary.details ?? [])]
    }
  }
}

function eventLinks(event: WebhookEvent): SummaryReport['links'] & object {
  return event.uiUrl ? [{ text: 'Trigger activity in Harness', href: event.uiUrl }] : []
}

/** The step's result when the trigger ran nothing: skipped, refused, or not decided within 'timeout'. */
function notRun(
  settings: NgTriggerWebhookSettings,
  event: WebhookEvent,
  snapshot: TriggerEventSnapshot,
  startedAtMs: number,
  failure?: OperationResult['failure'],
  /** The wait for Harness's decision ran out of 'timeout': the status is only the last one seen. */
  waitTimedOut = false
): OperationResult {
  const outcome = triggerEventOutcome(snapshot.status)
  const status = outcome === 'skipped' ? 'Skipped' : snapshot.status
  const normalized = outcome === 'skipped' ? 'skipped' : outcome === 'pending' ? 'queued' : 'failed'
  const details: Array<[string, string]> = [['Harness status', snapshot.status]]
  if (snapshot.message) details.push(['Message', snapshot.message])
  return eventOnly(settings, event, startedAtMs, {
    status: waitTimedOut ? `${status} (timed out)` : status,
    outputs: { status, 'status-normalized': normalized },
    details,
    failure
  })
}

function timedOut(settings: NgTriggerWebhookSettings, snapshot: TriggerEventSnapshot): NonNullable<OperationResult['failure']> {
  return {
    title: 'Timed out',
    message: `Timed out after ${formatDuration(settings.wait.timeoutMs)} waiting for Harness to process the event of trigger '${settings.trigger}'; last status ${snapshot.status}${snapshot.notProcessedYet ? ' (not processed yet)' : ''}`,
    hint: `${activityHistoryHint(settings)} Raise 'timeout' to wait longer.`
  }
}

/** Says what is sent without showing it: a payload may hold values people should not read in a log. */
function payloadDescription(settings: NgTriggerWebhookSettings): string {
  const bytes = Buffer.byteLength(settings.payload)
  return `a ${settings.contentType === 'application/json' ? 'JSON' : 'text'} payload (${bytes} byte${bytes === 1 ? '' : 's'})`
}

export interface NgTriggerWebhookSettings extends NextGenBase, WebhookRequest {
  operation: 'harness-ng-trigger-webhook'
  /** 'passing-statuses' names Skipped: an event Harness chose not to run passes the step. */
  skippedPasses: boolean
}

/**
 * The body: inline, or the path of a .json file in the workspace. JSON goes as application/json
 * (what Harness's payload conditions and <+trigger.payload.x> expressions read), anything else as
 * text/plain; both are content types the endpoint consumes.
 */
function readPayload(): Pick<WebhookRequest, 'payload' | 'contentType'> {
  const value = verbatim('payload') ?? INPUT_DEFAULTS.payload
  const fileName = value.trim()
  const fromFile = !fileName.includes('\n') && /\.json$/i.test(fileName) && !/^[[{"]/.test(fileName)
  const payload = fromFile ? workspaceFile('payload', fileName) : value
  const problem = jsonProblem(payload)
  if (problem === undefined) return { payload, contentType: 'application/json' }
  if (fromFile) throw new InputError('payload', `names the file '${fileName}', which is not valid JSON: ${problem}.`)
  if (/^\s*[[{]/.test(payload)) {
    throw new InputError('payload', `looks like JSON but is not valid JSON: ${problem}. Fix it, or give plain text that does not start with '{' or '['.`)
  }
  return { payload, contentType: 'text/plain' }
}

function jsonProblem(text: string): string | undefined {
  try {
    JSON.parse(text)
    return undefined
  } catch (error) {
    return error instanceof Error ? error.message : String(error)
  }
}

export function readNgTriggerWebhook(): NgTriggerWebhookSettings {
  return {
    operation: 'harness-ng-trigger-webhook',
    harness: readHarnessConnection(),
    scope: readScope(),
    pipeline: identifier('pipeline', 'the identifier of the NextGen pipeline the trigger belongs to'),
    trigger: identifier('trigger', 'the identifier of the custom webhook trigger'),
    ...readPayload(),
    abort: readAbort(true),
    wait: readWait(NEXTGEN_FINAL_STATUSES, NEXTGEN_DEFAULT_PASSING),
    skippedPasses: list('passing-statuses').some(status => status.toLowerCase() === 'skipped'),
    failureLogLines: readFailureLogLines(),
    github: readGitHubDeployment()
  }
}

export const operation: Operation<NgTriggerWebhookSettings> = {
  name: 'harness-ng-trigger-webhook',
  inputs: [
    ...HARNESS_CONNECTION,
    ...NEXTGEN_SCOPE,
    'pipeline',
    'trigger',
    'payload',
    ...HARNESS_WAIT,
    ...HARNESS_ABORT,
    ...NEXTGEN_FAILURE_DETAIL,
    ...GITHUB_DEPLOYMENT
  ],
  read: readNgTriggerWebhook,
  run: ngTriggerWebhook
}
