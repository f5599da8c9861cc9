// @ts-check
// The environment every test file runs in: Node's, with two rules for the whole suite, kept here
// so that no test has to remember them.
// - Quiet: what the code under test writes to stdout and stderr (the action's log lines and workflow
//   commands) is held per test and printed only when that test, or a beforeAll/afterAll hook, fails.
// - Clean: each test file gets a temporary folder of its own as TMPDIR (so os.tmpdir(), mkdtemp and
//   the action runs of simulator/run-action.js land there), removed when the file is done. The run's
//   root folder is checked empty at the end (run-folder.js, run-folder-check.js).
import { mkdtempSync, rmSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { TestEnvironment as NodeEnvironment } from 'jest-environment-node'

/** @typedef {import('@jest/environment').EnvironmentContext} EnvironmentContext */
/** @typedef {import('@jest/environment').JestEnvironmentConfig} JestEnvironmentConfig */
/** @typedef {import('@jest/types').Circus.Event} Event */
/** @typedef {import('@jest/types').Circus.TestEntry} TestEntry */

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
    /** The streams whose write() hold() replaces, with the write property each had before. */
    /** @type {Array<{ stream: NodeJS.WriteStream, own: PropertyDescriptor | undefined }>} */
    this.replaced = []
  }

  async setup() {
    await super.setup()
    for (const stream of [process.stdout, process.stderr]) {
      this.replaced.push({ stream, own: Object.getOwnPropertyDescriptor(stream, 'write') })
      stream.write = /** @type {typeof stream.write} */ (this.hold)
    }
  }

  /**
   * Takes what is written to stdout or stderr, as stream.write would.
   * @param {unknown} chunk @param {unknown} [encoding] @param {unknown} [callback]
   */
  hold = (chunk, encoding, callback) => {
    this.held += typeof chunk === 'string' ? chunk : Buffer.from(/** @type {Uint8Array} */ (chunk)).toString()
    const done = typeof encoding === 'function' ? encoding : callback
    if (typeof done === 'function') process.nextTick(done)
    return true
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
    // Back to the stream's own write, or to the one it inherits if it had none of its own.
    for (const { stream, own } of this.replaced) {
      if (own === undefined) Reflect.deleteProperty(stream, 'write')
      else Object.defineProperty(stream, 'write', own)
    }
    this.replaced = []
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
    if (this.held === '') return
    const lines = this.held
      .replace(/\n$/, '')
      .split('\n')
      .map(line => `  │ ${line}`)
    // Straight to the file descriptor: process.stderr.write is hold() while the tests run.
    writeSync(2, `\nOutput of ${what}:\n${lines.join('\n')}\n\n`)
    this.held = ''
  }
}

/** "describe name › test name", as Jest shows it. @param {TestEntry} test */
function testName(test) {
  const names = [test.name]
  for (let block = test.parent; block.parent !== undefined; block = block.parent) names.unshift(block.name)
  return names.join(' › ')
}
