import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { projectRoot } from '../../simulator/run-action.js'

describe('npm run demo', () => {
  it("runs the action's main jobs against the local simulator and passes", () => {
    const demo = spawnSync(process.execPath, [path.join(projectRoot, 'simulator', 'demo.js')], { encoding: 'utf8', timeout: 120_000 })
    expect(demo.stderr).toBe('')
    expect(demo.stdout).toContain('✅ harness-start-execution')
    expect(demo.stdout).toContain('✅ harness-ng-run-pipeline')
    expect(demo.stdout).toContain('✅ gitlab-download-artifacts')
    expect(demo.stdout).toContain('GitLab credentials that reached the storage host: 0')
    expect(demo.status).toBe(0)
  })
})
