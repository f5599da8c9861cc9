import * as core from '@actions/core'
import { ActionError, InputError } from './errors.js'
import { deploymentProgress } from './github/deployments.js'
import { runOperation } from './operations/index.js'
import { redact } from './secrets.js'
import { readSettings, type Outputs } from './settings/index.js'
import { writeSummary } from './summary.js'

/** Seconds a cancelled run gets to clean up (e.g. abort a Harness execution) before it exits anyway. */
const CANCEL_GRACE_MS = 10_000

function cancelOnSignals(): AbortController {
  const controller = new AbortController()
  const onSignal = (signal: NodeJS.Signals): void => {
    if (controller.signal.aborted) process.exit(1)
    core.info(`Received ${signal}: the job is being cancelled.`)
    controller.abort()
    setTimeout(() => process.exit(1), CANCEL_GRACE_MS).unref()
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  return controller
}

function setOutputs(outputs: Outputs): void {
  for (const [name, value] of Object.entries(outputs)) {
    if (value !== undefined) core.setOutput(name, redact(String(value)))
  }
}

function fail(title: string, message: string, hint?: string): void {
  const text = redact(hint ? `${message}\n${hint}` : message)
  core.error(text, { title: redact(title) })
  process.exitCode = core.ExitCode.Failure
}

function reportError(error: unknown): void {
  if (error instanceof InputError) return fail('Invalid input', error.message)
  if (error instanceof ActionError) return fail(error.title ?? 'Failed', error.message, error.hint)
  // A bug of ours: the message still says what broke; the stack is for debug logs only.
  core.debug(redact(error instanceof Error ? (error.stack ?? error.message) : String(error)))
  fail('Unexpected error', error instanceof Error ? error.message : String(error))
}

/** The action's entry point: inputs to settings, settings to the operation, its result to outputs. */
export async function run(): Promise<void> {
  const controller = cancelOnSignals()
  try {
    const settings = readSettings()
    const progress = deploymentProgress('github' in settings ? settings.github : undefined)
    const result = await runOperation(settings, { progress, signal: controller.signal })
    setOutputs(result.outputs)
    await writeSummary(result.summary)
    if (result.failure) fail(result.failure.title, result.failure.message, result.failure.hint)
  } catch (error) {
    reportError(error)
  }
}
