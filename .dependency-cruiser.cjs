// Layer rules for src/: the order lives in docs/architecture.md (a ```layers block, lowest first).
// client/src (the @valet/client package) is cruised too: no cycles, and the package boundary below.
const { readFileSync } = require("node:fs");
const { join } = require("node:path");

const doc = readFileSync(join(__dirname, "docs/architecture.md"), "utf8");
const block = /```layers\n([\s\S]*?)```/.exec(doc);
if (!block) throw new Error("docs/architecture.md has no ```layers block");
const layers = block[1]
  .trim()
  .split("\n")
  .map((line) => line.trim().split(/\s+/));

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const pathOf = (entry) => (entry.endsWith(".ts") ? `^src/${escape(entry)}$` : `^src/${escape(entry)}/`);
const anyOf = (entries) => entries.map(pathOf).join("|");

const upward = layers.slice(0, -1).map((entries, i) => ({
  name: `layer-${entries.join("+")}`,
  comment: `${entries.join(", ")} may not import from a layer above it (docs/architecture.md)`,
  severity: "error",
  from: { path: anyOf(entries), pathNot: "\\.test\\.ts$" },
  to: { path: anyOf(layers.slice(i + 1).flat()) },
}));

module.exports = {
  forbidden: [
    { name: "no-circular", severity: "error", from: {}, to: { circular: true } },
    {
      name: "not-in-layers",
      comment: "every module under src/ must belong to a layer in docs/architecture.md",
      severity: "error",
      from: { path: "^src/", pathNot: `${anyOf(layers.flat())}|\\.test\\.ts$` },
      to: {},
    },
    ...upward,
    {
      name: "server-not-client",
      comment: "the service never imports the client package (client/), which ships on its own",
      severity: "error",
      from: { path: "^src/" },
      to: { path: "^client/" },
    },
    {
      name: "client-self-contained",
      comment:
        "@valet/client runs in browsers and sends its own string documents: no imports of the server (src/), the tests, the example DocumentNodes (client/generated) or Node built-ins",
      severity: "error",
      from: { path: "^client/src/", pathNot: "\\.test\\.ts$" },
      to: { pathNot: "^(client/src/|node_modules/)" },
    },
    {
      name: "client-react-only-in-react",
      comment:
        "react is an optional peer of @valet/client: only client/src/react/ may import it, and nothing else imports client/src/react/",
      severity: "error",
      from: { path: "^client/src/", pathNot: "^client/src/react/" },
      to: { path: "^(node_modules/react/|client/src/react/)" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    // "typings" resolves type-only packages (@graphql-typed-document-node/core has no "main").
    enhancedResolveOptions: { mainFields: ["module", "main", "types", "typings"] },
    exclude: { path: "\\.json$" },
  },
};
