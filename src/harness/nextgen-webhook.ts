import { ActionError } from '../errors.js'
import { send, type HttpRequest, type HttpResponse } from '../http/client.js'
import { apiUrl } from '../http/url.js'
import type { HarnessConnection, NextGenScope } from '../settings/index.js'
import type { HarnessErrorContext } from './errors.js'
import { readData, segment } from './nextgen.js'

// A NextGen custom webhook trigger, fired and followed until Harness says what it did with the event.
// Shapes from harness-core (pipeline-service ng-triggers: NGTriggerWebhookConfigResource(Impl),
// NGTriggerServiceImpl, TriggerEventResponse.FinalStatus, UrlHelper), checked in the public snapshot of
// Dec 2023 and a newer copy of the same tree; harness-go-sdk's api_webhook_triggers.go sends the key
// as x-api-key with the content types application/json, application/yaml and text/plain.

/** The event id harness-core answers when it could not make an event of the request (Constants.UNRECOGNIZED_WEBHOOK). */
const UNRECOGNIZED_WEBHOOK = 'Unrecognized Webhook'

/**
 * What `triggerExecutionDetails` answers (HTTP 400, InvalidRequestException) while Harness has no
 * history for the event yet: before it processed it, and on newer builds while it is QUEUED.
 */
const NOT_PROCESSED_YET = /Trigger event history doesn't exist/i

/** The details path of every build; newer builds hand out `triggerExecutionDetailsV2` as `apiUrl`. */
const DETAILS_PATH = /\/gateway\/pipeline\/api\/webhook\/triggerExecutionDetails(?:V2)?\/[^/]+$/

export interface WebhookRequest {
  pipeline: string
  trigger: string
  /** The body, sent byte for byte. */
  payload: string
  contentType: 'application/json' | 'text/plain'
}

/** What Harness answered to the webhook: the event it queued, and where to follow it. */
export interface WebhookEvent {
  id: string
  /** The event's details endpoint as Harness names it (checked before use: see detailsUrl). */
  apiUrl?: string
  /** The trigger's activity page in the UI. */
  uiUrl?: string
}

/** One read of the event: Harness's FinalStatus name, its message and, once it ran the pipeline, the execution. */
export interface TriggerEventSnapshot {
  status: string
  message?: string
  pipelineExecutionId?: string
  /** The execution's status, when Harness added its summary (executionDetails.pipelineExecutionSummary). */
  executionStatus?: string
  /** Harness has no history for the event yet (the 400 while pending); status is then QUEUED. */
  notProcessedYet?: boolean
}

/**
 * The custom webhook trigger API under `<harness-url>/gateway/pipeline/api/webhook`. The key goes as
 * X-Api-Key: with it Harness checks Pipelines: Execute on the pipeline (NGTriggerServiceImpl
 * .checkAuthorization), and accounts may make it mandatory (mandate_custom_webhook_authorization).
 */
export class WebhookTriggerClient {
  private useApiUrl = true

  constructor(
    private readonly harness: HarnessConnection,
    private readonly scope: NextGenScope
  ) {}

  /**
   * Sends the payload to the trigger: once, because Harness queues the event as soon as it has the
   * request, and a second request would run the pipeline twice.
   */
  async fire(request: WebhookRequest): Promise<WebhookEvent> {
    const what = `send the payload to custom webhook trigger '${request.trigger}'`
    const response = await this.send({
      method: 'POST',
      url: apiUrl(this.harness.url, '/gateway/pipeline/api/webhook/custom/v2', {
        accountIdentifier: this.harness.accountId,
        orgIdentifier: this.scope.org,
        projectIdentifier: this.scope.project,
        pipelineIdentifier: request.pipeline,
        triggerIdentifier: request.trigger
      }),
      what,
      headers: { 'content-type': request.contentType },
      body: request.payload,
      retry: 'once'
    })
    const data = (await readData(response, what, this.errorContext()).catch((error: unknown) => {
      // Harness may have queued the event before its server error: "try again" could run the pipeline twice.
      if (error instanceof ActionError && response.status >= 500) {
        throw new ActionError(error.message, { title: error.title, hint: activityHistoryHint(request), cause: error })
      }
      throw error
    })) as Record<string, unknown> | undefined
    const id = textField(data?.eventCorrelationId)
    if (!id || id === UNRECOGNIZED_WEBHOOK) {
      throw new ActionError(
        `Harness accepted the webhook for trigger '${request.trigger}' but ${id ? `did not recognise it as an event ('${UNRECOGNIZED_WEBHOOK}')` : 'answered without an eventCorrelationId'}`,
        {
          title: 'Webhook not recognised by Harness',
          hint: activityHistoryHint(request)
        }
      )
    }
    return { id, apiUrl: textField(data?.apiUrl), uiUrl: textField(data?.uiUrl) }
  }

