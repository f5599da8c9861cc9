import * as core from '@actions/core'

// The runner masks registered secrets in the log it shows, but only there: error messages,
// outputs and summaries we build ourselves are scrubbed here as well, so a server that
// echoes a key back (or a local run without a runner) cannot leak it.
const secrets = new Set<string>()

export function registerSecret(value: string): void {
  if (value === '' || secrets.has(value)) return
  core.setSecret(value)
  secrets.add(value)
}

export function redact(text: string): string {
  let result = text
  for (const secret of secrets) result = result.split(secret).join('***')
  return result
}
