// Test sequencer for mutation runs only (jest.stryker.config.js): runs only the test files that hold
// a test Stryker asked for, files that failed (killed a mutant) last time first, then the fastest,
// so that jest.stryker.runner.cjs, which stops at the first failing file, stops early.
//
// Stryker's jest runner narrows each mutant's run to the tests that cover it with a test-name
// pattern, but jest still loads every related file to find out which of its tests match; each
// file under test/graphql boots the whole app, so that loading was most of a mutant's cost. The
// initial (dry) run of every Stryker run has no pattern and runs every test: this sequencer
// remembers there which file holds which test name, and a mutant run then skips the files with no
// matching name. A file it has no record of is always run, so a stale record costs time, never a
// kill. Without a pattern (a plain `jest -c jest.stryker.config.js`), nothing is skipped.
const { createHash } = require("node:crypto");
const { existsSync, readFileSync, writeFileSync } = require("node:fs");
const { tmpdir } = require("node:os");
const { join } = require("node:path");
const Sequencer = require("@jest/test-sequencer").default;

// Per sandbox (each Stryker run has a fresh one): a test runner restarted mid-run reads it back.
const recordFile = join(tmpdir(), `valet-stryker-tests-${createHash("sha1").update(__dirname).digest("hex").slice(0, 12)}.json`);
let namesByFile = null;

function load() {
  if (namesByFile === null && existsSync(recordFile)) namesByFile = JSON.parse(readFileSync(recordFile, "utf8"));
  return namesByFile;
}

module.exports = class StrykerSequencer extends Sequencer {
  constructor(options) {
    super(options);
    this.pattern = options.globalConfig.testNamePattern;
  }

  sort(tests) {
    super.sort(tests); // fills in each test's duration
    const sorted = [...tests].sort(
      (a, b) => Number(this.hasFailed(b)) - Number(this.hasFailed(a)) || (a.duration ?? 0) - (b.duration ?? 0),
    );
    const record = this.pattern ? load() : null;
    if (!record) return sorted;
    const wanted = new RegExp(this.pattern, "i"); // as jest-circus reads testNamePattern
    const kept = sorted.filter((t) => !(t.path in record) || record[t.path].some((name) => wanted.test(name)));
    return kept.length > 0 ? kept : sorted;
  }

  cacheResults(tests, results) {
    super.cacheResults(tests, results);
    if (this.pattern) return;
    namesByFile = {};
    for (const file of results.testResults) namesByFile[file.testFilePath] = file.testResults.map((t) => t.fullName);
    writeFileSync(recordFile, JSON.stringify(namesByFile));
  }
};
