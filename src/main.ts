import * as core from '@actions/core'
import * as log from './log.js'
import { ActionError, InputError } from './errors.js'
import { runOperation } from './operations/index.js'
import { setOutputs } from './outputs.js'
import { NO_DEPLOYMENT, type GitHubDeployment, type StepFailure } from './results.js'
import { readSettings } from './operations/registry.js'
import type { GitHubDeploymentSettings } from './settings/index.js'
import { writeFailureSummary, writeSummary } from './summary.js'

/** Seconds a cancelled run gets to clean up (e.g. abort a Harness execution) before it exits anyway. */
const CANCEL_GRACE_MS = 10_000

function cancelOnSignals(): AbortController {
  const controller = new AbortController()
  const onSignal = (signal: NodeJS.Signals): void => {
    if (controller.signal.aborted) process.exit(1)
    log.info(`Received ${signal}: the job is being cancelled.`)
    controller.abort()
    setTimeout(() => process.exit(1), CANCEL_GRACE_MS).unref()
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  return controller
}

/** What a thrown error means for the user; a bug of ours still says what broke, its stack goes to the debug log. */
function failureOf(error: unknown): StepFailure {
  if (error instanceof InputError) return { title: 'Invalid input', message: error.message }
  if (error instanceof ActionError) return { title: error.title ?? 'Failed', message: error.message, hint: error.hint }
  log.debug(error instanceof Error ? (error.stack ?? error.message) : String(error))
  return {
    title: 'Unexpected error',
    message: error instanceof Error ? error.message : String(error),
    hint: 'This looks like a bug in the action: please report it with the log of a run with ACTIONS_STEP_DEBUG set to true.'
  }
}

/** Octokit is loaded only for a step that mirrors its execution onto a GitHub deployment. */
async function deploymentFor(settings: GitHubDeploymentSettings | undefined): Promise<GitHubDeployment> {
  return settings ? (await import('./github/deployments.js')).deploymentProgress(settings) : NO_DEPLOYMENT
}

/** One error annotation: the title says what failed, the message why, the last line what to do. */
async function fail(failure: StepFailure, deployment: GitHubDeployment): Promise<void> {
  const text = failure.hint ? `${failure.message}\n${failure.hint}` : failure.message
  log.error(text, { title: failure.title })
  // A plain 1 rather than core.ExitCode, which @github/local-action's stand-in for @actions/core lacks.
  process.exitCode = 1
  await deployment.interrupted(failure.message)
}

/** The action's entry point: inputs to settings, settings to the operation, its result to outputs. */
export async function run(): Promise<void> {
  const controller = cancelOnSignals()
  let deployment = NO_DEPLOYMENT
  try {
    const settings = await readSettings()
    deployment = await deploymentFor('github' in settings ? settings.github : undefined)
    const result = await runOperation(settings, { progress: deployment, signal: controller.signal })
    setOutputs(result.outputs)
    await writeSummary(result.summary, result.failure)
    if (result.failure) await fail(result.failure, deployment)
  } catch (error) {
    const failure = failureOf(error)
    await writeFailureSummary(core.getInput('operation') || 'harness-gitlab-action', failure)
    await fail(failure, deployment)
  }
}
