// ESLint (typescript-eslint, type-aware) for src/, test/, bench/, client/ and scripts/.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "dist/",
      "coverage/",
      "reports/",
      "client/generated/",
      "client/src/generated/",
      "client/dist/",
      "examples/react/dist/",
      ".ceph/",
      ".data/",
      "node_modules/",
      "**/*.cjs",
      "**/*.mjs",
      "jest.config.js",
      "jest.stryker.config.js",
      ".stryker-tmp/",
      "scripts/ceph/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
      // type-graphql resolvers and interfaces declare async methods that some implementations satisfy synchronously.
      "@typescript-eslint/require-await": "off",
    },
  },
  {
    // Tests read JSON answers and fake collaborators; the unsafe-any family would only add casts there.
    files: ["test/**/*.ts", "**/*.test.ts", "bench/**/*.ts"],
    rules: {
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-return": "off",
      "@typescript-eslint/unbound-method": "off",
    },
  },
);
