import * as core from '@actions/core'
import * as log from './log.js'
import { outside } from './log.js'
import type { StepFailure, SummaryLink, SummaryReport } from './results.js'
import { redact } from './secrets.js'

export type { SummaryLink, SummaryReport } from './results.js'

export function formatDuration(ms: number): string {
  // Short intervals (polls in tests and the demo) keep a decimal: "0.3s", not "0s".
  if (ms < 10_000) return `${Number((ms / 1000).toFixed(1))}s`
  const seconds = Math.round(ms / 1000)
  if (seconds < 60) return `${seconds}s`
  const minutes = Math.floor(seconds / 60)
  if (minutes < 60) return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m ${seconds % 60}s`
  return `${Math.floor(minutes / 60)}h ${minutes % 60}m`
}

/**
 * Outside text for the summary, which GitHub renders as Markdown with HTML: secrets scrubbed, cut
 * to a readable length, every character HTML or Markdown gives a meaning to written as an entity
 * (so no tag, link, emphasis or table pipe can come from a server), and newlines as <br> (a blank
 * line would end the HTML block and let Markdown through).
 */
function text(value: string): string {
  return outside(redact(value))
    .replace(/[&<>"`*_[\]~|\\]/g, entity)
    .replace(/\n/g, '<br>')
}

const NAMED_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }

function entity(char: string): string {
  return NAMED_ENTITIES[char] ?? `&#${char.charCodeAt(0)};`
}

/** An attribute value: Markdown does not read inside a tag, so HTML escaping is enough. */
function attribute(value: string): string {
  return redact(value).replace(/[&<>"']/g, entity)
}

/** Rows of one table at most; GitHub refuses a step summary over 1 MiB, and nobody reads 10,000 rows. */
export const MAX_TABLE_ROWS = 100

/** GitHub's limit on one step's summary. */
const MAX_SUMMARY_BYTES = 1024 * 1024

/** A table's rows, cut to MAX_TABLE_ROWS with a last row that says how many were left out. */
function rows(cells: string[][]): string[][] {
  if (cells.length <= MAX_TABLE_ROWS) return cells
  const left = cells.length - (MAX_TABLE_ROWS - 1)
  return [...cells.slice(0, MAX_TABLE_ROWS - 1), [`… ${left} more rows not shown`, '—']]
}

/**
 * A table cell's HTML. @actions/core writes a cell with empty content as a lone `<td>` with no end
 * tag, so an empty cell (no links, a stage Harness left unnamed) shows a dash instead.
 */
function cell(html: string): string {
  return html === '' ? '—' : html
}

/** A row of a table, every cell through cell(). */
function row(...cells: string[]): string[] {
  return cells.map(cell)
}

function link({ text: label, href }: SummaryLink): string {
  // Only web links: a `javascript:` or `data:` href from a server must not become a link.
  if (!/^https?:\/\//i.test(href)) return text(label)
  // A link without a label would be there but invisible: show its address instead.
  return `<a href="${attribute(href)}">${text(label) || text(href)}</a>`
}

function header(...names: string[]): Array<{ data: string; header: true }> {
  return names.map(name => ({ data: name, header: true }))
}

function icon(passed: boolean): string {
  return passed ? '✅' : '❌'
}

/** The failure's own words and one line of advice, under the table. */
function addFailure(failure: StepFailure): void {
  const advice = failure.hint ? `<br>${text(failure.hint)}` : ''
  core.summary.addRaw(`<p><strong>${text(failure.title)}</strong>: ${text(failure.message)}${advice}</p>`, true)
}

/** A summary that cannot be written is worth a warning, never a failed release gate. */
async function write(): Promise<void> {
  // Outside a runner (no GITHUB_STEP_SUMMARY) there is nowhere to write the summary.
  if (!process.env.GITHUB_STEP_SUMMARY) {
    core.summary.emptyBuffer()
    return
  }
  // Every cell is cut and every table bounded, so this is a last guard, not the expected path.
  if (Buffer.byteLength(core.summary.stringify()) > MAX_SUMMARY_BYTES - 1024) {
    core.summary.emptyBuffer().addRaw('<p>The summary was too long for GitHub and was left out; see the log.</p>', true)
  }
  try {
    await core.summary.write()
  } catch (error) {
    core.summary.emptyBuffer()
    log.warning(`Could not write the job summary: ${error instanceof Error ? error.message : String(error)}`)
  }
}

/** The job summary of an operation that ran: what, on what, how it ended, how long, where to look. */
export async function writeSummary(report: SummaryReport, failure?: StepFailure): Promise<void> {
  core.summary
    .addHeading(`${icon(report.passed)} ${text(report.operation)}`, 3)
    .addTable([
      header('Operation', 'Target', 'Status', 'Duration', 'Links'),
      row(
        text(report.operation),
        text(report.target),
        `${icon(report.passed)} ${text(report.status)}`,
        formatDuration(report.durationMs),
        (report.links ?? []).map(link).join('<br>')
      )
    ])
  if (report.details?.length) {
    core.summary.addTable([header('Detail', 'Value'), ...rows(report.details.map(([label, value]) => row(text(label), text(value))))])
  }
  if (report.stages?.length) {
    core.summary.addTable([header('Stage', 'Status'), ...rows(report.stages.map(stage => row(text(stage.name), text(stage.status))))])
  }
  if (report.variables?.length) {
    core.summary.addTable([
      header('Stage', 'Step', 'Output variable', 'Value'),
      ...rows(report.variables.map(variable => row(text(variable.stage), text(variable.step), text(variable.name), variableValue(variable.value))))
    ])
  }
  if (failure) addFailure(failure)
  if (report.log?.lines.length) addLog(report.log)
  await write()
}

/** A secret's value is never shown, not even masked: only that it exists. */
function variableValue(value: string | undefined): string {
  return value === undefined ? '<em>hidden (secret)</em>' : text(value)
}

/** Most of a log the summary shows, so that a long tail cannot push the summary past GitHub's limit. */
const MAX_LOG_HTML_BYTES = 256 * 1024

/**
 * A log's end, folded: each line escaped like any outside text. Lines are joined with <br> on one
 * HTML line, because a blank line would end the HTML block and let Markdown through. When the
 * escaped lines run past MAX_LOG_HTML_BYTES, the earliest are left out, and a first line says so.
 */
function addLog(log: { title: string; lines: string[] }): void {
  const shown: string[] = []
  let bytes = 0
  for (let index = log.lines.length - 1; index >= 0; index--) {
    const line = text(log.lines[index]) || ' '
    bytes += Buffer.byteLength(line) + 4
    if (bytes > MAX_LOG_HTML_BYTES) {
      shown.unshift(`… ${index + 1} earlier lines are in the step log`)
      break
    }
    shown.unshift(line)
  }
  core.summary.addRaw(`<details><summary>${text(log.title)}</summary><pre>${shown.join('<br>')}</pre></details>`, true)
}

/** The job summary of an operation that could not run to its end (bad input, unreachable server). */
export async function writeFailureSummary(operation: string, failure: StepFailure): Promise<void> {
  core.summary.addHeading(`${icon(false)} ${text(operation)}`, 3)
  addFailure(failure)
  await write()
}