  /** Reads what Harness did with the event; the 400 of an event it has not processed yet becomes a QUEUED snapshot. */
  async event(event: WebhookEvent, signal?: AbortSignal): Promise<TriggerEventSnapshot> {
    const what = `read trigger event ${event.id}`
    const viaApiUrl = this.useApiUrl ? this.detailsUrl(event) : undefined
    const url =
      viaApiUrl ??
      apiUrl(this.harness.url, `/gateway/pipeline/api/webhook/triggerExecutionDetails/${segment(event.id)}`, { accountIdentifier: this.harness.accountId })
    const response = await this.send({ method: 'GET', url, what, retry: 'idempotent', signal })
    if (viaApiUrl && response.status === 404) {
      // A gateway that does not route the path Harness named: the v1 path every build has.
      await response.body.dump()
      this.useApiUrl = false
      return this.event(event, signal)
    }
    let data: Record<string, unknown> | undefined
    try {
      data = (await readData(response, what, this.errorContext())) as typeof data
    } catch (error) {
      if (error instanceof ActionError && response.status === 400 && NOT_PROCESSED_YET.test(error.message)) {
        return { status: 'QUEUED', message: error.message, notProcessedYet: true }
      }
      throw error
    }
    return parseTriggerEvent(data, what)
  }

  /**
   * The details endpoint the `apiUrl` Harness answered names (V2 on newer builds), on
   * 'harness-url': the key is never sent anywhere else. Harness builds `apiUrl` from the account's
   * base URL, which may be another host (a vanity URL) than the one this step talks to; the same
   * endpoint is then read on 'harness-url'. Undefined when `apiUrl` is not a details endpoint.
   */
  detailsUrl(event: WebhookEvent): URL | undefined {
    const named = parsedUrl(event.apiUrl)
    const path = named && !named.username && !named.password ? DETAILS_PATH.exec(named.pathname)?.[0] : undefined
    return path ? apiUrl(this.harness.url, path, { accountIdentifier: this.harness.accountId }) : undefined
  }

  private errorContext(): HarnessErrorContext {
    return { harness: this.harness, scope: this.scope, permission: "'Pipelines: Execute'" }
  }

  private send(request: Omit<HttpRequest, 'credentials'>): Promise<HttpResponse> {
    return send({ ...request, headers: { accept: 'application/json', ...request.headers }, credentials: { 'X-Api-Key': this.harness.apiKey } })
  }
}

function parsedUrl(text: string | undefined): URL | undefined {
  if (!text) return undefined
  try {
    return new URL(text)
  } catch {
    return undefined
  }
}

/** Whether Harness named its details endpoint on another origin than 'harness-url' (a vanity URL, say). */
export function namesOtherOrigin(event: WebhookEvent, harnessUrl: URL): boolean {
  const named = parsedUrl(event.apiUrl)
  return named !== undefined && named.origin !== harnessUrl.origin
}

/** Where to look before sending an event again that Harness may have queued (its trigger's event history). */
export function activityHistoryHint(request: Pick<WebhookRequest, 'trigger' | 'pipeline'>): string {
  return `Look in the Activity History of trigger '${request.trigger}' (pipeline '${request.pipeline}', Triggers) in Harness before re-running: the event may have been queued, and sending it again could run the pipeline twice.`
}

function textField(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined
}

/** `data.webhookProcessingDetails` (WebhookEventProcessingDetails) and the execution summary beside it. */
export function parseTriggerEvent(data: Record<string, unknown> | undefined, what: string): TriggerEventSnapshot {
  const details = (data?.webhookProcessingDetails ?? {}) as Record<string, unknown>
  const summary = ((data?.executionDetails ?? {}) as { pipelineExecutionSummary?: Record<string, unknown> }).pipelineExecutionSummary ?? {}
  const status = textField(details.status)
  if (!status) {
    throw new ActionError(`Could not ${what}: Harness's answer has no webhookProcessingDetails.status`, {
      title: 'Unexpected answer from Harness',
      hint: "Look at the trigger's Activity History in Harness."
    })
  }
  return {
    status,
    message: textField(details.message),
    pipelineExecutionId: textField(details.pipelineExecutionId) ?? textField(summary.planExecutionId),
    executionStatus: textField(summary.status)
  }
}

