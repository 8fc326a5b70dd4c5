/**
 * Why the old seed-style baseline was slow: the old set-up and the new one in the same run, with
 * the differences between them (warm-up, pinning, TypeScript, the register) added one at a time. Each baseline alone on core 1,
 * 32 connections, upload grants and the no-op `{ ok }`, runs alternating, median of the rounds.
 * `npm run bench:baseline-ab [-- --seconds 5 --rounds 3 --connections 32]`. Exits 1 if any timed
 * answer was not a grant (or, for `{ ok }`, not data).
 *
 * - old: servers/baseline.ts through `-r @swc-node/register`; only the load generator's main
 *   thread pinned to core 0 (`taskset -cp`), its V8 helper threads free to run on core 1; a 2 s
 *   warm-up.
 * - new: servers/baseline.mjs, plain node; every thread of the load generator on core 0
 *   (`taskset -a`); warmed up by answers (http.ts WARMUP). Unnamed differences in a row are the new ones.
 * The server's CPU per answer (median of the measured runs) is beside each row: unlike req/s it
 * hardly depends on what else the machine runs.
 */
import { readFileSync } from "node:fs";
import { cpus } from "node:os";
import { parseArgs } from "node:util";
import { WARMUP, alternate, type Expect, type HttpResult, type WarmUp } from "./http";
import { NOOP, UPLOAD } from "./operations";
import { setAffinity, startChild, type Child } from "./servers/child";

interface Variant {
  name: string;
  script: string;
  register: boolean;
  /** Pin every thread of the load generator (true), or only its main thread as before (false). */
  pinAll: boolean;
  /** The old warm-up (2 s, however little the server got done in them), or WARMUP. */
  oldWarmUp: boolean;
}

const VARIANTS: Variant[] = [
  {
    name: "old: baseline.ts + swc register, main thread pinned, 2 s warm-up",
    script: "baseline.ts",
    register: true,
    pinAll: false,
    oldWarmUp: true,
  },
  {
    name: "baseline.ts + swc register, main thread pinned",
    script: "baseline.ts",
    register: true,
    pinAll: false,
    oldWarmUp: false,
  },
  { name: "baseline.ts + swc register", script: "baseline.ts", register: true, pinAll: true, oldWarmUp: false },
  { name: "baseline.mjs + swc register loaded", script: "baseline.mjs", register: true, pinAll: true, oldWarmUp: false },
  { name: "new: baseline.mjs, plain node", script: "baseline.mjs", register: false, pinAll: true, oldWarmUp: false },
];
const OLD_WARMUP: WarmUp = { requests: 0, minSeconds: 2, maxSeconds: 2 };

/** CPU time a process has used, in ms (/proc/<pid>/stat utime + stime, at 100 ticks/s). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The load generator's pinning for one variant: everything back on every core, then core 0 (all threads or the main one). */
function pinLoadGenerator(all: boolean) {
  setAffinity(`0-${cpus().length - 1}`, true);
  setAffinity("0", all);
}

async function main() {
  const { values } = parseArgs({
    options: {
      seconds: { type: "string", default: "5" },
      rounds: { type: "string", default: "3" },
      connections: { type: "string", default: "32" },
      // Runs the variants in the opposite order (the ratios stay against "old"): checks that a row's place in the rotation is not what it measures.
      reverse: { type: "boolean", default: false },
    },
  });
  if (values.reverse) VARIANTS.reverse();
  const [seconds, rounds, connections] = [Number(values.seconds), Number(values.rounds), Number(values.connections)];
  const servers: Child[] = [];
  for (const v of VARIANTS) servers.push(await startChild(v.script, {}, 1, v.register));
  const lines = [
    `Seed-style baseline A/B (${connections} connections, median of ${rounds} alternating ${seconds} s runs; each server alone on core 1)\n`,
    "| variant | operation | req/s | p50 ms | p99 ms | not granted | × old | server CPU µs/answer |",
    "|---|---|---:|---:|---:|---:|---:|---:|",
  ];
  let notGranted = 0;
  for (const [op, body, expect] of [
    ["requestUpload", UPLOAD, "grant"],
    ["no-op `{ ok }`", NOOP, "data"],
  ] as Array<[string, string, Expect]>) {
    const none = servers.map(() => ({}));
    // Each variant's pinning of the load generator is applied right before each of its runs.
    // The server's CPU per answer does not depend on how busy the machine is, unlike req/s.
    const started: number[] = [];
    const perAnswer: number[][] = servers.map(() => []);
    const beforeRun = (i: number) => {
      pinLoadGenerator(VARIANTS[i].pinAll);
      started[i] = cpuMs(servers[i].process.pid!);
    };
    const afterRun = (i: number, run: HttpResult, warmUp: boolean) => {
      const used = cpuMs(servers[i].process.pid!) - started[i];
      if (!warmUp) perAnswer[i].push((used * 1000) / (run.ok + run.failed));
    };
    const bodies = servers.map(() => body);
    const results = await alternate(servers, none, bodies, seconds, rounds, connections, {
      expect,
      beforeRun,
      afterRun,
      warmUpFor: (i) => (VARIANTS[i].oldWarmUp ? OLD_WARMUP : WARMUP),
    });
    results.forEach((r, i) => {
      notGranted += r.notGrantedTotal;
      const old = results[VARIANTS.findIndex((v) => v.oldWarmUp)];
      const ratio = (r.reqPerSec / old.reqPerSec).toFixed(2);
      lines.push(
        `| ${VARIANTS[i].name} | ${op} | ${Math.round(r.reqPerSec).toLocaleString("en")} | ${r.p50} | ${r.p99} | ${r.notGrantedTotal} | ${ratio}× | ${Math.round(median(perAnswer[i]))} |`,
      );
    });
  }
  await Promise.all(servers.map((s) => s.stop()));
  process.stdout.write(`${lines.join("\n")}\n`);
  if (notGranted > 0) {
    process.stderr.write(`FAILED: ${notGranted} answers were not grants (or data)\n`);
    process.exitCode = 1;
  }
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
