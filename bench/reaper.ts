/**
 * npm run bench:reaper [-- --grants 2000 --landed 0.1 --concurrency 16 --rounds 1]: seeds `grants`
 * upload grants that expired an hour ago, each with its PENDING object, a fraction `landed` of them
 * with bytes in the bucket (not a PNG: the reaper verifies them and rejects them), on a fresh
 * PostgreSQL schema (BENCH_DATABASE_URL, default the test server) and a fresh bucket on the test
 * RGW (TEST_S3_ENDPOINT); then times one reaper instance, and two (each its own process and pool),
 * settling them all. Prints grants/s and the 2-vs-1 ratio as markdown.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { CreateBucketCommand, PutBucketVersioningCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { openDatabase } from "../src/store/database";
import { TEST_S3 } from "../test/support/ceph";
import { seedUploads, uploadFixture } from "../test/support/store/fixtures";
import { createRegistry } from "./registry";

const s3 = new S3Client({
  endpoint: TEST_S3.endpoint,
  region: "us-east-1",
  forcePathStyle: true,
  credentials: { accessKeyId: TEST_S3.accessKeyId, secretAccessKey: TEST_S3.secretAccessKey },
});

interface Run {
  instances: number;
  grants: number;
  seconds: number;
  reaped: number;
  settled: number;
  /** CPU time the instances spent reaping, summed. */
  cpuMs: number;
}

async function seed(grants: number, landed: number): Promise<{ url: string; bucket: string; drop(): Promise<void> }> {
  const registry = await createRegistry("postgres");
  const bucket = `valet-reaper-bench-${randomBytes(4).toString("hex")}`;
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  await s3.send(new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: "Enabled" } }));
  const expiresAt = new Date(Date.now() - 3_600_000);
  const uploads = Array.from({ length: grants }, (_, i) =>
    uploadFixture({
      viewerId: "bench",
      key: `users/bench/${i}-${randomBytes(4).toString("hex")}.png`,
      issuedAt: new Date(expiresAt.getTime() - 60_000),
      expiresAt,
    }),
  );
  const database = await openDatabase(registry.url);
  await seedUploads(database.db, uploads);
  await database.close();
  const withBytes = uploads.slice(0, Math.round(grants * landed));
  for (let i = 0; i < withBytes.length; i += 32)
    await Promise.all(
      withBytes
        .slice(i, i + 32)
        .map((u) =>
          s3.send(
            new PutObjectCommand({ Bucket: bucket, Key: u.grant.key, Body: "not a png".padEnd(1234), ContentType: "image/png" }),
          ),
        ),
    );
  return { url: registry.url, bucket, drop: registry.drop };
}

function startInstance(
  env: NodeJS.ProcessEnv,
): Promise<{ go(): Promise<{ reaped: number; settled: number; ms: number; cpuMs: number }> }> {
  const child = spawn(process.execPath, ["-r", "@swc-node/register", "bench/reaper-instance.ts"], {
    env: { ...process.env, ...env },
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout });
  const next = () =>
    new Promise<string>((resolve, reject) => {
      lines.once("line", resolve);
      child.once("exit", (code) => reject(new Error(`reaper instance exited (${code})`)));
    });
  return next().then(() => ({
    go: async () => {
      child.stdin.write("go\n");
      return JSON.parse(await next()) as { reaped: number; settled: number; ms: number; cpuMs: number };
    },
  }));
}

async function run(instances: number, grants: number, landed: number, concurrency: string): Promise<Run> {
  const target = await seed(grants, landed);
  try {
    const env = {
      DATABASE_URL: target.url,
      S3_ENDPOINT: TEST_S3.endpoint,
      S3_ACCESS_KEY_ID: TEST_S3.accessKeyId,
      S3_SECRET_ACCESS_KEY: TEST_S3.secretAccessKey,
      S3_BUCKET: target.bucket,
      REAP_GRACE_SECONDS: "0",
      REAP_INTERVAL_SECONDS: "0",
      REAP_CONCURRENCY: concurrency,
      LOG_LEVEL: "warn",
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    };
    const started = await Promise.all(Array.from({ length: instances }, () => startInstance(env)));
    const t0 = performance.now();
    const results = await Promise.all(started.map((i) => i.go()));
    const seconds = (performance.now() - t0) / 1000;
    const reaped = results.reduce((n, r) => n + r.reaped, 0);
    const settled = results.reduce((n, r) => n + r.settled, 0);
    const cpuMs = results.reduce((n, r) => n + r.cpuMs, 0);
    if (reaped + settled !== grants) throw new Error(`${instances} instance(s) settled ${reaped + settled} of ${grants} grants`);
    return { instances, grants, seconds, reaped, settled, cpuMs };
  } finally {
    await target.drop();
  }
}

async function main() {
  const { values } = parseArgs({
    options: {
      grants: { type: "string", default: "2000" },
      landed: { type: "string", default: "0.1" },
      concurrency: { type: "string", default: "16" },
      rounds: { type: "string", default: "1" },
      // `npm run bench -- --all` passes every extra bench its run length; this one times a fixed amount of work.
      seconds: { type: "string" },
    },
  });
  const [grants, landed, rounds] = [Number(values.grants), Number(values.landed), Number(values.rounds)];
  const runs: Run[] = [];
  for (let round = 0; round < rounds; round++)
    for (const instances of [1, 2]) runs.push(await run(instances, grants, landed, values.concurrency));
  const rate = (r: Run) => r.grants / r.seconds;
  const best = (n: number) => runs.filter((r) => r.instances === n).reduce((a, b) => (rate(a) >= rate(b) ? a : b));
  const [one, two] = [best(1), best(2)];
  const row = (r: Run) =>
    `| ${r.instances} | ${r.grants} | ${r.reaped} | ${r.settled} | ${r.seconds.toFixed(2)} | ${Math.round(rate(r))} | ${(r.cpuMs / r.grants).toFixed(1)} |`;
  const judge = (value: number, target: number, unit: string) =>
    `${value.toFixed(value >= 10 ? 0 : 2)}${unit} (target ≥ ${target}${unit}: ${value >= target ? "met" : "**NOT met**"})`;
  process.stdout.write(
    [
      "## Reaper: expired upload grants per second, one instance and two (npm run bench:reaper)",
      "",
      `Reaper on PostgreSQL and the test RGW (${TEST_S3.endpoint}), REAP_CONCURRENCY=${values.concurrency}, ${Math.round(landed * 100)} % with bytes landed; best of ${rounds}.`,
      "",
      "| instances | expired grants | expired | settled from landed bytes | seconds | grants/s | reaper CPU ms/grant |",
      "|---:|---:|---:|---:|---:|---:|---:|",
      row(one),
      row(two),
      "",
      `One instance: ${judge(rate(one), 200, " grants/s")}; two instances / one: ${judge(rate(two) / rate(one), 1.6, "×")}.`,
      "",
    ].join("\n"),
  );
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
