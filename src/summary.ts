import * as core from '@actions/core'
import type { StepFailure } from './operations/types.js'
import { redact } from './secrets.js'

export interface SummaryLink {
  text: string
  href: string
}

export interface SummaryReport {
  operation: string
  /** What was acted on: "app / pipeline", "group/project job 42". */
  target: string
  status: string
  passed: boolean
  durationMs: number
  links?: SummaryLink[]
  /** Extra facts as label/value rows (size, sha256, files, message). */
  details?: Array<[string, string]>
  /** The execution's stages, when Harness reports them. */
  stages?: Array<{ name: string; status: string }>
}

export function formatDuration(ms: number): string {
  // Short intervals (polls in tests and the demo) keep a decimal: "0.3s", not "0s".
  if (ms < 10_000) return `${Number((ms / 1000).toFixed(1))}s`
  const seconds = Math.round(ms / 1000)
  if (seconds < 60) return `${seconds}s`
  const minutes = Math.floor(seconds / 60)
  if (minutes < 60) return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m ${seconds % 60}s`
  return `${Math.floor(minutes / 60)}h ${minutes % 60}m`
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }

// core.summary writes HTML as given: every text from a server or an input is escaped (and scrubbed of secrets).
function text(value: string): string {
  return redact(value).replace(/[&<>"]/g, char => HTML_ESCAPES[char])
}

function link({ text: label, href }: SummaryLink): string {
  return `<a href="${text(href)}">${text(label)}</a>`
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
  try {
    await core.summary.write()
  } catch (error) {
    core.summary.emptyBuffer()
    core.warning(`Could not write the job summary: ${error instanceof Error ? error.message : String(error)}`)
  }
}

/** The job summary of an operation that ran: what, on what, how it ended, how long, where to look. */
export async function writeSummary(report: SummaryReport, failure?: StepFailure): Promise<void> {
  core.summary.addHeading(`${icon(report.passed)} ${text(report.operation)}`, 3).addTable([
    header('Operation', 'Target', 'Status', 'Duration', 'Links'),
    [
      text(report.operation),
      text(report.target),
      `${icon(report.passed)} ${text(report.status)}`,
      formatDuration(report.durationMs),
      (report.links ?? []).map(link).join('<br>')
    ]
  ])
  if (report.details?.length) {
    core.summary.addTable([header('Detail', 'Value'), ...report.details.map(([label, value]) => [text(label), text(value)])])
  }
  if (report.stages?.length) {
    core.summary.addTable([header('Stage', 'Status'), ...report.stages.map(stage => [text(stage.name), text(stage.status)])])
  }
  if (failure) addFailure(failure)
  await write()
}

/** The job summary of an operation that could not run to its end (bad input, unreachable server). */
export async function writeFailureSummary(operation: string, failure: StepFailure): Promise<void> {
  core.summary.addHeading(`${icon(false)} ${text(operation)}`, 3)
  addFailure(failure)
  await write()
}
