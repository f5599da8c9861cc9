// `npx @github/local-action run . src/main.ts .env` runs the TypeScript sources with its own stand-ins
// for @actions/core and @actions/github, configured by a dotenv file; .env.example is that file.
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { startGitHubSimulator } from '../simulator/github.js'
import { startHarnessNextGen } from '../simulator/harness-nextgen.js'
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

/** Runs the CLI as a user would, on .env.example changed by `edit`; the summary goes to a file of its own. */
async function localAction(edit: (env: string) => string): Promise<{ code: number; stdout: string; summary: string }> {
  const folder = mkdtempSync(path.join(tmpdir(), 'local-action-'))
  const summary = path.join(folder, 'summary.md')
  writeFileSync(summary, '')
  const env = path.join(folder, '.env')
  writeFileSync(env, edit(example).replace(/^GITHUB_STEP_SUMMARY=.*$/m, `GITHUB_STEP_SUMMARY=${summary}`))
  const bin = path.join(root, 'node_modules', '@github', 'local-action', 'bin', 'local-action.js')
  const run = await promisify(execFile)(process.execPath, [bin, 'run', '.', 'src/main.ts', env], { cwd: root }).then(
    ({ stdout }) => ({ code: 0, stdout }),
    (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout })
  )
  return { ...run, summary: readFileSync(summary, 'utf8') }
}

describe('npx @github/local-action run . src/main.ts .env', () => {
  it('runs the NextGen pipeline of .env.example against the simulator, mirrored onto the fake GitHub API', async () => {
    const [harness, github] = await Promise.all([startHarnessNextGen(), startGitHubSimulator()])
    try {
      const run = await localAction(env =>
        env
          .replaceAll('http://127.0.0.1:4011', harness.url)
          .replaceAll('http://127.0.0.1:4030', github.url)
          .replace(/^INPUT_POLL-INTERVAL=.*$/m, 'INPUT_POLL-INTERVAL=0.1')
      )
      expect(run.code).toBe(0)
      expect(run.stdout).toContain("GitHub deployment 1000 created in environment 'staging'.")
      expect(run.stdout).toMatch(/deployment-id\W+1000/)
      expect(run.summary).toContain('<td>✅ Success</td>')
      expect(github.deployments.map(deployment => deployment.statuses.map(status => status.state))).toEqual([['in_progress', 'success']])
      expect(harness.executions.size).toBe(1)
    } finally {
      await Promise.all([harness.close(), github.close()])
    }
  })

  it('annotates a failure and writes the summary', async () => {
    // Without its pipeline the run stops at input checking, so no server is needed.
    const run = await localAction(env => env.replace(/^INPUT_PIPELINE=.*$/m, ''))
    expect(run.code).toBe(1)
    expect(run.stdout).toContain("::error title=Invalid input::Input 'pipeline' is required: the NextGen pipeline identifier.")
    expect(run.stdout).not.toContain('demo-nextgen-key')
    expect(run.summary).toContain("<strong>Invalid input</strong>: Input 'pipeline' is required")
  })
})
