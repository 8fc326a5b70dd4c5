/**
 * The benches `npm run bench -- --all` adds after its own sections, each run only if its file exists:
 * bench/quota-scale.ts (upload grants for a viewer with 100,000 objects vs a fresh one) and
 * bench/reaper.ts (expired grants reaped per second). The contract for such a file: run by
 * `node -r @swc-node/register bench/<name>.ts --seconds S --rounds R`, it prints its section as
 * markdown on stdout (starting with a `## ` heading, its conditions and whether its target is met)
 * and exits non-zero if a check failed. It starts its own servers and pins them itself: it inherits
 * no pinning (it runs with every core allowed).
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { cpus } from "node:os";
import { resolve } from "node:path";

export const EXTRA_BENCHES = ["quota-scale.ts", "reaper.ts"];

export interface ExtraResult {
  name: string;
  markdown: string;
  ok: boolean;
}

/** Runs each extra bench that exists, one after the other; a missing one is listed as skipped. */
export async function runExtraBenches(options: { seconds: number; rounds: number }): Promise<ExtraResult[]> {
  const results: ExtraResult[] = [];
  for (const name of EXTRA_BENCHES) {
    const path = resolve(__dirname, name);
    if (!existsSync(path)) {
      results.push({ name, markdown: `_bench/${name}: not present, skipped._\n`, ok: true });
      continue;
    }
    results.push({ name, ...(await runOne(path, options)) });
  }
  return results;
}

function runOne(path: string, { seconds, rounds }: { seconds: number; rounds: number }) {
  // taskset: undo the load generator's pinning (to core 0), which a child would otherwise inherit.
  const argv = [`0-${cpus().length - 1}`, "node", "-r", "@swc-node/register", path];
  argv.push("--seconds", String(seconds), "--rounds", String(rounds));
  const child = spawn("taskset", ["-c", ...argv], { cwd: resolve(__dirname, ".."), stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
  return new Promise<{ markdown: string; ok: boolean }>((done) =>
    child.once("close", (code) =>
      done({
        markdown: code === 0 ? out : `${out}\n**bench/${path.split("/").pop()} FAILED (exit ${code}).**\n`,
        ok: code === 0,
      }),
    ),
  );
}
