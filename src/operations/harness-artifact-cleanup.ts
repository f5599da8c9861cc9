import * as log from '../log.js'
import { cleanUpArtifactStream } from '../harness/firstgen.js'
import type { Operation, OperationResult } from './types.js'
import type { HarnessConnection } from '../settings/index.js'
import { readHarnessConnection } from '../settings/harness.js'
import { HARNESS_CONNECTION } from '../settings/inputs.js'
import { identifier } from '../settings/reader.js'

/** Harness answers every outcome with HTTP 200; only this message means the cleanup happened. */
const SUCCESS = /^Cleanup successful/i

function hintFor(message: string): string | undefined {
  if (/not found/i.test(message)) return "Check 'artifact-stream-id': the id of an artifact stream in this Harness account."
  if (/not supported/i.test(message)) {
    return 'Harness cleans up Docker Registry, ECR, GCR, ACR, Artifactory, Nexus 2/3, Amazon AMI, Azure and Custom artifact streams only.'
  }
  return undefined
}

/** Runs artifactCleanup on a stream; the step fails unless Harness says the cleanup succeeded. */
export async function artifactCleanup(settings: ArtifactCleanupSettings): Promise<OperationResult> {
  const startedAt = Date.now()
  const id = settings.artifactStreamId
  const answer = await log.group(`Clean up Harness artifact stream ${id}`, async () => {
    const message = await cleanUpArtifactStream(settings.harness, id)
    log.info(`Harness: ${message ?? '(no message)'}`)
    return message
  })
  const message = answer ?? 'Harness answered without a message'
  const passed = SUCCESS.test(message)
  return {
    outputs: { message: answer ?? '' },
    summary: {
      operation: settings.operation,
      target: `artifact stream ${id}`,
      status: passed ? 'Cleaned up' : 'Not cleaned up',
      passed,
      durationMs: Date.now() - startedAt,
      details: [['Harness message', message]]
    },
    failure: passed
      ? undefined
      : { title: 'Artifact cleanup failed', message: `Harness did not clean up artifact stream ${id}: ${message}`, hint: hintFor(message) }
  }
}

export interface ArtifactCleanupSettings {
  operation: 'harness-artifact-cleanup'
  harness: HarnessConnection
  artifactStreamId: string
}

export function readArtifactCleanup(): ArtifactCleanupSettings {
  return {
    operation: 'harness-artifact-cleanup',
    harness: readHarnessConnection(),
    artifactStreamId: identifier('artifact-stream-id', 'the id of the artifact stream to clean up')
  }
}

export const operation: Operation<ArtifactCleanupSettings> = {
  name: 'harness-artifact-cleanup',
  inputs: [...HARNESS_CONNECTION, 'artifact-stream-id'],
  read: readArtifactCleanup,
  run: artifactCleanup
}
