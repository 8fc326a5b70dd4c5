/**
 * npm run bench [-- --seconds 5 --rounds 3 --connections 32 --write --all]: signer micro-benchmark;
 * HTTP end to end (main-table.ts: Valet under production defaults, and unlimited as a second row,
 * against the seed-style baseline and, for uploads, Uppy Companion; each server in its own process
 * pinned to core 1, the load generator on core 0, runs alternating between them, median of the
 * rounds; issue 22's targets judged); large requests.
 * Then 1 vs 2 workers on each registry (--workers sqlite,postgres; none skips it) and a large file
 * through MULTIPART and PUT against the local RGW (--large-mib, 0 skips it), on every core; --all
 * adds the benches of extra.ts that exist (bench/quota-scale.ts, bench/reaper.ts).
 * Prints markdown; --write also updates docs/benchmarks.md. Exits 1 if an answered grant is not
 * recorded, a timed answer was not a grant, or an extra bench failed.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { runExtraBenches } from "./extra";
import { WARMUP, timeSequential } from "./http";
import { runMainTable } from "./main-table";
import { BATCH, LIST, bearer } from "./operations";
import { BENCH_OWNER, countDownloadGrants, seedObjects, timeDurableWrite } from "./seed";
import { pinSelf, setAffinity, startChild } from "./servers/child";
import { formatLargeFileTable, runLargeFileBench } from "./large-file";
import { formatSignerTable, runSignerBench } from "./signer";
import { formatWorkersTable, runWorkersBench } from "./workers";

const LARGE_RUNS = 100;

async function main() {
  const { values } = parseArgs({
    options: {
      seconds: { type: "string", default: "5" },
      rounds: { type: "string", default: "3" },
      write: { type: "boolean", default: false },
      "large-mib": { type: "string", default: "1024" },
      workers: { type: "string", default: "sqlite,postgres" },
      connections: { type: "string", default: "32" },
      all: { type: "boolean", default: false },
    },
  });
  const CONNECTIONS = values.connections.split(",").map(Number);
  const seconds = Number(values.seconds);
  const rounds = Number(values.rounds);
  pinSelf(0);
  const signer = formatSignerTable(await runSignerBench({ seconds: 1 }));

  const dir = mkdtempSync(join(tmpdir(), "valet-bench-"));
  const registries = { production: join(dir, "valet.sqlite"), unlimited: join(dir, "valet-unlimited.sqlite") };
  await seedObjects(registries.production, 500);
  await seedObjects(registries.unlimited, 500);
  const before = {
    production: await countDownloadGrants(registries.production),
    unlimited: await countDownloadGrants(registries.unlimited),
  };
  const main = await runMainTable({ registries, seconds, rounds, connections: CONNECTIONS });
  const alice = await bearer(BENCH_OWNER);
  const valet = await startChild("valet.ts", { DATABASE_URL: registries.production }, 1);
  const large = {
    batch: await timeSequential(valet.url, BATCH, alice, LARGE_RUNS),
    list: await timeSequential(valet.url, LIST, alice, LARGE_RUNS),
  };
  await valet.stop();
  const answered = { ...main.answered, production: main.answered.production + large.batch.granted + large.list.granted };
  const recorded = {
    production: (await countDownloadGrants(registries.production)) - before.production,
    unlimited: (await countDownloadGrants(registries.unlimited)) - before.unlimited,
  };
  const durable = recorded.production >= answered.production && recorded.unlimited >= answered.unlimited;
  const writeFloor = await timeDurableWrite(registries.production, 500, 30);
  rmSync(dir, { recursive: true, force: true });
  // The sections below use every core; without this, whatever they start inherits core 0 alone.
  setAffinity(`0-${cpus().length - 1}`, true);
  const largeMib = Number(values["large-mib"]);
  // Workers before the large file: an RGW shutting down (1 GiB of memstore to free) is still busy
  // for a while, and the workers section shares every core with whatever else runs.
  const dialects = values.workers === "none" ? [] : values.workers.split(",");
  const workers = dialects.length > 0 ? await runWorkersBench({ seconds, rounds, dialects }) : undefined;
  const largeFile = largeMib > 0 ? formatLargeFileTable(await runLargeFileBench({ mib: largeMib, parallel: 4 })) : undefined;
  const extras = values.all ? await runExtraBenches({ seconds, rounds }) : [];

  const report = [
    `## Machine\n\n${machine()}\n`,
    `## 1. Signer (one process, core 0)\n\n${signer}\n`,
    `## 2. HTTP end to end (autocannon; median of ${rounds} alternating ${seconds} s runs after a warm-up of ${WARMUP.requests.toLocaleString("en")} answers (${WARMUP.minSeconds}–${WARMUP.maxSeconds} s); each server alone on core 1, the load generator on core 0, NODE_ENV=production)\n`,
    "The main row is Valet under production defaults: the shipped `src/config/quotas.json` with every numeric limit raised out of reach and rate limiting on (limits out of reach), so the quota check and the limiter run on every grant. Its uploads are one viewer's, each checked against and added to that viewer's counters row in the transaction that records it; the row with 32 viewers spreads the same load over a viewer per connection. The unlimited row has null quotas and no rate limits. The baseline is plain JavaScript (`bench/servers/baseline.mjs`, Apollo's standalone server). Every timed answer is checked: _not granted_ counts answers (warm-ups included) that were not a grant (a GraphQL error answers 200), or for the no-ops not data.\n",
    "| operation | connections | server | req/s | p50 ms | p99 ms | failed | not granted | × baseline |",
    "|---|---:|---|---:|---:|---:|---:|---:|---:|",
    ...main.rows,
    "",
    "Targets (issue 22), from the production-defaults row:",
    "",
    ...main.targets,
    "",
    `Every timed answer a grant: ${main.notGranted === 0 ? "yes" : `**NO: ${main.notGranted} answers were not grants**`}.`,
    "",
    `Durability: ${recorded.production} + ${recorded.unlimited} download grants committed for ${answered.production} + ${answered.unlimited} answered (production-defaults + unlimited registries) — ${durable ? "every answered grant is recorded" : "SOME ANSWERED GRANTS ARE NOT RECORDED"} (requests cut off when a run stops may be committed without being counted as answered).`,
    "",
    `## 3. Large requests (sequential, ${LARGE_RUNS} each; server time from the Server-Timing header: arrival to response head, grants committed)\n`,
    "| request | server p50 ms | server p99 ms | server min ms | client p50 ms | client p99 ms |",
    "|---|---:|---:|---:|---:|---:|",
    largeRow("requestDownloads, 500 keys", large.batch),
    largeRow("myObjects(first: 100) { downloadUrl }", large.list),
    "",
    `For scale: recording 500 grants alone (one fsync'd SQLite transaction on the same registry file, nothing else running) took ${f(writeFloor.p50)} ms (median of 30; min ${f(writeFloor.min)} ms).`,
    "",
    ...(largeFile
      ? [
          `## 4. Large file (${largeMib} MiB against the local RGW; the bench process is the client, Valet in the same process; MB/s over grant → bytes → completeUpload)\n`,
          largeFile,
          "",
        ]
      : []),
    ...(workers
      ? [
          `## 5. All cores: WORKERS=1 vs 2 (node:cluster; requestDownload, median of ${rounds} alternating ${seconds} s runs)\n`,
          formatWorkersTable(workers.rows),
          "",
          `Durability: ${workers.unrecorded === 0 ? "every answered grant is recorded" : `${workers.unrecorded} ANSWERED GRANTS ARE NOT RECORDED`}. Every timed answer a grant: ${workers.notGranted === 0 ? "yes" : `**NO: ${workers.notGranted} were not**`}.`,
          "",
        ]
      : []),
    ...extras.map((e) => e.markdown),
  ].join("\n");
  process.stdout.write(`${report}\n`);
  if (values.write) writeReport(report);
  if (main.notGranted > 0) process.stderr.write(`FAILED: ${main.notGranted} timed answers were not grants (see "not granted")\n`);
  if (
    !durable ||
    main.notGranted > 0 ||
    (workers?.unrecorded ?? 0) > 0 ||
    (workers?.notGranted ?? 0) > 0 ||
    extras.some((e) => !e.ok)
  )
    process.exitCode = 1;
}

const f = (n: number) => n.toFixed(2);

function largeRow(name: string, r: Awaited<ReturnType<typeof timeSequential>>) {
  return `| ${name} | ${f(r.server.p50)} | ${f(r.server.p99)} | ${f(r.server.min)} | ${f(r.client.p50)} | ${f(r.client.p99)} |`;
}

// docs/benchmarks.md keeps its hand-written reading notes; only the part between the markers is replaced.
function writeReport(report: string) {
  const path = resolve(__dirname, "../docs/benchmarks.md");
  const [start, end] = ["<!-- bench:start -->", "<!-- bench:end -->"];
  const current = existsSync(path) ? readFileSync(path, "utf8") : `# Benchmarks\n\n${start}\n${end}\n`;
  const stamped = `${start}\nOutput of \`npm run bench -- --write\`, ${new Date().toISOString().slice(0, 10)}.\n\n${report}${end}`;
  writeFileSync(
    path,
    current.replace(new RegExp(`${start}[\\s\\S]*${end}`), () => stamped),
  );
}

function machine() {
  const cpu = cpus();
  return `${cpu.length} × ${cpu[0]?.model ?? "unknown CPU"}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${process.platform}/${process.arch}`;
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
