import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import net from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { demoScenario } from '../../simulator/harness-firstgen.js'
import { DEMO_NEXTGEN } from '../../simulator/harness-nextgen.js'
import { projectRoot } from '../../simulator/run-action.js'

const DEMO = path.join(projectRoot, 'simulator', 'demo.js')
const SECRETS = [demoScenario().apiKey, DEMO_NEXTGEN.apiKey, 'glpat-simulator-token', 'ghs_simulator-token']

let scratch: string

beforeEach(() => {
  scratch = mkdtempSync(path.join(tmpdir(), 'demo-'))
})

afterEach(() => {
  rmSync(scratch, { recursive: true, force: true })
})

async function demo(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [DEMO, ...args], { cwd: projectRoot, timeout: 240_000 })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string }
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr }
  }
}

describe('npm run demo', () => {
  it('on a fresh clone, shows a passing deployment letting the release run and a failed one stopping it, as GitHub would show it', async () => {
    // As in a fresh clone: the workspace's folders (.tmp/demo) do not exist yet.
    const workspace = path.join(scratch, 'clone', '.tmp', 'demo')
    const run = await demo('--workspace', workspace)
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const out = run.stdout

    // The gate: the release step runs after the passing deployment only.
    expect(out).toContain('✅ v1.4.2: deployment passed → release published')
    expect(out).toContain('$ gh release create \\\n          v1.4.2')
    expect(out).toContain('❌ v1.4.3: deployment failed → release NOT published (step skipped)')
    expect(out).toContain('⊘ Publish the GitHub release: skipped, a step before it failed')
    expect(out).toContain('✅ v1.4.4: deployment passed → release published')
    expect(out).toContain("Trigger 'on_release' started execution")
    expect(out).toContain('GitHub deployments recorded by the fake GitHub API: production success, production failure')

    // The error annotation, in the log and in the run's Annotations box.
    expect(out).toMatch(
      /^ {6}Error: Harness NextGen execution \S+ ended with status Failed: stage 'Deploy production', step 'Smoke test' \(Failed\): Shell Script step 'smoke_test' failed: exit status 1\. The step in Harness: \S+$/m
    )
    expect(out).toMatch(/\n {2}Annotations\n {4}❌ Deployment Failed\n {7}Harness NextGen execution \S+ ended with status Failed/)

    // The job summary as text, never as tags.
    expect(out).toContain('### ❌ harness-ng-run-pipeline')
    expect(out).toMatch(/^ +Deploy production │ Failed$/m)
    expect(out).toMatch(/^ +Deployment Failed: Harness NextGen execution/m)
    expect(out).not.toMatch(/<\/?(h3|table|tr|td|th|a|p|strong|br)\b/)

    // Masking: the secrets given to the steps show as ***, never as themselves.
    expect(out).toContain('harness-api-key: ***')
    expect(out).toContain('gitlab-token: ***')
    expect(out).toContain('github-token: ***')
    for (const secret of SECRETS) expect(out).not.toContain(secret)

    // The release commit's build, waited for, not the newer pipeline's on the same branch.
    expect(out).toMatch(/Using GitLab job 1001 'build' \(running\) of pipeline 9001 for main at 5d4ba44e/)
    expect(out).toMatch(/^ +Job 1001: success$/m)
    expect(out).not.toContain('app-1.4.3-dev')

    // Download progress, and credentials kept from the storage host.
    expect(out).toMatch(/Received [\d.]+ [KM]iB of 6\.0 MiB \(\d+%\) at [\d.]+ [KM]iB\/s/)
    expect(out).toContain('GitLab credentials that reached the storage host: 0')

    // The outputs are kept where the demo says they are.
    const kept = /The downloaded artifacts are kept in (\S+)/.exec(out)?.[1]
    expect(kept).toBeDefined()
    const folder = path.resolve(projectRoot, kept ?? '')
    expect(folder).toBe(path.join(workspace, 'release-v1.4.2', 'artifacts'))
    expect(existsSync(path.join(folder, 'dist', 'app-1.4.2.tar.gz'))).toBe(true)
  }, 300_000)

  it('--serve on a busy port says so in one line', async () => {
    // Holds the FirstGen port (4010) as a forgotten `--serve` would; taken already is as good.
    const holder = net.createServer()
    const held = await new Promise<boolean>(resolve => {
      holder.once('error', () => resolve(false))
      holder.listen(4010, '127.0.0.1', () => resolve(true))
    })
    try {
      const run = await demo('--serve')
      expect(run.code).toBe(1)
      expect(run.stdout).toBe('')
      expect(run.stderr).toBe(
        'Port 4010 is already in use: another `npm run demo -- --serve` may still be running (stop it with Ctrl-C), or another program holds the port (ports 4010, 4011, 4020, 4030 are needed).\n'
      )
    } finally {
      if (held) await new Promise(resolve => holder.close(resolve))
    }
  })
})
