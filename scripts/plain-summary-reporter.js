// @ts-check
// Ends a jest run with one plain line, "N passed, N failed, N skipped", that tools reading a
// test log (CI among them) recognise whatever the runner. On stderr, after jest's own summary.
export default class PlainSummaryReporter {
  /** @param {unknown} _contexts @param {{ numPassedTests: number, numFailedTests: number, numPendingTests: number }} results */
  onRunComplete(_contexts, results) {
    process.stderr.write(`${results.numPassedTests} passed, ${results.numFailedTests} failed, ${results.numPendingTests} skipped\n`)
  }
}
