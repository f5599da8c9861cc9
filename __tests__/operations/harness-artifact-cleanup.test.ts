import { artifactCleanup } from '../../src/operations/harness-artifact-cleanup.js'
import { connection, useSimulator } from '../harness/firstgen-fixtures.js'

const setup = useSimulator()

function cleanup(artifactStreamId: string): ReturnType<typeof artifactCleanup> {
  return artifactCleanup({ operation: 'harness-artifact-cleanup', harness: connection(setup.sim), artifactStreamId })
}

describe('harness-artifact-cleanup', () => {
  it('passes when Harness says the cleanup succeeded', async () => {
    const result = await cleanup('stream-docker')
    expect(result.failure).toBeUndefined()
    expect(result.outputs).toEqual({ message: 'Cleanup successful for Artifact stream with id: stream-docker' })
    expect(result.summary).toMatchObject({ target: 'artifact stream stream-docker', status: 'Cleaned up', passed: true })
    expect(setup.log.text()).toContain('Harness: Cleanup successful for Artifact stream with id: stream-docker')
  })

  it.each([
    ['nope', 'Artifact stream not found for the id: nope', "Check 'artifact-stream-id'"],
    ['stream-jenkins', 'Clean up not supported for artifact Stream type: JENKINS', 'Harness cleans up Docker Registry'],
    ['stream-nexus', 'Failed to cleanup artifacts for artifact stream. Reason Nexus answered 503', undefined]
  ])('fails with Harness message for %s, output still set', async (id, message, hint) => {
    const result = await cleanup(id)
    expect(result.outputs.message).toBe(message)
    expect(result.failure?.message).toBe(`Harness did not clean up artifact stream ${id}: ${message}`)
    if (hint) expect(result.failure?.hint).toContain(hint)
    else expect(result.failure?.hint).toBeUndefined()
    expect(result.summary.passed).toBe(false)
  })

  it('fails when Harness answers without a message', async () => {
    setup.sim.faults.push({ field: 'artifactCleanup', status: 200, body: { data: { artifactCleanup: { message: null } } } })
    const result = await cleanup('stream-docker')
    expect(result.failure?.message).toBe('Harness did not clean up artifact stream stream-docker: Harness answered without a message')
    expect(result.outputs.message).toBe('')
  })
})
