/** @type {import('jest').Config} */
const swc = {
  jsc: {
    target: "es2022",
    parser: { syntax: "typescript", decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
  },
  module: { type: "commonjs" },
};

const STRYKER_TMP = "<rootDir>/.stryker-tmp/";

const shared = {
  testEnvironment: "node",
  transform: { "^.+\\.(t|j|mj)s$": ["@swc/jest", swc] },
  // jose and file-type (with its tokenizer deps) ship ESM only; jest on Node 20 must transform them.
  transformIgnorePatterns: [
    "/node_modules/(?!(jose|file-type|strtok3|token-types|peek-readable|@tokenizer|uint8array-extras|@borewit)/)",
  ],
  setupFiles: ["<rootDir>/test/support/setup-env.ts"],
  // client/ is an ES module package: its relative imports end in .js and name .ts sources.
  moduleNameMapper: { "^(\\.{1,2}/.*)\\.js$": "$1" },
  // Stryker's sandboxes (.stryker-tmp/sandbox-*) are copies of the whole project: a stale one must
  // never be crawled or run by `npm test`. Anchored at <rootDir>, so inside a sandbox (whose own path
  // contains .stryker-tmp) the sandbox's tests still run.
  modulePathIgnorePatterns: [STRYKER_TMP],
};

// Two lanes. `unit` runs in this process against an in-memory bucket and SQLite: no Ceph, no
// PostgreSQL (`npm run test:unit`). `e2e` needs the real services: Ceph RGW for what S3 enforces,
// PostgreSQL for the second dialect. `npm test` runs both.
const POSTGRES_ONLY = ["<rootDir>/src/store/postgres.test.ts", "<rootDir>/src/store/grant-partitions.test.ts"];

module.exports = {
  testTimeout: 30000,
  projects: [
    {
      ...shared,
      displayName: "unit",
      testMatch: [
        "<rootDir>/src/**/*.test.ts",
        "<rootDir>/test/support/**/*.test.ts",
        "<rootDir>/test/graphql/**/*.test.ts",
        "<rootDir>/client/src/**/*.test.ts",
        "<rootDir>/client/server/**/*.test.ts",
        "<rootDir>/scripts/**/*.test.ts",
        "<rootDir>/bench/**/*.test.ts",
      ],
      testPathIgnorePatterns: ["/node_modules/", STRYKER_TMP, ...POSTGRES_ONLY],
    },
    {
      ...shared,
      displayName: "e2e",
      // test/browser drives Debian's chromium through the example app against the RGW.
      testMatch: ["<rootDir>/test/e2e/**/*.test.ts", "<rootDir>/test/browser/**/*.test.ts", ...POSTGRES_ONLY],
      testPathIgnorePatterns: ["/node_modules/", STRYKER_TMP],
      // Brings up the RGW, and a throwaway PostgreSQL and Redis where none answers (test/support/services).
      globalSetup: "<rootDir>/test/support/global-setup.ts",
      globalTeardown: "<rootDir>/test/support/global-teardown.ts",
    },
  ],
};
