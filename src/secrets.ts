import * as core from '@actions/core'

// The runner masks registered secrets in the log it shows, but only there: error messages,
// outputs, summaries and requests to GitHub that we build ourselves are scrubbed here as well,
// so a server that echoes a key back (or a local run without a runner) cannot leak it.
// A server may echo a key in another encoding (a URL it builds, a base64 header it reflects):
// those forms are masked and scrubbed too.
const forms = new Set<string>()

/** Forms shorter than this are too likely to occur by chance in ordinary text to be scrubbed. */
const MIN_FORM_LENGTH = 4

/** The secret as it may come back: raw, URL-encoded (both styles), base64 and base64url. */
function encodedForms(value: string): string[] {
  const bytes = Buffer.from(value, 'utf8')
  return [
    value,
    encodeURIComponent(value),
    encodeURIComponent(value).replace(/%20/g, '+'),
    bytes.toString('base64'),
    bytes.toString('base64').replace(/=+$/, ''),
    bytes.toString('base64url')
  ]
}

export function registerSecret(value: string): void {
  if (value === '') return
  for (const form of encodedForms(value)) {
    if (forms.has(form) || (form !== value && form.length < MIN_FORM_LENGTH)) continue
    core.setSecret(form)
    forms.add(form)
  }
}

/** Replaces every registered secret, in each of its forms, with `***`; longest forms first. */
export function redact(text: string): string {
  let result = text
  for (const form of [...forms].sort((a, b) => b.length - a.length)) result = result.split(form).join('***')
  return result
}
