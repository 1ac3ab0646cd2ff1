// Jest reporter that ends the run with one plain line, "N passed, N failed, N skipped", for CI logs.
export default class PlainSummaryReporter {
  onRunComplete(_contexts, results) {
    const { numPassedTests, numFailedTests, numPendingTests, numTodoTests, numRuntimeErrorTestSuites } = results;
    // A suite that failed to run counts as one failure, so a broken file never reads as green.
    process.stderr.write(`\n${numPassedTests} passed, ${numFailedTests + numRuntimeErrorTestSuites} failed, ${numPendingTests + numTodoTests} skipped\n`);
  }
}
