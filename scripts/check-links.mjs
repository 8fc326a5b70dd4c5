// CI: every relative link in README.md, CHANGELOG.md and docs/*.md must point at a file that
// exists, and every #anchor at a heading that exists (GitHub's slugs). Links to other sites and
// links inside code are not checked. The rules are in check-links.lib.mjs. The README's dropzone
// snippet must be the example file that `npm run typecheck` compiles.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { checkFile } from "./check-links.lib.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const read = (path) => readFileSync(join(root, path), "utf8");
const exists = (path) => existsSync(join(root, path));

const files = [
  "README.md",
  "CHANGELOG.md",
  ...readdirSync(join(root, "docs"))
    .filter((name) => name.endsWith(".md"))
    .sort()
    .map((name) => `docs/${name}`),
];
const problems = files.flatMap((file) => checkFile(file, read(file), { exists, read }));

// The README's dropzone page is examples/react/src/Files.tsx verbatim, so `npm run typecheck` compiles it.
const snippet = read("examples/react/src/Files.tsx");
if (!read("README.md").includes("```tsx\n" + snippet)) {
  problems.push("README.md: the dropzone snippet differs from examples/react/src/Files.tsx");
}

for (const problem of problems) console.error(problem);
if (problems.length > 0) {
  console.error(`check:links: ${problems.length} broken link(s) in ${files.length} files`);
  process.exit(1);
}
console.log(`check:links: every relative link in ${files.length} files resolves`);
