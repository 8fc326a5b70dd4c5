/**
 * npm run bench [-- --seconds 8 --write]: signer micro-benchmark, HTTP end to end against a
 * seed-style baseline (each server in its own process pinned to core 1, the load generator on
 * core 0), and large-request timings. Prints markdown; --write also updates docs/benchmarks.md.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { SignJWT } from "jose";
import { startChild } from "./servers/child";
import { BENCH_JWT_SECRET } from "./servers/settings";
import { BENCH_OWNER, benchKey, countDownloadGrants, seedObjects } from "./seed";
import { expectOk, hammer, timeSequential, type HttpResult } from "./http";
import { formatSignerTable, runSignerBench } from "./signer";

const DOWNLOAD = JSON.stringify({
  query: "mutation($input: RequestDownloadInput!) { requestDownload(input: $input) { key url expiresAt } }",
  variables: { input: { key: benchKey(0) } },
});
const UPLOAD = JSON.stringify({
  query: "mutation($input: RequestUploadInput!) { requestUpload(input: $input) { key url fields { name value } expiresAt } }",
  variables: { input: { profile: "avatar", filename: "me.png", contentType: "image/png", size: 48213 } },
});
const BATCH = JSON.stringify({
  query: "mutation($keys: [String!]!) { requestDownloads(keys: $keys) { key url expiresAt } }",
  variables: { keys: Array.from({ length: 500 }, (_, i) => benchKey(i)) },
});
const LIST = JSON.stringify({ query: "{ myObjects(first: 100) { nodes { key downloadUrl } } }" });

async function main() {
  const { values } = parseArgs({ options: { seconds: { type: "string", default: "8" }, write: { type: "boolean", default: false } } });
  const seconds = Number(values.seconds);
  pinSelf(0);
  const signer = formatSignerTable(await runSignerBench({ seconds: 1 }));

  const dir = mkdtempSync(join(tmpdir(), "valet-bench-"));
  const databaseUrl = join(dir, "valet.sqlite");
  await seedObjects(databaseUrl, 500);
  const token = await new SignJWT({ roles: ["user"] }).setProtectedHeader({ alg: "HS256" }).setSubject(BENCH_OWNER).setExpirationTime("2h").sign(new TextEncoder().encode(BENCH_JWT_SECRET));
  const auth = { authorization: `Bearer ${token}` };
  // Uploads come from another viewer so that alice's newest objects stay AVAILABLE for the list timing.
  const uploader = { authorization: `Bearer ${await new SignJWT({ roles: ["user"] }).setProtectedHeader({ alg: "HS256" }).setSubject("uploader").setExpirationTime("2h").sign(new TextEncoder().encode(BENCH_JWT_SECRET))}` };

  const rows: string[] = [];
  const baseline = await startChild("baseline.ts", {}, 1);
  const base = { download: await measure(baseline.url, DOWNLOAD, {}, seconds), upload: await measure(baseline.url, UPLOAD, {}, seconds) };
  await baseline.stop();

  const valet = await startChild("valet.ts", { DATABASE_URL: databaseUrl }, 1);
  const before = await countDownloadGrants(databaseUrl);
  const ours = { download: await measure(valet.url, DOWNLOAD, auth, seconds), upload: await measure(valet.url, UPLOAD, uploader, seconds) };
  const large = { batch: await timeSequential(valet.url, BATCH, auth, LARGE_RUNS), list: await timeSequential(valet.url, LIST, auth, LARGE_RUNS) };
  await valet.stop();
  const recorded = (await countDownloadGrants(databaseUrl)) - before;
  const answered = ours.download.ok + ours.download.warmupOk + 1 + large.batch.granted + large.list.granted;
  rmSync(dir, { recursive: true, force: true });

  rows.push(httpRow("requestDownload", "baseline (getSignedUrl)", base.download, base.download));
  rows.push(httpRow("requestDownload", "Valet (auth + registry read + recorded grant)", ours.download, base.download));
  rows.push(httpRow("requestUpload", "baseline (createPresignedPost)", base.upload, base.upload));
  rows.push(httpRow("requestUpload", "Valet (auth + policy + recorded grant and object)", ours.upload, base.upload));

  const report = [
    `## Machine\n\n${machine()}\n`,
    `## 1. Signer (one process, core 0)\n\n${signer}\n`,
    `## 2. HTTP end to end (autocannon, 16 connections, ${seconds} s after a ${WARMUP_SECONDS} s warm-up; server alone on core 1)\n`,
    "| operation | server | req/s | p50 ms | p99 ms | failed | × baseline |",
    "|---|---|---:|---:|---:|---:|---:|",
    ...rows,
    "",
    `Durability: ${recorded} download grants committed in the registry for ${answered} download grants answered — ${recorded >= answered ? "every answered grant is recorded" : "SOME ANSWERED GRANTS ARE NOT RECORDED"} (requests cut off when a run stops may be recorded without being counted as answered).`,
    "",
    `## 3. Large requests (sequential, loopback, ${LARGE_RUNS} each; server time from Server-Timing: arrival to response head, grants committed)\n`,
    "| request | server p50 ms | server p99 ms | server min ms | client p50 ms | client p99 ms |",
    "|---|---:|---:|---:|---:|---:|",
    largeRow("requestDownloads, 500 keys", large.batch),
    largeRow("myObjects(first: 100) { downloadUrl }", large.list),
    "",
  ].join("\n");
  process.stdout.write(`${report}\n`);
  if (values.write) writeFileSync(resolve(__dirname, "../docs/benchmarks.md"), `# Benchmarks\n\nOutput of \`npm run bench -- --write\` (${new Date().toISOString().slice(0, 10)}).\n\n${report}`);
  if (recorded < answered) process.exitCode = 1;
}

const WARMUP_SECONDS = 2;
const LARGE_RUNS = 100;

function largeRow(name: string, r: Awaited<ReturnType<typeof timeSequential>>) {
  return `| ${name} | ${f(r.server.p50)} | ${f(r.server.p99)} | ${f(r.server.min)} | ${f(r.client.p50)} | ${f(r.client.p99)} |`;
}

async function measure(url: string, body: string, headers: Record<string, string>, seconds: number) {
  await expectOk(url, body, headers);
  const warm = await hammer(url, body, headers, WARMUP_SECONDS);
  return { ...(await hammer(url, body, headers, seconds)), warmupOk: warm.ok };
}

const f = (n: number) => n.toFixed(2);

function httpRow(op: string, server: string, r: HttpResult, base: HttpResult) {
  return `| ${op} | ${server} | ${Math.round(r.reqPerSec).toLocaleString("en")} | ${r.p50} | ${r.p99} | ${r.failed} | ${(r.reqPerSec / base.reqPerSec).toFixed(2)}× |`;
}

function pinSelf(core: number) {
  try {
    execFileSync("taskset", ["-cp", String(core), String(process.pid)], { stdio: "ignore" });
  } catch {
    process.stderr.write("taskset unavailable: load generator and server share cores\n");
  }
}

function machine() {
  const cpu = cpus();
  return `${cpu.length} × ${cpu[0]?.model ?? "unknown CPU"}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${process.platform}/${process.arch}`;
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
