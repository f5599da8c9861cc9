// @ts-check
// Gives the test run a temporary folder of its own and checks, at the end, that the tests left it as
// they found it (empty). Other processes on the machine write to the system temp folder while the
// tests run, so only a folder of the run's own can be checked. test-environment.js gives each test
// file a subfolder of it and removes that when the file is done; anything else left here fails the run.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

/** globalSetup: the run's folder, as TMPDIR for the workers that are started after this. */
export default function createRunFolder() {
  const root = mkdtempSync(path.join(tmpdir(), 'harness-gitlab-action-tests-'))
  process.env.TEST_RUN_TMPDIR = root
  process.env.TMPDIR = root
}
