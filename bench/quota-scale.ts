/**
 * npm run bench:quota [-- --objects 100000 --dialects sqlite,postgres --seconds 5 --rounds 3 --connections 32]:
 * upload-grant throughput for a viewer who already has `objects` objects (mixed states) and for a
 * fresh viewer (a new one each round), on one registry per dialect, under production limits (the
 * shipped quotas file and rate limiting on, every number raised so nothing is refused: the quota
 * check and the limiter still run on every grant). The server runs alone on core 1, the load on
 * core 0, runs alternating. Prints markdown with the ratio (target ≥ 0.9); exits 1 if any timed
 * answer was not a grant (a GraphQL error still answers HTTP 200). `--limits unlimited` runs the same
 * with no quotas and no rate limits, to show what the limits cost.
 */
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { openDatabase } from "../src/store/database";
import { WARMUP, medianRun } from "./http";
import { UPLOAD, bearer } from "./operations";
import { createRegistry } from "./registry";
import { seedMixedObjects } from "./seed-objects";
import { pinSelf, startChild } from "./servers/child";

const HOARDER = "hoarder";
const TARGET = 0.9;

interface Run {
  reqPerSec: number;
  p50: number;
  p99: number;
  /** Answers that were not a grant: not 2xx, or GraphQL errors, or no signature. */
  notGranted: number;
}

async function grantRun(url: string, sub: string, seconds: number, connections: number): Promise<Run> {
  const result = await autocannon({
    url,
    method: "POST",
    headers: { "content-type": "application/json", ...(await bearer(sub)) },
    body: UPLOAD,
    duration: seconds,
    connections,
    verifyBody: (body) => String(body ?? "").includes("X-Amz-Signature") && !String(body ?? "").includes('"errors"'),
  });
  const { average: reqPerSec } = result.requests;
  return {
    reqPerSec,
    p50: result.latency.p50,
    p99: result.latency.p99,
    // A run that got no answer at all (every request still waiting when it ended) proves nothing: count it.
    notGranted: result.non2xx + result.errors + result.timeouts + result.mismatches + (result["2xx"] === 0 ? 1 : 0),
  };
}

async function benchDialect(
  dialect: string,
  objects: number,
  seconds: number,
  rounds: number,
  connections: number,
  limits: string,
) {
  const registry = await createRegistry(dialect);
  const database = await openDatabase(registry.url);
  const started = Date.now();
  await seedMixedObjects(database, HOARDER, objects);
  const seedSeconds = (Date.now() - started) / 1000;
  await database.close();
  const server = await startChild("valet.ts", { DATABASE_URL: registry.url, BENCH_LIMITS: limits }, 1);
  const runs: Run[][] = [[], []];
  let notGranted = 0;
  try {
    await grantRun(server.url, HOARDER, WARMUP.minSeconds * 2, connections).then((r) => (notGranted += r.notGranted));
    for (let round = 0; round < rounds; round++) {
      // Each round swaps who goes first, so neither always runs right after the other.
      const subs = [HOARDER, `fresh-${dialect}-${round}`];
      for (const i of round % 2 === 0 ? [0, 1] : [1, 0]) {
        const run = await grantRun(server.url, subs[i], seconds, connections);
        notGranted += run.notGranted;
        runs[i].push(run);
      }
    }
  } finally {
    await server.stop();
    await registry.drop();
  }
  const [full, fresh] = runs.map((r) => medianRun(r, (run) => run.reqPerSec));
  return { dialect, seedSeconds, full, fresh, ratio: full.reqPerSec / fresh.reqPerSec, notGranted };
}

async function main() {
  const { values } = parseArgs({
    options: {
      objects: { type: "string", default: "100000" },
      dialects: { type: "string", default: "sqlite,postgres" },
      seconds: { type: "string", default: "5" },
      rounds: { type: "string", default: "3" },
      connections: { type: "string", default: "32" },
      // `unlimited` (no quotas, no rate limits) shows what the limits cost; the target is for `production`.
      limits: { type: "string", default: "production" },
    },
  });
  const [objects, seconds, rounds, connections] = [values.objects, values.seconds, values.rounds, values.connections].map(Number);
  pinSelf(0);
  const results = [];
  for (const dialect of values.dialects.split(","))
    results.push(await benchDialect(dialect, objects, seconds, rounds, connections, values.limits));
  const n = objects.toLocaleString("en");
  const fmt = (r: Run) => `${Math.round(r.reqPerSec).toLocaleString("en")} | ${r.p50} | ${r.p99}`;
  const lines = [
    `## Quota at scale: upload grants for a viewer with ${n} objects vs a fresh viewer (npm run bench:quota)`,
    "",
    `requestUpload, ${connections} connections, ${values.limits === "production" ? "production limits (raised)" : values.limits + " limits"}, median of ${rounds} alternating ${seconds} s runs; load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
    "",
    `| registry | viewer | req/s | p50 ms | p99 ms |`,
    "|---|---|---:|---:|---:|",
    ...results.flatMap((r) => [
      `| ${r.dialect} | fresh | ${fmt(r.fresh)} |`,
      `| ${r.dialect} | ${n} objects (seeded in ${r.seedSeconds.toFixed(1)} s) | ${fmt(r.full)} |`,
    ]),
    "",
    ...results.map(
      (r) =>
        `${r.dialect}: ${n} objects / fresh = ${r.ratio.toFixed(2)} (target ≥ ${TARGET}: ${r.ratio >= TARGET ? "met" : "NOT met"}); answers that were not a grant (and runs without an answer): ${r.notGranted}`,
    ),
    "",
  ];
  process.stdout.write(lines.join("\n"));
  if (results.some((r) => r.notGranted > 0)) {
    process.stderr.write("some timed answers were not grants: the ratios above do not measure grants\n");
    process.exit(1);
  }
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
