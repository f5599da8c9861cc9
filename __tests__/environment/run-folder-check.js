// @ts-check
// globalTeardown: the other half of run-folder.js.
import { readdirSync, rmSync } from 'node:fs'

/** globalTeardown: fails the run, listing what is left, unless the run's folder is empty. */
export default function checkRunFolderEmpty() {
  const root = process.env.TEST_RUN_TMPDIR
  if (root === undefined) return
  const left = readdirSync(root, { recursive: true }).map(String).sort()
  rmSync(root, { recursive: true, force: true, maxRetries: 3 })
  if (left.length > 0) {
    const shown = left.slice(0, 20).map(name => `  ${name}`)
    if (left.length > shown.length) shown.push(`  … and ${left.length - shown.length} more`)
    throw new Error(`The tests left ${left.length} files or folders in their temporary folder ${root}:\n${shown.join('\n')}`)
  }
}
