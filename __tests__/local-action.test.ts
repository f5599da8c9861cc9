// `npx @github/local-action run . src/main.ts .env` runs the TypeScript sources with its own stand-ins
// for @actions/core and @actions/github, configured by a dotenv file; .env.example is that file.
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { metadata } from './e2e/action.js'

const root = path.resolve(import.meta.dirname, '..')
const example = readFileSync(path.join(root, '.env.example'), 'utf8')

/** Every INPUT_ line, commented-out alternatives included, as input names. */
function inputsNamed(text: string): string[] {
  return [...text.matchAll(/^(?:#\s*)?INPUT_([A-Z0-9-]+)=/gm)].map(match => match[1].toLowerCase())
}

describe('.env.example', () => {
  it('sets only inputs that action.yml declares', () => {
    const named = inputsNamed(example)
    expect(named.length).toBeGreaterThan(10)
    expect(named.filter(name => !(name in metadata.inputs))).toEqual([])
  })

  it('gives one operation, with the others commented out', () => {
    expect(example.match(/^INPUT_OPERATION=.*$/gm)).toEqual(['INPUT_OPERATION=harness-ng-run-pipeline'])
  })
})

describe('npx @github/local-action run . src/main.ts .env', () => {
  it('runs the sources with the .env inputs, annotates the failure and writes the summary', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'local-action-'))
    const summary = path.join(folder, 'summary.md')
    writeFileSync(summary, '')
    const env = path.join(folder, '.env')
    // Without its pipeline the run stops at input checking, so no server is needed.
    writeFileSync(env, example.replace(/^INPUT_PIPELINE=.*$/m, '').replace(/^GITHUB_STEP_SUMMARY=.*$/m, `GITHUB_STEP_SUMMARY=${summary}`))

    const bin = path.join(root, 'node_modules', '@github', 'local-action', 'bin', 'local-action.js')
    const run = await promisify(execFile)(process.execPath, [bin, 'run', '.', 'src/main.ts', env], { cwd: root }).then(
      ({ stdout }) => ({ code: 0, stdout }),
      (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout })
    )

    expect(run.code).toBe(1)
    expect(run.stdout).toContain("::error title=Invalid input::Input 'pipeline' is required: the NextGen pipeline identifier.")
    expect(run.stdout).not.toContain('pat.simulator.local-key')
    expect(readFileSync(summary, 'utf8')).toContain("<strong>Invalid input</strong>: Input 'pipeline' is required")
  })
})
