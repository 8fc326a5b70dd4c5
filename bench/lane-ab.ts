/**
 * What the direct lane buys: the same Valet, with GRAPHQL_DIRECT_EXECUTION=false and with the
 * default, alternating, each alone on core 1 (the load generator on core 0), 64 connections,
 * median of the rounds. `node -r @swc-node/register bench/lane-ab.ts [--seconds 5 --rounds 3]`.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { alternate } from "./http";
import { DOWNLOAD, UPLOAD, VALET_NOOP, bearer } from "./operations";
import { BENCH_OWNER, seedObjects } from "./seed";
import { pinSelf, startChild } from "./servers/child";

async function main() {
  const { values } = parseArgs({
    options: { seconds: { type: "string", default: "5" }, rounds: { type: "string", default: "3" } },
  });
  pinSelf(0);
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
    const [a, b] = (
      await alternate([apolloOnly, direct], [who, who], [body, body], Number(values.seconds), Number(values.rounds), 64, {
        expect: body === VALET_NOOP ? "data" : "grant",
      })
    ).map((run) => run.reqPerSec);
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
