import * as log from '../log.js'

// An execution can have thousands of stages (a matrix fans out); a log line or a failure message
// names a few and says how many more there are, and cuts each name or message Harness sent, so that
// their size stays bounded. The job summary has its own bounds (its stage table, its cells).

/** Stage names in one line: at most `max`, then how many more. */
export function namesList(names: string[], separator = ', ', max = 5): string {
  const shown = names.slice(0, max).map(name => log.outside(name))
  return names.length <= max ? shown.join(separator) : `${shown.join(separator)} and ${names.length - max} more`
}

/** One log line per stage, at most `max`, then one line that says how many were left out. */
export function logStageList(title: string, lines: string[], max = 50): void {
  if (lines.length === 0) return
  log.info(title)
  for (const line of lines.slice(0, max)) log.info(`  ${log.outside(line)}`)
  if (lines.length > max) log.info(`  … and ${lines.length - max} more stages (the job summary lists the first ones too)`)
}
