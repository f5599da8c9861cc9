import * as core from '@actions/core'
import { redact } from './secrets.js'

// Every line the action writes to the runner goes through here. Text from outside (anything a
// server sent, any input echoed back) may hold `::command::` or `##[command]` sequences that the
// runner would execute, and secrets that a server echoed; both are made harmless in one place.

/** How much of one piece of outside text (a server message, a name) a log line, annotation or summary cell shows. */
export const MAX_OUTSIDE_TEXT = 500

/** A zero-width space: invisible in the log, but it stops the runner from matching a command. */
const BREAK = '\u200b'

/**
 * Outside text fit to place in a message: control characters other than newline and tab removed,
 * cut to `max` characters with an ellipsis. Escaping for the runner happens when the line is written.
 */
export function outside(text: string, max = MAX_OUTSIDE_TEXT): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  const clean = text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
  return clean.length <= max ? clean : `${clean.slice(0, max - 1)}…`
}

/**
 * Text the runner will never read as a workflow command: the runner trims a line and looks for
 * `::` at its start, and for the legacy `##[` anywhere in it. Secrets are scrubbed first.
 */
export function neutralize(text: string): string {
  return redact(text)
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map(line => line.replace(/^(\s*):(?=:)/, `$1:${BREAK}`).replace(/##\[/g, `#${BREAK}#[`))
    .join('\n')
}

export function info(text: string): void {
  core.info(neutralize(text))
}

export function debug(text: string): void {
  core.debug(neutralize(text))
}

// Annotations: @actions/core escapes newlines in the message and title, so only the legacy
// `##[` form and secrets need handling; neutralize() does both.
function properties(props?: core.AnnotationProperties): core.AnnotationProperties | undefined {
  return props?.title === undefined ? props : { ...props, title: neutralize(props.title) }
}

export function notice(text: string, props?: core.AnnotationProperties): void {
  core.notice(neutralize(text), properties(props))
}

export function warning(text: string, props?: core.AnnotationProperties): void {
  core.warning(neutralize(text), properties(props))
}

export function error(text: string, props?: core.AnnotationProperties): void {
  core.error(neutralize(text), properties(props))
}

/** A collapsible log group; its title is one line. */
export function group<T>(title: string, run: () => Promise<T>): Promise<T> {
  return core.group(neutralize(title).replace(/\n/g, ' '), run)
}
