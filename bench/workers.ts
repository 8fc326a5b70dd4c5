/**
 * Workers section of `npm run bench`: requestDownload throughput with WORKERS=1 and WORKERS=2
 * (node:cluster, servers/valet-cluster.ts) on each registry dialect, runs alternating between the
 * two, median of the rounds. Nothing is pinned: the servers and the load generator share every
 * core, and the load generator's own CPU use is reported beside each run, because on a machine
 * with few cores it takes the share a second worker would need.
 */
import { cpus } from "node:os";
import { expectOk, hammer, type HttpResult } from "./http";
import { DOWNLOAD, bearer } from "./operations";
import { createRegistry } from "./registry";
import { BENCH_OWNER, countDownloadGrants, seedObjects } from "./seed";
import { startChild } from "./servers/child";

export interface WorkersRow {
  dialect: string;
  workers: number;
  result: HttpResult;
  /** Cores' worth of CPU the load generator used during the measured run. */
  loadGeneratorCores: number;
}

export async function runWorkersBench(options: { seconds: number; rounds: number; dialects: string[] }) {
  const alice = await bearer(BENCH_OWNER);
  const rows: WorkersRow[] = [];
  let unrecorded = 0;
  for (const dialect of options.dialects) {
    const registry = await createRegistry(dialect);
    await seedObjects(registry.url, 10);
    const before = await countDownloadGrants(registry.url);
    const runs = new Map<number, Array<{ result: HttpResult; cores: number }>>([
      [1, []],
      [2, []],
    ]);
    let answered = 0;
    for (let round = 0; round < options.rounds; round++) {
      for (const workers of [1, 2]) {
        const server = await startChild("valet-cluster.ts", { DATABASE_URL: registry.url, WORKERS: String(workers) });
        await expectOk(server.url, DOWNLOAD, alice);
        answered += 1 + (await hammer(server.url, DOWNLOAD, alice, 2, 64)).ok;
        const cpu = process.cpuUsage();
        const started = process.hrtime.bigint();
        const result = await hammer(server.url, DOWNLOAD, alice, options.seconds, 64);
        const used = process.cpuUsage(cpu);
        const wallUs = Number(process.hrtime.bigint() - started) / 1000;
        runs.get(workers)!.push({ result, cores: (used.user + used.system) / wallUs });
        answered += result.ok;
        await server.stop();
      }
    }
    // Every answered grant must be in the registry (both workers write to the same one).
    unrecorded += Math.max(0, answered - ((await countDownloadGrants(registry.url)) - before));
    await registry.drop();
    for (const [workers, list] of runs) {
      const median = list.sort((a, b) => a.result.reqPerSec - b.result.reqPerSec)[Math.floor(list.length / 2)];
      rows.push({ dialect, workers, result: median.result, loadGeneratorCores: median.cores });
    }
  }
  return { rows, unrecorded };
}

export function formatWorkersTable(rows: WorkersRow[]): string {
  const one = new Map(rows.filter((r) => r.workers === 1).map((r) => [r.dialect, r.result.reqPerSec]));
  return [
    `${cpus().length} cores shared by the servers and the load generator (autocannon, 64 connections, in the bench process).`,
    "",
    "| registry | workers | req/s | p50 ms | p99 ms | failed | × 1 worker | load generator's CPU |",
    "|---|---:|---:|---:|---:|---:|---:|---:|",
    ...rows.map(
      (r) =>
        `| ${r.dialect} | ${r.workers} | ${Math.round(r.result.reqPerSec).toLocaleString("en")} | ${r.result.p50} | ${r.result.p99} | ${r.result.failed} | ${(r.result.reqPerSec / one.get(r.dialect)!).toFixed(2)}× | ${r.loadGeneratorCores.toFixed(2)} cores |`,
    ),
  ].join("\n");
}
