// @ts-check
// The environment every test file runs in: Node's, with two rules for the whole suite, kept here
// so that no test has to remember them.
// - Quiet: what the code under test writes to stdout and stderr (the action's log lines and workflow
//   commands) is held per test and printed only when that test, or a beforeAll/afterAll hook, fails.
// - Clean: each test file gets a temporary folder of its own as TMPDIR (so os.tmpdir(), mkdtemp and
//   the action runs of simulator/run-action.js land there), removed when the file is done. The run's
//   root folder is checked empty at the end (run-folder.js, run-folder-check.js).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { TestEnvironment as NodeEnvironment } from 'jest-environment-node'

/** @typedef {import('@jest/environment').EnvironmentContext} EnvironmentContext */
/** @typedef {import('@jest/environment').JestEnvironmentConfig} JestEnvironmentConfig */
/** @typedef {import('@jest/types').Circus.Event} Event */
/** @typedef {import('@jest/types').Circus.TestEntry} TestEntry */
/** @typedef {(chunk: unknown, encoding?: unknown, callback?: unknown) => boolean} Write */

export default class QuietCleanEnvironment extends NodeEnvironment {
  /** @param {JestEnvironmentConfig} config @param {EnvironmentContext} context */
  constructor(config, context) {
    // TMPDIR is set before Node's environment copies process.env into the test's sandbox, so the
    // test's process.env and the real one (read by os.tmpdir()) agree.
    const runRoot = process.env.TEST_RUN_TMPDIR ?? tmpdir()
    const folder = mkdtempSync(path.join(runRoot, `${path.basename(context.testPath).replace(/\.test\.ts$/, '')}-`))
    process.env.TMPDIR = folder
    super(config, context)
    this.runRoot = runRoot
    this.tempFolder = folder
    this.testFile = path.relative(process.cwd(), context.testPath)
    this.held = ''
    /** @type {Array<{ stream: NodeJS.WriteStream, write: Write }>} */
    this.originals = []
  }

  async setup() {
    await super.setup()
    for (const stream of [process.stdout, process.stderr]) {
      const write = /** @type {Write} */ (stream.write)
      this.originals.push({ stream, write })
      stream.write = /** @type {Write} */ ((chunk, encoding, callback) => {
        this.held += typeof chunk === 'string' ? chunk : Buffer.from(/** @type {Uint8Array} */ (chunk)).toString()
        const done = typeof encoding === 'function' ? encoding : callback
        if (typeof done === 'function') process.nextTick(done)
        return true
      })
    }
  }

  /** @param {Event} event */
  handleTestEvent(event) {
    if (event.name === 'test_start') this.held = ''
    else if (event.name === 'test_done') {
      if (event.test.errors.length > 0) this.printHeld(`the failed test "${testName(event.test)}" in ${this.testFile}`)
      this.held = ''
    } else if (event.name === 'hook_failure' && (event.hook.type === 'beforeAll' || event.hook.type === 'afterAll')) {
      this.printHeld(`the failed ${event.hook.type} hook in ${this.testFile}`)
    }
  }

  async teardown() {
    for (const { stream, write } of this.originals) stream.write = /** @type {typeof stream.write} */ (write)
    this.originals = []
    await super.teardown()
    rmSync(this.tempFolder, { recursive: true, force: true, maxRetries: 3 })
    process.env.TMPDIR = this.runRoot
  }

  /**
   * Prints the held output, each line behind a bar so that the CI runner does not take the action's
   * workflow commands (`::error::`, `::add-mask::`, `##[group]`) in it as its own.
   * @param {string} what
   */
  printHeld(what) {
    const stderr = this.originals.find(original => original.stream === process.stderr)
    if (this.held === '' || stderr === undefined) return
    const lines = this.held.replace(/\n$/, '').split('\n').map(line => `  │ ${line}`)
    stderr.write.call(process.stderr, `\nOutput of ${what}:\n${lines.join('\n')}\n\n`)
    this.held = ''
  }
}

/** "describe name › test name", as Jest shows it. @param {TestEntry} test */
function testName(test) {
  const names = [test.name]
  for (let block = test.parent; block.parent !== undefined; block = block.parent) names.unshift(block.name)
  return names.join(' › ')
}
