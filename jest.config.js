/** @type {import('jest').Config} */
const swc = {
  jsc: {
    target: "es2022",
    parser: { syntax: "typescript", decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
  },
  module: { type: "commonjs" },
};

module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/src", "<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.(t|j|mj)s$": ["@swc/jest", swc] },
  // jose and file-type (with its tokenizer deps) ship ESM only; jest on Node 20 must transform them.
  transformIgnorePatterns: ["/node_modules/(?!(jose|file-type|strtok3|token-types|peek-readable|@tokenizer|uint8array-extras|@borewit)/)"],
  setupFiles: ["<rootDir>/test/support/setup-env.ts"],
  globalSetup: "<rootDir>/test/support/global-setup.ts",
  testTimeout: 30000,
};
