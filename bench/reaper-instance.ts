/**
 * One reaper instance for bench/reaper.ts: builds the services from the environment, says
 * "ready", waits for "go" on stdin, reaps every abandoned upload it can claim, then prints
 * `{ "reaped": n, "settled": m, "ms": t, "cpuMs": c }` (its own CPU time meanwhile) and exits.
 */
import "reflect-metadata";
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { createInterface } from "node:readline";
import { loadConfig } from "../src/config/config";
import { reapAbandonedUploads } from "../src/objects/reaper";
import { createServices } from "../src/services/create-services";

async function main() {
  const { services, close } = await createServices(loadConfig());
  let settled = 0;
  const settleLanded = services.store.markAvailable.bind(services.store);
  services.store.markAvailable = (key, facts) => (settled++, settleLanded(key, facts));
  const markRejected = services.store.markRejected.bind(services.store);
  services.store.markRejected = (key, facts) => (settled++, markRejected(key, facts));
  const spent = profile(services);
  process.stdout.write("ready\n");
  const lines = createInterface({ input: process.stdin });
  await new Promise<void>((r) => lines.once("line", () => r()));
  const cpuProfile = process.env.BENCH_CPU_PROF ? await startCpuProfile() : undefined;
  const started = performance.now();
  const cpu = process.cpuUsage();
  const reaped = await reapAbandonedUploads(services);
  const ms = performance.now() - started;
  const { user, system } = process.cpuUsage(cpu);
  await cpuProfile?.();
  process.stdout.write(`${JSON.stringify({ reaped: reaped.length, settled, ms, cpuMs: (user + system) / 1000 })}\n`);
  if (process.env.BENCH_PROFILE) process.stderr.write(`${JSON.stringify(spent)}\n`);
  lines.close();
  await close();
}

/**
 * BENCH_CPU_PROF=dir: a V8 CPU profile of the timed pass only (no start-up, no compiling), written
 * to dir/reaper-<pid>.cpuprofile when the pass ends (open it in Chrome's DevTools).
 */
async function startCpuProfile(): Promise<() => Promise<void>> {
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.start");
  return async () => {
    const { profile } = await session.post("Profiler.stop");
    writeFileSync(`${process.env.BENCH_CPU_PROF}/reaper-${process.pid}.cpuprofile`, JSON.stringify(profile));
    session.disconnect();
  };
}

/** Total milliseconds and calls per store and S3 call, for BENCH_PROFILE=1 (printed on stderr). */
function profile(services: Awaited<ReturnType<typeof createServices>>["services"]): Record<string, [number, number]> {
  const spent: Record<string, [number, number]> = {};
  const wrap = (target: object, names: string[], prefix: string) => {
    const t = target as Record<string, (...a: unknown[]) => Promise<unknown>>;
    for (const name of names) {
      const original = t[name].bind(target);
      t[name] = async (...a) => {
        const started = performance.now();
        try {
          return await original(...a);
        } finally {
          const s = (spent[`${prefix}.${name}`] ??= [0, 0]);
          s[0] += performance.now() - started;
          s[1]++;
        }
      };
    }
  };
  wrap(services.store, ["claimReapable", "findGrant", "findObject", "markExpired", "markRejected"], "store");
  wrap(services.objects, ["head", "readStart", "removeVersions"], "s3");
  for (const s of Object.values(spent)) s[0] = Math.round(s[0]);
  return spent;
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
