// Test runner for mutation runs only (jest.stryker.config.js): in band, it stops at the first test
// file with a failing test. A mutant is killed by one failing test; the files after it would only
// cost time (jest's own `bail` exits the process, which would take Stryker's worker with it).
// Files that never ran are simply absent from the results, so Stryker reads "killed", not "error".
const TestRunner = require("jest-runner").default;

module.exports = class BailingRunner extends TestRunner {
  async runTests(tests, watcher, options) {
    if (!options.serial) return super.runTests(tests, watcher, options);
    let failed = false;
    const offSuccess = this.on("test-file-success", ([, result]) => {
      if (result.numFailingTests > 0 || result.testExecError) failed = true;
    });
    const offFailure = this.on("test-file-failure", () => {
      failed = true;
    });
    try {
      for (const test of tests) {
        if (failed || watcher.isInterrupted()) break;
        await super.runTests([test], watcher, options);
      }
    } finally {
      offSuccess();
      offFailure();
    }
  }
};
