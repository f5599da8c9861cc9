import * as core from '@actions/core'
import type { Outputs } from './results.js'
import { redact } from './secrets.js'

/**
 * The one way an output is set: main sets the operation's outputs through it, and the GitHub
 * deployment mirror its `deployment-id` the moment GitHub created it (so that it is set even when
 * the step is cancelled or fails later). A value is server text: a key it echoes is redacted.
 */
export function setOutputs(outputs: Outputs): void {
  for (const [name, value] of Object.entries(outputs)) {
    if (value !== undefined) core.setOutput(name, redact(String(value)))
  }
}
