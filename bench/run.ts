/**
 * npm run bench [-- --seconds 5 --rounds 3 --connections 16,64 --write]: signer micro-benchmark; HTTP end to end
 * against a seed-style baseline, and for uploads against Uppy Companion too (each server in its own
 * process pinned to core 1, the load generator on core 0, runs alternating between them, median of
 * the rounds); large requests.
 * Then a large file through MULTIPART and PUT against the local RGW (--large-mib, 0 skips it), and
 * 1 vs 2 workers on each registry (--workers sqlite,postgres; none skips it).
 * Prints markdown; --write also updates docs/benchmarks.md. Exits 1 if an answered grant is not recorded.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { WARMUP_SECONDS, alternate, timeSequential, type HttpResult } from "./http";
import { BATCH, DOWNLOAD, LIST, NOOP, UPLOAD, VALET_NOOP, bearer } from "./operations";
import { BENCH_OWNER, countDownloadGrants, seedObjects, timeDurableWrite } from "./seed";
import { pinSelf, startChild } from "./servers/child";
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
      connections: { type: "string", default: "16,64" },
    },
  });
  const CONNECTIONS = values.connections.split(",").map(Number);
  const seconds = Number(values.seconds);
  const rounds = Number(values.rounds);
  pinSelf(0);
  const signer = formatSignerTable(await runSignerBench({ seconds: 1 }));

  const dir = mkdtempSync(join(tmpdir(), "valet-bench-"));
  const databaseUrl = join(dir, "valet.sqlite");
  await seedObjects(databaseUrl, 500);
  const alice = await bearer(BENCH_OWNER);
  // Uploads come from another viewer so that alice's newest objects stay AVAILABLE for the list timing.
  const uploader = await bearer("uploader");
  const baseline = await startChild("baseline.ts", {}, 1);
  const valet = await startChild("valet.ts", { DATABASE_URL: databaseUrl }, 1);
  const companion = await startChild("companion.mjs", {}, 1);
  const companionUrl = `${companion.url}?filename=me.png&type=image%2Fpng`;
  const before = await countDownloadGrants(databaseUrl);

  const rows: string[] = [];
  let downloadBase64: HttpResult | undefined; // no-op rows are compared with this baseline
  let answered = 1; // the check request expectOk sends before the download runs
  const versusCompanion: string[] = [];
  for (const connections of CONNECTIONS) {
    const [base, ours] = await alternate([baseline, valet], [{}, alice], [DOWNLOAD, DOWNLOAD], seconds, rounds, connections);
    answered += ours.okTotal;
    if (connections === Math.max(...CONNECTIONS)) downloadBase64 = base;
    rows.push(
      httpRow("requestDownload", connections, "baseline", base, base),
      httpRow("requestDownload", connections, "Valet", ours, base),
    );
  }
  // Uploads have a second peer: Uppy Companion's presigned-POST endpoint, a GET with the file's name and type.
  for (const connections of CONNECTIONS) {
    const [base, ours, uppy] = await alternate(
      [baseline, valet, { ...companion, url: companionUrl }],
      [{}, uploader, {}],
      [UPLOAD, UPLOAD, null],
      seconds,
      rounds,
      connections,
    );
    rows.push(
      httpRow("requestUpload", connections, "baseline", base, base),
      httpRow("requestUpload", connections, "Valet", ours, base),
      httpRow("requestUpload", connections, "Uppy Companion `GET /s3/params`", uppy, base),
    );
    versusCompanion.push(`${connections} connections: ${(ours.reqPerSec / uppy.reqPerSec).toFixed(2)}×`);
  }
  // The ceilings: each server answering a query that does nothing (Valet's with a bearer token).
  const [noopBase, noopOurs] = await alternate(
    [baseline, valet],
    [{}, alice],
    [NOOP, VALET_NOOP],
    seconds,
    rounds,
    Math.max(...CONNECTIONS),
  );
  rows.push(httpRow("no-op query (ceiling)", Math.max(...CONNECTIONS), "baseline `{ ok }`", noopBase, downloadBase64!));
  rows.push(httpRow("no-op query (ceiling)", Math.max(...CONNECTIONS), "Valet `{ me { id } }`", noopOurs, downloadBase64!));
  const large = {
    batch: await timeSequential(valet.url, BATCH, alice, LARGE_RUNS),
    list: await timeSequential(valet.url, LIST, alice, LARGE_RUNS),
  };
  await Promise.all([baseline.stop(), valet.stop(), companion.stop()]);
  answered += large.batch.granted + large.list.granted;
  const recorded = (await countDownloadGrants(databaseUrl)) - before;
  const writeFloor = await timeDurableWrite(databaseUrl, 500, 30);
  rmSync(dir, { recursive: true, force: true });
  const largeMib = Number(values["large-mib"]);
  // Workers before the large file: an RGW shutting down (1 GiB of memstore to free) is still busy
  // for a while, and the workers section shares every core with whatever else runs.
  const dialects = values.workers === "none" ? [] : values.workers.split(",");
  const workers = dialects.length > 0 ? await runWorkersBench({ seconds, rounds, dialects }) : undefined;
  const largeFile = largeMib > 0 ? formatLargeFileTable(await runLargeFileBench({ mib: largeMib, parallel: 4 })) : undefined;

  const report = [
    `## Machine\n\n${machine()}\n`,
    `## 1. Signer (one process, core 0)\n\n${signer}\n`,
    `## 2. HTTP end to end (autocannon; median of ${rounds} alternating ${seconds} s runs after a ${WARMUP_SECONDS} s warm-up; each server alone on core 1, NODE_ENV=production)\n`,
    "| operation | connections | server | req/s | p50 ms | p99 ms | failed | × baseline |",
    "|---|---:|---|---:|---:|---:|---:|---:|",
    ...rows,
    "",
    `Valet's requestUpload ÷ Uppy Companion's \`/s3/params\` (both sign a presigned POST for the same bucket): ${versusCompanion.join(", ")}.`,
    "",
    `Durability: ${recorded} download grants committed for ${answered} answered — ${recorded >= answered ? "every answered grant is recorded" : "SOME ANSWERED GRANTS ARE NOT RECORDED"} (requests cut off when a run stops may be committed without being counted as answered).`,
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
          `Durability: ${workers.unrecorded === 0 ? "every answered grant is recorded" : `${workers.unrecorded} ANSWERED GRANTS ARE NOT RECORDED`}.`,
          "",
        ]
      : []),
  ].join("\n");
  process.stdout.write(`${report}\n`);
  if (values.write) writeReport(report);
  if (recorded < answered || (workers?.unrecorded ?? 0) > 0) process.exitCode = 1;
}

const f = (n: number) => n.toFixed(2);

function httpRow(op: string, connections: number, server: string, r: HttpResult, base: HttpResult) {
  return `| ${op} | ${connections} | ${server} | ${Math.round(r.reqPerSec).toLocaleString("en")} | ${r.p50} | ${r.p99} | ${r.failed} | ${(r.reqPerSec / base.reqPerSec).toFixed(2)}× |`;
}

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
