import { jest } from '@jest/globals'
import { ActionError } from '../../src/errors.js'
import {
  parseTriggerEvent,
  TRIGGER_SKIPPED_STATUSES,
  triggerEventHint,
  triggerEventOutcome,
  WebhookTriggerClient,
  type WebhookRequest
} from '../../src/harness/nextgen-webhook.js'
import type { HarnessConnection } from '../../src/settings/index.js'
import { rejectionOf } from '../rejection.js'
import { DEMO_NEXTGEN, startHarnessNextGen } from '../../simulator/harness-nextgen.js'

type Simulator = Awaited<ReturnType<typeof startHarnessNextGen>>

const scope = { org: DEMO_NEXTGEN.org, project: DEMO_NEXTGEN.project }
const running: Simulator[] = []
const request: WebhookRequest = { pipeline: 'deploy_payments', trigger: 'on_release', payload: '{"v":1}', contentType: 'application/json' }

async function simulator(options: Parameters<typeof startHarnessNextGen>[0] = {}): Promise<Simulator> {
  const sim = await startHarnessNextGen(options)
  running.push(sim)
  return sim
}

function clientFor(url: string): WebhookTriggerClient {
  const harness: HarnessConnection = { url: new URL(url), accountId: DEMO_NEXTGEN.accountId, apiKey: DEMO_NEXTGEN.apiKey }
  return new WebhookTriggerClient(harness, scope)
}

beforeEach(() => {
  jest.spyOn(process.stdout, 'write').mockImplementation(() => true)
})

afterEach(async () => {
  jest.restoreAllMocks()
  await Promise.all(running.splice(0).map(server => server.close()))
})

describe('triggerEventOutcome', () => {
  it('waits on QUEUED and follows TARGET_EXECUTION_REQUESTED', () => {
    expect(triggerEventOutcome('QUEUED')).toBe('pending')
    expect(triggerEventOutcome('TARGET_EXECUTION_REQUESTED')).toBe('started')
  })

  it("counts Harness's own skipped statuses and a custom trigger's condition mismatches as skipped", () => {
    for (const status of [
      'SKIPPED',
      'TRIGGER_DID_NOT_MATCH_EVENT_CONDITION',
      'TRIGGER_DID_NOT_MATCH_METADATA_CONDITION',
      'TRIGGER_DID_NOT_MATCH_ARTIFACT_JEXL_CONDITION',
      'MERGE_QUEUE_CHECKS_ALREADY_RUNNING',
      'NO_MATCHING_TRIGGER_FOR_PAYLOAD_CONDITIONS',
      'NO_MATCHING_TRIGGER_FOR_HEADER_CONDITIONS',
      'NO_MATCHING_TRIGGER_FOR_JEXL_CONDITIONS'
    ]) {
      expect([status, triggerEventOutcome(status)]).toEqual([status, 'skipped'])
    }
    expect(TRIGGER_SKIPPED_STATUSES).toHaveLength(8)
  })

  it('fails on every other final status, including ones this version does not know', () => {
    for (const status of [
      'INVALID_RUNTIME_INPUT_YAML',
      'NO_ENABLED_CUSTOM_TRIGGER_FOUND',
      'EXCEPTION_WHILE_PROCESSING',
      'TARGET_DID_NOT_EXECUTE',
      'SOMETHING_NEW'
    ]) {
      expect([status, triggerEventOutcome(status)]).toEqual([status, 'failed'])
    }
  })

  it('has a hint for the common failures and for a skip', () => {
    expect(triggerEventHint('NO_ENABLED_CUSTOM_TRIGGER_FOUND', 'on_release', 'deploy')).toContain("identifier 'on_release'")
    expect(triggerEventHint('INVALID_RUNTIME_INPUT_YAML', 'on_release', 'deploy')).toContain('Pipeline Input')
    expect(triggerEventHint('TRIGGER_AUTHENTICATION_FAILED', 'on_release', 'deploy')).toContain("'Pipelines: Execute'")
    expect(triggerEventHint('SKIPPED', 'on_release', 'deploy')).toContain("add Skipped to 'passing-statuses'")
    expect(triggerEventHint('INVALID_PAYLOAD', 'on_release', 'deploy')).toBe("Harness could not read the payload: check 'payload'.")
    expect(triggerEventHint('VALIDATION_FAILED_FOR_TRIGGER', 'on_release', 'deploy')).toContain('open it in Harness and save it again')
    expect(triggerEventHint('TARGET_DID_NOT_EXECUTE', 'on_release', 'deploy')).toContain("Harness could not start pipeline 'deploy'")
    expect(triggerEventHint('EXCEPTION_WHILE_PROCESSING', 'on_release', 'deploy')).toContain('try again later')
    expect(triggerEventHint('SOMETHING_NEW', 'on_release', 'deploy')).toBe("Look at the trigger's Activity History in Harness for the event.")
  })
})

