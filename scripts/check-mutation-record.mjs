// CI: the committed mutation record (stryker-incremental.json) must be the result of the code as
// it is, and its score must hold the break threshold. Running Stryker takes minutes; this takes
// none, and still keeps a change to a mutated module from landing without a fresh record
// (`npm run test:mutation`, then commit the file). It does not see a test weakened on its own:
// that is what the next run of Stryker is for (docs/testing.md).
import { readFileSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import config from "../stryker.config.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const record = JSON.parse(readFileSync(join(root, config.incrementalFile), "utf8"));

// Stryker's `mutate` patterns here use only `**/`, `*` and a leading `!`.
const toRegExp = (glob) =>
  new RegExp(
    `^${glob
      .replace(/[.+^${}()|[\]\\]/g, "\\$&")
      .replaceAll("**/", "\u0000")
      .replaceAll("*", "[^/]*")
      .replaceAll("\u0000", "(?:.*/)?")}$`,
  );
const include = config.mutate.filter((p) => !p.startsWith("!")).map(toRegExp);
const exclude = config.mutate.filter((p) => p.startsWith("!")).map((p) => toRegExp(p.slice(1)));
const walk = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
const mutated = walk(join(root, "src"))
  .map((file) => relative(root, file))
  .filter((file) => include.some((r) => r.test(file)) && !exclude.some((r) => r.test(file)))
  .sort();

// Stryker records no file it found nothing to mutate in: a module of re-exports only.
const REEXPORT = /^export (?:type )?(?:\{[^}]*\}|\*) from "[^"]+";$/;
const reexportsOnly = (source) =>
  source
    .split("\n")
    .map((line) => line.trim())
    .every((line) => line === "" || line.startsWith("//") || REEXPORT.test(line));

const problems = [];
for (const file of mutated) {
  const recorded = record.files[file];
  if (!recorded) {
    if (!reexportsOnly(readFileSync(join(root, file), "utf8"))) problems.push(`${file}: not in the record`);
  } else if (recorded.source !== readFileSync(join(root, file), "utf8")) problems.push(`${file}: changed since the record`);
}
for (const file of Object.keys(record.files)) {
  if (!mutated.includes(file)) problems.push(`${file}: in the record, no longer mutated`);
}

const DETECTED = new Set(["Killed", "Timeout"]);
const UNDETECTED = new Set(["Survived", "NoCoverage"]);
const mutants = Object.values(record.files).flatMap((f) => f.mutants);
const detected = mutants.filter((m) => DETECTED.has(m.status)).length;
const valid = detected + mutants.filter((m) => UNDETECTED.has(m.status)).length;
const score = valid === 0 ? 0 : (100 * detected) / valid;
const floor = config.thresholds.break;
if (score < floor) problems.push(`recorded score ${score.toFixed(2)} % is below the break threshold ${floor} %`);

if (problems.length > 0) {
  process.stderr.write(
    `${config.incrementalFile} does not match the code:\n${problems.map((p) => `  ${p}`).join("\n")}\n` +
      "Run `npm run test:mutation` and commit the updated file (docs/testing.md).\n",
  );
  process.exit(1);
}
process.stdout.write(
  `mutation record: ${mutated.length} modules current, score ${score.toFixed(2)} % (break ${floor} %, ${detected} of ${valid} mutants killed)\n`,
);
