// Mutation testing (issue 13): `npm run test:mutation`. What it mutates, why, and the scores per
// module live in docs/testing.md.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: "npm",
  testRunner: "jest",
  jest: { projectType: "custom", configFile: "jest.stryker.config.js", enableFindRelatedTests: true },
  checkers: ["typescript"],
  tsconfigFile: "tsconfig.json",
  coverageAnalysis: "perTest",
  mutate: [
    "src/policy/**/*.ts",
    "src/auth/**/*.ts",
    "src/storage/signer/**/*.ts",
    "src/grants/*.service.ts",
    "src/objects/complete-upload.service.ts",
    "src/objects/verify-upload.ts",
    "!**/*.test.ts",
  ],
  // The sandbox is a copy of the project: leave out what no test reads.
  ignorePatterns: ["dist", "reports", ".data", ".ceph", "bench", "*.log"],
  tempDirName: ".stryker-tmp",
  // A full run takes far longer than CI can spend on it here (docs/testing.md): every run reuses the
  // results of mutants whose code and covering tests did not change since this committed file.
  // `npm run test:mutation -- --force` re-tests everything.
  incremental: true,
  // A static mutant (a module-level constant) is set when its module loads, so every test file runs
  // for it; those took most of a run's hour here. Routine runs skip them (counted as ignored, not as
  // killed); `npm run test:mutation -- --ignoreStatic false` tests them too (docs/testing.md).
  ignoreStatic: true,
  incrementalFile: "stryker-incremental.json",
  concurrency: 2,
  // Infinite loops are caught by Stryker's hit counter; the timeout only has to survive a busy
  // machine, where 5 s + 1.5x counted a slow run of the signer's tests as a "kill".
  timeoutMS: 30000,
  timeoutFactor: 3,
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: "reports/mutation/index.html" },
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  thresholds: { high: 99, low: 95, break: 95 },
};