describe('parseTriggerEvent', () => {
  it('reads the status, message and execution, from the summary when the details lack it', () => {
    expect(
      parseTriggerEvent(
        {
          webhookProcessingDetails: { status: 'TARGET_EXECUTION_REQUESTED', message: 'ok', pipelineExecutionId: null },
          executionDetails: { pipelineExecutionSummary: { planExecutionId: 'exec-1', status: 'Running' } }
        },
        'read'
      )
    ).toEqual({ status: 'TARGET_EXECUTION_REQUESTED', message: 'ok', pipelineExecutionId: 'exec-1', executionStatus: 'Running' })
  })

  it('refuses an answer without a status', () => {
    expect(() => parseTriggerEvent({ webhookProcessingDetails: {} }, 'read trigger event e1')).toThrow(
      "Could not read trigger event e1: Harness's answer has no webhookProcessingDetails.status"
    )
  })
})

describe('WebhookTriggerClient', () => {
  it("reads the details endpoint an apiUrl names, always on harness-url's origin, and nothing else", () => {
    const client = clientFor('https://acme.harness.io')
    const at = (apiUrl: string): string | undefined => client.detailsUrl({ id: 'e1', apiUrl })?.href
    const v2 = 'https://acme.harness.io/gateway/pipeline/api/webhook/triggerExecutionDetailsV2/e1?accountIdentifier=demo-account'
    expect(at(v2)).toBe(v2)
    // Harness builds apiUrl from the account's base URL: the same endpoint is read on harness-url.
    expect(at('https://app.harness.io/gateway/pipeline/api/webhook/triggerExecutionDetailsV2/e1?accountIdentifier=other')).toBe(v2)
    expect(at('http://evil.example/gateway/pipeline/api/webhook/triggerExecutionDetails/e1')).toBe(
      'https://acme.harness.io/gateway/pipeline/api/webhook/triggerExecutionDetails/e1?accountIdentifier=demo-account'
    )
    expect(at('https://user:pw@acme.harness.io/gateway/pipeline/api/webhook/triggerExecutionDetailsV2/e1')).toBeUndefined()
    expect(at('https://acme.harness.io/gateway/pipeline/api/pipelines/execution/v2/e1')).toBeUndefined()
    expect(at('not a url')).toBeUndefined()
  })

  it('sends the webhook once, even when Harness answers 503, and says to look before sending it again', async () => {
    const sim = await simulator()
    sim.failNext('webhook', { httpStatus: 503, code: 'SERVICE_UNAVAILABLE', message: 'try later' })
    const error = await rejectionOf(clientFor(sim.url).fire(request))
    expect(error).toBeInstanceOf(ActionError)
    expect(error.hint).toContain("Look in the Activity History of trigger 'on_release'")
    expect(sim.calls('webhook')).toHaveLength(1)
  })

  it('keeps the usual advice for a refusal Harness answers before it queues anything', async () => {
    const sim = await simulator()
    sim.failNext('webhook', { httpStatus: 403, code: 'NG_ACCESS_DENIED', message: 'Missing permission core_pipeline_execute' })
    const error = await rejectionOf(clientFor(sim.url).fire(request))
    expect(error).toBeInstanceOf(ActionError)
    expect(error.message).toContain('Missing permission core_pipeline_execute')
    expect(error.hint).not.toContain('Activity History')
  })

  it('fails when Harness does not recognise the webhook as an event', async () => {
    const sim = await simulator({ webhook: { unrecognized: true } })
    await expect(clientFor(sim.url).fire(request)).rejects.toMatchObject({
      title: 'Webhook not recognised by Harness',
      message: "Harness accepted the webhook for trigger 'on_release' but did not recognise it as an event ('Unrecognized Webhook')"
    })
    expect(sim.events.size).toBe(0)
  })

  it('fails on a refusal to read the event, other than the 400 of an event not processed yet', async () => {
    const sim = await simulator({ webhook: { apiUrl: 'none' } })
    const client = clientFor(sim.url)
    const event = await client.fire(request)
    sim.failNext('event', { httpStatus: 403, code: 'NG_ACCESS_DENIED', message: 'Missing permission core_pipeline_view' })
    await expect(client.event(event)).rejects.toThrow('Missing permission core_pipeline_view')
  })

  it('reads the 400 of an event Harness has not processed as QUEUED, not processed yet', async () => {
    const sim = await simulator({ webhook: { apiUrl: 'none', pendingPolls: 1 } })
    const client = clientFor(sim.url)
    const event = await client.fire(request)
    expect(await client.event(event)).toMatchObject({ status: 'QUEUED', notProcessedYet: true })
    expect(await client.event(event)).toMatchObject({ status: 'TARGET_EXECUTION_REQUESTED', pipelineExecutionId: sim.events.get(event.id)?.executionId })
  })

  it('falls back to the v1 path when the apiUrl Harness named answers 404', async () => {
    const sim = await simulator({ webhook: { pendingPolls: 0 } })
    const client = clientFor(sim.url)
    const event = await client.fire(request)
    const moved = {
      ...event,
      apiUrl: `${sim.url}/gateway/pipeline/api/webhook/triggerExecutionDetailsV2/${event.id}?accountIdentifier=${DEMO_NEXTGEN.accountId}`
    }
    sim.failNext('event', { httpStatus: 404, code: 'RESOURCE_NOT_FOUND', message: 'no route' })
    expect((await client.event(moved)).status).toBe('TARGET_EXECUTION_REQUESTED')
    expect(sim.calls('event').map(call => call.path.split('/').slice(-2, -1)[0])).toEqual(['triggerExecutionDetailsV2', 'triggerExecutionDetails'])
  })
})
