/**
 * npm run bench:registry [-- --rows 10000000 --dialect sqlite|postgres --seconds 5 --rounds 3]:
 * grant throughput (requestDownload, 64 connections) with an empty registry and with one holding
 * `rows` grant rows, each server alone on core 1, runs alternating between the two; prints the
 * ratio as markdown. PostgreSQL uses a fresh schema in BENCH_DATABASE_URL (default: the test server).
 */
import { parseArgs } from "node:util";
import { openDatabase } from "../src/store/database";
import { loadGrants, registryBytes } from "./bulk-grants";
import { expectOk, hammer, medianRun, type HttpResult } from "./http";
import { DOWNLOAD, bearer } from "./operations";
import { BENCH_OWNER, seedObjects } from "./seed";
import { createRegistry } from "./registry";
import { startChild } from "./servers/child";

async function main() {
  const { values } = parseArgs({
    options: {
      rows: { type: "string", default: "10000000" },
      dialect: { type: "string", default: "sqlite" },
      seconds: { type: "string", default: "5" },
      rounds: { type: "string", default: "3" },
    },
  });
  const [rows, seconds, rounds] = [Number(values.rows), Number(values.seconds), Number(values.rounds)];
  const registries = await Promise.all(["empty", "full"].map(() => createRegistry(values.dialect)));
  for (const r of registries) await seedObjects(r.url, 500);
  const full = await openDatabase(registries[1].url);
  const started = Date.now();
  await loadGrants(full, rows, (done) =>
    process.stderr.write(`loaded ${done.toLocaleString("en")} rows, ${Math.round((Date.now() - started) / 1000)} s\n`),
  );
  const loadSeconds = (Date.now() - started) / 1000;
  const bytes = await registryBytes(full, registries[1].path);
  await full.close();

  const alice = await bearer(BENCH_OWNER);
  const servers = [];
  for (const r of registries) servers.push(await startChild("valet.ts", { DATABASE_URL: r.url }, 1));
  const runs: HttpResult[][] = [[], []];
  for (const s of servers) await expectOk(s.url, DOWNLOAD, alice);
  for (const s of servers) await hammer(s.url, DOWNLOAD, alice, 2, 64); // warm-up
  for (let round = 0; round < rounds; round++)
    for (const [i, s] of servers.entries()) runs[i].push(await hammer(s.url, DOWNLOAD, alice, seconds, 64));
  await Promise.all(servers.map((s) => s.stop()));
  for (const r of registries) await r.drop();

  const [empty, loaded] = runs.map((r) => medianRun(r, (run) => run.reqPerSec));
  const row = (name: string, r: HttpResult) =>
    `| ${values.dialect} | ${name} | ${Math.round(r.reqPerSec).toLocaleString("en")} | ${r.p50} | ${r.p99} | ${r.failed} |`;
  process.stdout.write(
    [
      `Loaded ${rows.toLocaleString("en")} grant rows in ${loadSeconds.toFixed(0)} s (${Math.round(rows / loadSeconds).toLocaleString("en")} rows/s); registry ${(bytes / 2 ** 30).toFixed(2)} GiB on disk.`,
      "",
      "| registry | grant rows | requestDownload req/s (64 conn.) | p50 ms | p99 ms | failed |",
      "|---|---:|---:|---:|---:|---:|",
      row("empty", empty),
      row(rows.toLocaleString("en"), loaded),
      "",
      `Ratio (${rows.toLocaleString("en")} rows / empty): ${(loaded.reqPerSec / empty.reqPerSec).toFixed(2)} (median of ${rounds} alternating ${seconds} s runs).`,
      "",
    ].join("\n"),
  );
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
