import { annotations, runAction, visibleLog } from './action.js'

describe('bad input, as the runner passes it', () => {
  it('an unknown operation fails with one line listing the valid ones', async () => {
    const run = await runAction({ operation: 'harness-deploy' })
    expect(run.code).toBe(1)
    const [error] = annotations(run.stdout)
    expect(error.title).toBe('Invalid input')
    expect(error.message).toContain("Input 'operation' must be one of harness-start-execution")
    expect(error.message).toContain("got 'harness-deploy'")
    expect(run.stderr).toBe('')
  })

  it('masks every secret before any other check, and never prints it', async () => {
    // gitlab-token is not read by a Harness operation: the step fails on it, after masking it.
    const run = await runAction({ operation: 'harness-artifact-cleanup', 'harness-api-key': 'pat.secret-key', 'gitlab-token': 'glpat-secret' })
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('::add-mask::pat.secret-key')
    expect(run.stdout).toContain('::add-mask::glpat-secret')
    expect(visibleLog(run)).not.toContain('secret')
    expect(annotations(run.stdout)[0].message).toBe(
      "Input 'gitlab-token' is a GitLab input; harness-artifact-cleanup does not read it: remove it from this step."
    )
  })
})
