// Jest reporter that ends the run with one plain line, "N passed, N failed, N skipped", for CI logs.
export default class PlainSummaryReporter {
  onRunComplete(_contexts, results) {
    const { numPassedTests, numFailedTests, numPendingTests, numTodoTests, numFailedTestSuites, numRuntimeErrorTestSuites } = results;
    const brokenSuites = numFailedTestSuites > 0 && numFailedTests === 0 ? numFailedTestSuites + numRuntimeErrorTestSuites : 0;
    process.stderr.write(`\n${numPassedTests} passed, ${numFailedTests + brokenSuites} failed, ${numPendingTests + numTodoTests} skipped\n`);
  }
}
