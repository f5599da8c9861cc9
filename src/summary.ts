import * as core from '@actions/core'
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
  const seconds = Math.round(ms / 1000)
  if (seconds < 60) return `${seconds}s`
  const minutes = Math.floor(seconds / 60)
  if (minutes < 60) return `${minutes}m ${seconds % 60}s`
  return `${Math.floor(minutes / 60)}h ${minutes % 60}m`
}

function clean(text: string): string {
  return redact(text).replace(/\|/g, '\\|').replace(/\n/g, ' ')
}

/** Writes the job summary table; outside a runner (no GITHUB_STEP_SUMMARY) there is nowhere to write it. */
export async function writeSummary(report: SummaryReport): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return
  const icon = report.passed ? '✅' : '❌'
  const summary = core.summary.addHeading(`${icon} ${clean(report.operation)}`, 3).addTable([
    [
      { data: 'Operation', header: true },
      { data: 'Target', header: true },
      { data: 'Status', header: true },
      { data: 'Duration', header: true }
    ],
    [clean(report.operation), clean(report.target), `${icon} ${clean(report.status)}`, formatDuration(report.durationMs)]
  ])
  if (report.details?.length) {
    summary.addTable([[{ data: 'Detail', header: true }, { data: 'Value', header: true }], ...report.details.map(([label, value]) => [clean(label), clean(value)])])
  }
  if (report.stages?.length) {
    summary.addTable([[{ data: 'Stage', header: true }, { data: 'Status', header: true }], ...report.stages.map(stage => [clean(stage.name), clean(stage.status)])])
  }
  for (const link of report.links ?? []) summary.addLink(clean(link.text), link.href).addBreak()
  await summary.write()
}