/**
 * What a trigger event's status means for the step:
 * - `pending`: Harness has not decided yet (QUEUED, newer builds);
 * - `started`: it requested the pipeline's execution, which is then followed;
 * - `skipped`: Harness chose not to run the pipeline for this event;
 * - `failed`: it could not run it (no enabled trigger, bad runtime input YAML, an exception, ...).
 */
export type TriggerEventOutcome = 'pending' | 'started' | 'skipped' | 'failed'

/**
 * "Harness chose not to run": harness-core's own SKIPPED_STATUSES (skip keywords, the event or
 * metadata conditions of Git triggers, a merge queue already running), and the three condition
 * mismatches a custom trigger reports (PayloadConditionsTriggerFilter, HeaderTriggerFilter,
 * JexlConditionsTriggerFilter). Harness groups those three with the failures; here they count as
 * skipped, because a condition is a filter its owner set on purpose: an event it filters out is a
 * decision, not an error. The step still fails on them unless 'passing-statuses' names Skipped.
 */
export const TRIGGER_SKIPPED_STATUSES: readonly string[] = [
  'SKIPPED',
  'TRIGGER_DID_NOT_MATCH_EVENT_CONDITION',
  'TRIGGER_DID_NOT_MATCH_METADATA_CONDITION',
  'TRIGGER_DID_NOT_MATCH_ARTIFACT_JEXL_CONDITION',
  'MERGE_QUEUE_CHECKS_ALREADY_RUNNING',
  'NO_MATCHING_TRIGGER_FOR_PAYLOAD_CONDITIONS',
  'NO_MATCHING_TRIGGER_FOR_HEADER_CONDITIONS',
  'NO_MATCHING_TRIGGER_FOR_JEXL_CONDITIONS'
]

export function triggerEventOutcome(status: string): TriggerEventOutcome {
  if (status === 'QUEUED') return 'pending'
  if (status === 'TARGET_EXECUTION_REQUESTED') return 'started'
  if (TRIGGER_SKIPPED_STATUSES.includes(status)) return 'skipped'
  return 'failed'
}

/** What to do about a trigger event that did not run the pipeline, by Harness's status. */
export function triggerEventHint(status: string, trigger: string, pipeline: string): string {
  switch (status) {
    case 'NO_ENABLED_CUSTOM_TRIGGER_FOUND':
    case 'NO_ENABLED_CUSTOM_TRIGGER_FOUND_FOR_ACCOUNT':
    case 'NO_ENABLED_TRIGGER_FOR_PROJECT':
    case 'NO_ENABLED_TRIGGER_FOR_ACCOUNT':
      return `Check that pipeline '${pipeline}' has a Custom trigger with the identifier '${trigger}' ('trigger'; the identifier, not the name) in this organization and project, and that it is enabled.`
    case 'INVALID_RUNTIME_INPUT_YAML':
      return `The pipeline input YAML (or input sets) of trigger '${trigger}' does not fit pipeline '${pipeline}' as it is now: edit the trigger's Pipeline Input in Harness, or check the payload expressions it reads.`
    case 'TRIGGER_AUTHENTICATION_FAILED':
      return `The API key's user or service account needs 'Pipelines: Execute' on pipeline '${pipeline}'.`
    case 'INVALID_PAYLOAD':
      return "Harness could not read the payload: check 'payload'."
    case 'VALIDATION_FAILED_FOR_TRIGGER':
      return `Harness found trigger '${trigger}' invalid (for instance a connector or input set it names no longer exists): open it in Harness and save it again.`
    case 'TARGET_DID_NOT_EXECUTE':
      return `Harness could not start pipeline '${pipeline}': its message says why (a freeze, a permission of the trigger, the pipeline's YAML).`
    case 'EXCEPTION_WHILE_PROCESSING':
      return "Harness failed while processing the event: look at the trigger's Activity History in Harness, and try again later."
    default:
      return TRIGGER_SKIPPED_STATUSES.includes(status)
        ? `Harness did not run pipeline '${pipeline}' for this event. To let the step pass when that happens, add Skipped to 'passing-statuses'.`
        : "Look at the trigger's Activity History in Harness for the event."
  }
}
