/**
 * Workers section of `npm run bench`: requestDownload throughput with WORKERS=1 and WORKERS=2
 * (node:cluster, servers/valet-cluster.ts) on each registry dialect, runs alternating between the
 * two, median of the rounds. Nothing is pinned: the servers and the load generator share every
 * core, and the load generator's own CPU use is reported beside each run, because on a machine
 * with few cores it takes the share a second worker would need.
 */
import { readFileSync } from "node:fs";
import { cpus } from "node:os";
import { expectOk, hammer, medianRun, type HttpResult } from "./http";
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
  /** The share of all the machine's CPU time that was busy during the run (/proc/stat). */
  machineBusy: number;
}

export async function runWorkersBench(options: { seconds: number; rounds: number; dialects: string[] }) {
  const alice = await bearer(BENCH_OWNER);
  const rows: WorkersRow[] = [];
  let unrecorded = 0;
  let notGranted = 0; // timed answers that were not grants
  for (const dialect of options.dialects) {
    const registry = await createRegistry(dialect);
    await seedObjects(registry.url, 10);
    const before = await countDownloadGrants(registry.url);
    const runs = new Map<number, Array<{ result: HttpResult; cores: number; busy: number }>>([
      [1, []],
      [2, []],
    ]);
    let answered = 0;
    for (let round = 0; round < options.rounds; round++) {
      for (const workers of [1, 2]) {
        const server = await startChild("valet-cluster.ts", { DATABASE_URL: registry.url, WORKERS: String(workers) });
        await expectOk(server.url, DOWNLOAD, alice);
        const warm = await hammer(server.url, DOWNLOAD, alice, 2, 64);
        answered += 1 + warm.ok;
        notGranted += warm.notGranted;
        const cpu = process.cpuUsage();
        const machine = machineTimes();
        const started = process.hrtime.bigint();
        const result = await hammer(server.url, DOWNLOAD, alice, options.seconds, 64);
        const used = process.cpuUsage(cpu);
        const wallUs = Number(process.hrtime.bigint() - started) / 1000;
        const after = machineTimes();
        const busy = (after.busy - machine.busy) / (after.total - machine.total);
        runs.get(workers)!.push({ result, cores: (used.user + used.system) / wallUs, busy });
        answered += result.ok;
        notGranted += result.notGranted;
        await server.stop();
      }
    }
    // Every answered grant must be in the registry (both workers write to the same one).
    unrecorded += Math.max(0, answered - ((await countDownloadGrants(registry.url)) - before));
    await registry.drop();
    for (const [workers, list] of runs) {
      const median = medianRun(list, (run) => run.result.reqPerSec);
      rows.push({ dialect, workers, result: median.result, loadGeneratorCores: median.cores, machineBusy: median.busy });
    }
  }
  return { rows, unrecorded, notGranted };
}

export function formatWorkersTable(rows: WorkersRow[]): string {
  const one = new Map(rows.filter((r) => r.workers === 1).map((r) => [r.dialect, r.result.reqPerSec]));
  return [
    `${cpus().length} cores shared by the servers and the load generator (autocannon, 64 connections, in the bench process).`,
    "",
    "| registry | workers | req/s | p50 ms | p99 ms | failed | × 1 worker | load generator's CPU | machine busy |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...rows.map(
      (r) =>
        `| ${r.dialect} | ${r.workers} | ${Math.round(r.result.reqPerSec).toLocaleString("en")} | ${r.result.p50} | ${r.result.p99} | ${r.result.failed} | ${(r.result.reqPerSec / one.get(r.dialect)!).toFixed(2)}× | ${r.loadGeneratorCores.toFixed(2)} cores | ${Math.round(r.machineBusy * 100)} % |`,
    ),
  ].join("\n");
}

/** Jiffies since boot across all cores: busy (everything but idle and iowait) and total. */
function machineTimes(): { busy: number; total: number } {
  const fields = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((a, b) => a + b, 0);
  return { busy: total - fields[3] - (fields[4] ?? 0), total };
}
