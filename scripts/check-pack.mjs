// npm run check:pack: packs @valet/client, installs the tarball into a new Vite + React + TypeScript app
// in a temp directory outside the workspace (no dedupe, no aliases), type-checks and bundles it, and
// fails unless the bundle holds exactly one copy of React and of React DOM; then it serves the build and
// opens it in headless Chromium (CHROMIUM_PATH, default /usr/bin/chromium): the page renders an
// <UploadDropzone> with styles.css without a page or console error (two Reacts only fail at run time).
// --keep keeps the app; --react=18 builds the app with React 18 (and its types) instead of this repo's React.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { openInChromium } from "./check-pack-browser.mjs";

const started = performance.now();
const repo = join(dirname(fileURLToPath(import.meta.url)), "..");
const app = mkdtempSync(join(tmpdir(), "valet-pack-"));
const keep = process.argv.includes("--keep");
const react = /^--react=(\d+)$/.exec(process.argv.find((a) => a.startsWith("--react=")) ?? "")?.[1];
const step = (what) => console.log(`check:pack: ${what} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, stdio: ["ignore", "pipe", "inherit"], encoding: "utf8" });
// The app gets the versions this repo installs, so the npm cache serves them when the registry is slow.
const versionOf = (name) => {
  for (const dir of ["node_modules", "examples/react/node_modules"]) {
    try {
      return JSON.parse(readFileSync(join(repo, dir, name, "package.json"), "utf8")).version;
    } catch {
      /* look in the next tree */
    }
  }
  throw new Error(`${name} is not installed in this repo: run npm ci`);
};

const files = {
  "index.html": `<!doctype html><html><head><link rel="icon" href="data:,"></head><body><div id="root"></div><script type="module" src="/src/main.tsx"></script></body></html>`,
  // What Vite's react-ts template sets (tsconfig.app.json), verbatimModuleSyntax and bundler resolution among it.
  "tsconfig.json": JSON.stringify({
    compilerOptions: {
      target: "ES2022",
      lib: ["ES2022", "DOM", "DOM.Iterable"],
      module: "ESNext",
      moduleResolution: "bundler",
      moduleDetection: "force",
      jsx: "react-jsx",
      strict: true,
      verbatimModuleSyntax: true,
      isolatedModules: true,
      noUnusedLocals: true,
      noEmit: true,
      skipLibCheck: true,
      types: ["vite/client"],
    },
    include: ["src"],
  }),
  // Records which modules went into the bundle, so the React copies can be counted.
  "vite.config.js": `import react from "@vitejs/plugin-react";
import { writeFileSync } from "node:fs";
import { defineConfig } from "vite";
const modules = { name: "modules", generateBundle(_, bundle) {
  const ids = Object.values(bundle).flatMap((c) => (c.type === "chunk" ? Object.keys(c.modules) : []));
  writeFileSync("modules.json", JSON.stringify(ids));
} };
export default defineConfig({ plugins: [react(), modules] });
`,
  "src/main.tsx": `import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { createValetClient, ValetUploadError } from "@valet/client";
import { UploadButton, UploadDropzone, ValetProvider, useUpload, useUploadQueue } from "@valet/client/react";
import { MyObjectsDocument } from "@valet/client/documents";
import "@valet/client/react/styles.css";

// The props and the queue as docs/client.md shows them: they type-check and render.
function Attachments() {
  const queue = useUploadQueue({ profile: "document", concurrency: 2 });
  return (
    <UploadButton profile="document" label="Attach files" accept="application/pdf" multiple={false} className="mine">
      {(q) => <p>{q.items.length + queue.items.length}</p>}
    </UploadButton>
  );
}

function App() {
  const { upload, status, error } = useUpload();
  const pick = (file?: File) => file && void upload(file, { profile: "avatar" });
  // @ts-expect-error: the profile names ship in the types (ProfileName), so a typo does not compile
  const typo = (file: File) => upload(file, { profile: "avatr" });
  return (
    <main>
      <input type="file" hidden onChange={(e) => e.target.files?.[0] && void typo(e.target.files[0])} />
      <input type="file" disabled={status === "uploading"} onChange={(e) => pick(e.target.files?.[0])} />
      <p role="status">{error instanceof ValetUploadError ? \`\${error.stage}: \${error.code}\` : status}</p>
      <output>{MyObjectsDocument.kind}</output>
      <UploadDropzone profile="avatar" label="Drop your avatar" />
      <Attachments />
    </main>
  );
}

export const valet = createValetClient({ url: "/graphql", getToken: () => null });
createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <ValetProvider url="http://127.0.0.1:9/graphql" getToken={() => null}>
      <App />
    </ValetProvider>
  </StrictMode>,
);
`,
  // An app whose server has other profiles declares their names (a second tsc run, not to change main.tsx's).
  "augment/names.ts": `import type { ProfileName } from "@valet/client";
declare module "@valet/client" {
  interface ValetProfileNames {
    "cover-photo": true;
  }
}
export const declared: ProfileName = "cover-photo";
// @ts-expect-error: the declared names replace those the package was built with
export const built: ProfileName = "avatar";
`,
  "tsconfig.augment.json": JSON.stringify({ extends: "./tsconfig.json", include: ["augment"] }),
  // Type-checked only: the Node entry point for a backend.
  "src/server.ts": `import type { verifyWebhook, ValetWebhookEvent } from "@valet/client/server";
export type Check = [typeof verifyWebhook, ValetWebhookEvent];
`,
};

try {
  const packed = JSON.parse(run("npm", ["pack", "-w", "@valet/client", "--json", "--pack-destination", app], repo));
  step(`packed ${packed[0].filename} (${packed[0].entryCount} files)`);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(app, path)), { recursive: true });
    writeFileSync(join(app, path), text);
  }
  const rangeOf = (name) => (react && /^(@types\/)?react(-dom)?$/.test(name) ? `^${react}` : `^${versionOf(name)}`);
  const deps = (names) => Object.fromEntries(names.map((name) => [name, rangeOf(name)]));
  const manifest = {
    name: "valet-pack-check",
    private: true,
    type: "module",
    dependencies: { "@valet/client": `file:./${packed[0].filename}`, ...deps(["react", "react-dom"]) },
    devDependencies: deps(["vite", "@vitejs/plugin-react", "typescript", "@types/react", "@types/react-dom"]),
  };
  writeFileSync(join(app, "package.json"), JSON.stringify(manifest, null, 2));
  run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"], app);
  step("installed into " + app);
  for (const project of ["tsconfig.json", "tsconfig.augment.json"]) {
    run(process.execPath, [join(app, "node_modules/typescript/bin/tsc"), "-p", project], app);
  }
  step("tsc: no errors (and declared profile names replace the built ones)");
  run(process.execPath, [join(app, "node_modules/vite/bin/vite.js"), "build", "--logLevel", "warn"], app);
  const modules = JSON.parse(readFileSync(join(app, "modules.json"), "utf8"));
  for (const pkg of ["react", "react-dom"]) {
    const copies = new Set(modules.flatMap((id) => new RegExp(`^(.*/node_modules/${pkg})/`).exec(id)?.[1] ?? []));
    if (copies.size !== 1) throw new Error(`the bundle holds ${copies.size} copies of ${pkg}: ${[...copies].join(", ")}`);
  }
  step("vite build: one copy of react and of react-dom in the bundle");
  step(await openInChromium(join(app, "dist")));
  console.log(`check:pack: ok in ${((performance.now() - started) / 1000).toFixed(1)} s`);
} catch (e) {
  console.error(`check:pack: FAILED: ${e.message}${e.stdout ? `\n${e.stdout}` : ""}`);
  process.exitCode = 1;
} finally {
  if (keep) console.log(`check:pack: the app is kept in ${app}`);
  else rmSync(app, { recursive: true, force: true });
}
