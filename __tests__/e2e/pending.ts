// Tests of behaviour that another change brings (issue 12: the GitLab job outputs) skip, saying so,
// until the bundle under test has it. Looking at the bundle rather than action.yml: action.yml may
// declare an output before the code that sets it is merged and built.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { defaultBundle } from '../../simulator/run-action.js'

/** Whether the bundle the e2e tests run (dist/, or $ACTION_BUNDLE's folder) ever names this output. */
export function bundleSetsOutput(name: string): boolean {
  const folder = path.dirname(process.env.ACTION_BUNDLE ?? defaultBundle)
  const quoted = new RegExp(`['"]${name}['"]`)
  return readdirSync(folder)
    .filter(file => file.endsWith('.js'))
    .some(file => quoted.test(readFileSync(path.join(folder, file), 'utf8')))
}
