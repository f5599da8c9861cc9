import { execFile } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'

const root = path.resolve(import.meta.dirname, '..')
const script = path.join(root, 'scripts', 'lint-workflows.js')

async function lint(...files: string[]): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [script, ...files], { cwd: root })
    return { code: 0, stdout }
  } catch (error) {
    const failed = error as { code: number; stdout: string }
    return { code: failed.code, stdout: failed.stdout }
  }
}

function workflow(steps: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'workflow-')), 'release.yml')
  writeFileSync(file, `on: push\njobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n${steps}`)
  return file
}

describe('npm run lint:workflows', () => {
  it('passes the examples and the repository workflows', async () => {
    const result = await lint()
    expect(result.stdout).toMatch(/Linted \d+ workflow file\(s\): no problems\./)
    expect(result.code).toBe(0)
  })

  it("reports actionlint's findings, and inputs or outputs of this action that action.yml does not declare", async () => {
    const file = workflow(
      [
        '      - run: echo "${{ github.event.head_commit.message }}"',
        '      - id: deploy',
        '        uses: ./',
        '        with:',
        '          operation: harness-start-execution',
        '          harness-token: abc',
        '      - env:',
        '          ID: ${{ steps.deploy.outputs.execution-id }}',
        '          URL: ${{ steps.deploy.outputs.deployment-url }}',
        '        run: echo "$ID $URL"',
        ''
      ].join('\n')
    )
    const result = await lint(file)
    expect(result.code).toBe(1)
    expect(result.stdout).toContain('release.yml:6:24: "github.event.head_commit.message" is potentially untrusted')
    expect(result.stdout).toContain('release.yml:11: input "harness-token" is not declared in action.yml [action-metadata]')
    expect(result.stdout).toContain('release.yml:14: output "deployment-url" is not declared in action.yml [action-metadata]')
    expect(result.stdout).not.toContain('execution-id')
  })
})
