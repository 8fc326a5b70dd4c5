// The jest config Stryker runs: the in-process `unit` project of jest.config.js alone, with S3
// and PostgreSQL pointed at dead ports exactly as `npm run test:unit` does, so a mutant can never
// reach Ceph or PostgreSQL. Stryker's jest runner runs in band, so these variables reach the tests.
Object.assign(process.env, {
  VALET_TEST_DIALECTS: "sqlite",
  TEST_S3_ENDPOINT: "http://127.0.0.1:9",
  TEST_DATABASE_URL: "postgres://127.0.0.1:9/none",
  // The signer's differential test compares against the SDK; 120 cases per config take ~6 s, which
  // every signer mutant would pay. 12 still give every setup, region and credential shape a dozen keys.
  SIGNER_DIFF_CASES: process.env.SIGNER_DIFF_CASES ?? "12",
});

const { projects, ...root } = require("./jest.config");
const { displayName: _unit, ...unit } = projects.find((p) => p.displayName === "unit");

/** @type {import('jest').Config} */
module.exports = {
  ...root,
  ...unit,
  rootDir: __dirname,
  // memory-storage.test.ts checks the test double, not a mutated module, yet imports the signer and
  // the SDK: every signer mutant would pay ~3 s to load it.
  testPathIgnorePatterns: [...unit.testPathIgnorePatterns, "<rootDir>/test/support/"],
  // Skips the test files that hold none of the tests a mutant's run asks for (see the file).
  testSequencer: "<rootDir>/jest.stryker.sequencer.cjs",
  // Stops at the first file with a failing test: one failure kills the mutant.
  runner: "<rootDir>/jest.stryker.runner.cjs",
};
