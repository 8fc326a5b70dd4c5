// CI: deploy/kubernetes/ parses, and says what the app needs (scripts/kubernetes/check-manifests.ts).
//   node -r @swc-node/register scripts/check-kubernetes.ts [DIR]
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { checkManifests, parseManifests } from "./kubernetes/check-manifests";

const dir = resolve(__dirname, "..", process.argv[2] ?? "deploy/kubernetes");
const files = readdirSync(dir)
  .filter((name) => /\.ya?ml$/.test(name))
  .sort()
  .map((name) => ({ file: join("deploy/kubernetes", name), text: readFileSync(join(dir, name), "utf8") }));
const { manifests, problems } = parseManifests(files);
problems.push(...checkManifests(manifests));
for (const problem of problems) console.error(problem);
if (problems.length > 0) {
  console.error(`check:kubernetes: ${problems.length} problem(s) in ${files.length} files`);
  process.exit(1);
}
console.log(`check:kubernetes: ${manifests.length} documents in ${files.length} files agree with the app`);
