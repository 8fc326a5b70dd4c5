/**
 * What the direct lane buys: the same Valet, with GRAPHQL_DIRECT_EXECUTION=false and with the
 * default, alternating, each alone on core 1 (the load generator on core 0), 64 connections,
 * median of the rounds. `node -r @swc-node/register bench/lane-ab.ts [--seconds 5 --rounds 3]`.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { expectOk, hammer, type HttpResult } from "./http";
import { DOWNLOAD, UPLOAD, VALET_NOOP, bearer } from "./operations";
import { BENCH_OWNER, seedObjects } from "./seed";
import { startChild } from "./servers/child";

async function main() {
  const { values } = parseArgs({
    options: { seconds: { type: "string", default: "5" }, rounds: { type: "string", default: "3" } },
  });
  execFileSync("taskset", ["-cp", "0", String(process.pid)], { stdio: "ignore" });
  const dir = mkdtempSync(join(tmpdir(), "valet-lane-"));
  const db = join(dir, "valet.sqlite");
  await seedObjects(db, 10);
  const alice = await bearer(BENCH_OWNER);
  const uploader = await bearer("uploader");
  const apolloOnly = await startChild("valet.ts", { DATABASE_URL: db, GRAPHQL_DIRECT_EXECUTION: "false" }, 1);
  const direct = await startChild("valet.ts", { DATABASE_URL: db }, 1);
  const lines = ["| operation | Apollo's pipeline only: req/s | direct lane: req/s | × |", "|---|---:|---:|---:|"];
  for (const [name, body, who] of [
    ["requestDownload", DOWNLOAD, alice],
    ["requestUpload", UPLOAD, uploader],
    ["`{ me { id } }`", VALET_NOOP, alice],
  ] as const) {
    const runs: HttpResult[][] = [[], []];
    for (const s of [apolloOnly, direct]) {
      await expectOk(s.url, body, who);
      await hammer(s.url, body, who, 2, 64);
    }
    for (let r = 0; r < Number(values.rounds); r++)
      for (const [i, s] of [apolloOnly, direct].entries())
        runs[i].push(await hammer(s.url, body, who, Number(values.seconds), 64));
    const [a, b] = runs.map((list) => list.sort((x, y) => x.reqPerSec - y.reqPerSec)[Math.floor(list.length / 2)].reqPerSec);
    lines.push(
      `| ${name} | ${Math.round(a).toLocaleString("en")} | ${Math.round(b).toLocaleString("en")} | ${(b / a).toFixed(2)}× |`,
    );
  }
  await Promise.all([apolloOnly.stop(), direct.stop()]);
  rmSync(dir, { recursive: true, force: true });
  process.stdout.write(`${lines.join("\n")}\n`);
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
