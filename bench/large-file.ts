/**
 * Large-file row of `npm run bench`: one file of `mib` MiB through a MULTIPART grant (parts in
 * parallel) and through a single PUT grant, against an RGW of its own (memstore, sized for the
 * file, removed afterwards, so it never fills the tests' RGW). The bench process is the client
 * (fetch, as @valet/client in Node); Valet runs in the same process on loopback. Reports MB/s over
 * the whole upload (grant → bytes → completeUpload) and the part of it spent in Valet's own calls.
 */
import { execFileSync } from "node:child_process";
import { randomFillSync } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { startTestApp, testConfig, type TestApp } from "../test/support/harness";
import { benchToken } from "./operations";
import { BENCH_JWT_SECRET } from "./servers/settings";

export interface LargeFileResult {
  method: "MULTIPART" | "PUT";
  mib: number;
  parallel: number;
  partSize: number | null;
  partCount: number | null;
  totalMs: number;
  /** requestUpload, signUploadParts and completeUpload as the client waited for them. */
  valetMs: { grant: number; sign: number; complete: number };
}

interface Part {
  partNumber: number;
  url: string;
  headers: Array<{ name: string; value: string }>;
}

// A PNG signature, an IHDR chunk and the header of one IDAT chunk holding the rest: the completion
// check sniffs a PNG (it stops reading at IDAT); the filler after it is never decoded.
function pngHeader(total: number): Buffer {
  const ihdr = Buffer.from([0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0, 0, 0, 0, 0]);
  const idat = Buffer.from([0, 0, 0, 0, 0x49, 0x44, 0x41, 0x54]);
  const head = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), ihdr, idat]);
  head.writeUInt32BE(total - head.length, head.length - 8);
  return head;
}

export async function runLargeFileBench({ mib, parallel }: { mib: number; parallel: number }): Promise<LargeFileResult[]> {
  const root = resolve(__dirname, "..");
  const ceph = (...args: string[]) =>
    execFileSync("bash", [join(root, "scripts/ceph.sh"), ...args], {
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...process.env, CEPH_MEMSTORE_BYTES: String(4 * mib * 1024 ** 2 + 2 * 1024 ** 3) },
    });
  ceph("up", "--dir", join(root, ".ceph/bench"), "--store", "memstore", "--port", String(BENCH_RGW_PORT));
  try {
    return await runAgainstRgw(mib, parallel, `http://127.0.0.1:${BENCH_RGW_PORT}`);
  } finally {
    ceph("down", "--dir", join(root, ".ceph/bench"));
  }
}

const BENCH_RGW_PORT = 7482;

async function runAgainstRgw(mib: number, parallel: number, endpoint: string): Promise<LargeFileResult[]> {
  const dir = mkdtempSync(join(tmpdir(), "valet-large-"));
  const profiles = join(dir, "profiles.json");
  writeFileSync(
    profiles,
    JSON.stringify({
      large: {
        contentTypes: ["image/png"],
        maxBytes: 5 * 1024 ** 4,
        defaultExpiresIn: 3600,
        maxExpiresIn: 3600,
        keyTemplate: "users/{sub}/large/{uuid}{ext}",
      },
    }),
  );
  const app = await startTestApp(
    testConfig({ S3_ENDPOINT: endpoint, PROFILES_FILE: profiles, AUTH_JWT_SECRET: BENCH_JWT_SECRET, NODE_ENV: "production" }),
  );
  const token = await benchToken("large-file-bench");
  const file = Buffer.allocUnsafe(mib * 1024 ** 2);
  const block = randomFillSync(Buffer.alloc(1024 ** 2));
  for (let at = 0; at < file.length; at += block.length) block.copy(file, at);
  pngHeader(file.length).copy(file, 0);
  try {
    const warm = Buffer.from(file.subarray(0, 1024 ** 2));
    pngHeader(warm.length).copy(warm, 0);
    await put(app, token, warm); // warm-up: first GraphQL request, first S3 connections
    return [await multipart(app, token, file, parallel), await put(app, token, file)];
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function multipart(app: TestApp, token: string, file: Buffer, parallel: number): Promise<LargeFileResult> {
  const started = performance.now();
  const [grant, grantMs] = await call<{ requestUpload: { id: string; partSize: number; partCount: number } }>(
    app,
    token,
    "mutation($i: RequestUploadInput!) { requestUpload(input: $i) { id ... on MultipartUploadGrant { partSize partCount } } }",
    { i: input(file, "MULTIPART") },
  );
  const { id, partSize, partCount } = grant.requestUpload;
  const numbers = Array.from({ length: partCount }, (_, i) => i + 1);
  let signMs = 0;
  const parts: Part[] = [];
  for (let i = 0; i < numbers.length; i += 1000) {
    const [signed, ms] = await call<{ signUploadParts: Part[] }>(
      app,
      token,
      "mutation($g: ID!, $n: [Int!]!) { signUploadParts(grantId: $g, partNumbers: $n) { partNumber url headers { name value } } }",
      { g: id, n: numbers.slice(i, i + 1000) },
    );
    signMs += ms;
    parts.push(...signed.signUploadParts);
  }
  let next = 0;
  const worker = async () => {
    while (next < parts.length) {
      const part = parts[next++];
      const body = file.subarray((part.partNumber - 1) * partSize, Math.min(file.length, part.partNumber * partSize));
      await send(part.url, part.headers, body);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  const completeMs = await complete(app, token, id);
  const totalMs = performance.now() - started;
  return {
    method: "MULTIPART",
    mib: file.length / 1024 ** 2,
    parallel,
    partSize,
    partCount,
    totalMs,
    valetMs: { grant: grantMs, sign: signMs, complete: completeMs },
  };
}

async function put(app: TestApp, token: string, file: Buffer): Promise<LargeFileResult> {
  const started = performance.now();
  const [grant, grantMs] = await call<{ requestUpload: { id: string; url: string; headers: Part["headers"] } }>(
    app,
    token,
    "mutation($i: RequestUploadInput!) { requestUpload(input: $i) { id ... on PutUploadGrant { url headers { name value } } } }",
    { i: input(file, "PUT") },
  );
  await send(grant.requestUpload.url, grant.requestUpload.headers, file);
  const completeMs = await complete(app, token, grant.requestUpload.id);
  const totalMs = performance.now() - started;
  return {
    method: "PUT",
    mib: file.length / 1024 ** 2,
    parallel: 1,
    partSize: null,
    partCount: null,
    totalMs,
    valetMs: { grant: grantMs, sign: 0, complete: completeMs },
  };
}

const input = (file: Buffer, method: string) => ({
  profile: "large",
  filename: "large.png",
  contentType: "image/png",
  size: file.length,
  method,
});

async function complete(app: TestApp, token: string, grantId: string): Promise<number> {
  const [done, ms] = await call<{ completeUpload: { state: string; key: string } }>(
    app,
    token,
    "mutation($g: ID!) { completeUpload(grantId: $g) { state key } }",
    { g: grantId },
  );
  if (done.completeUpload.state !== "AVAILABLE") throw new Error(`large file not AVAILABLE: ${JSON.stringify(done)}`);
  await call(app, token, "mutation($k: String!) { deleteObject(key: $k) }", { k: done.completeUpload.key });
  return ms;
}

async function send(url: string, headers: Part["headers"], body: Buffer): Promise<void> {
  // fetch sets Content-Length from the body; the signed value is the same number.
  const sent = Object.fromEntries(headers.filter((h) => h.name.toLowerCase() !== "content-length").map((h) => [h.name, h.value]));
  const res = await fetch(url, { method: "PUT", headers: sent, body });
  if (!res.ok) throw new Error(`PUT ${res.status}: ${(await res.text()).slice(0, 300)}`);
}

/** One GraphQL call (the harness's) and how long the client waited for it (ms). */
async function call<T>(app: TestApp, token: string, query: string, variables: Record<string, unknown>): Promise<[T, number]> {
  const started = performance.now();
  const res = await app.gql<T>(query, variables, token);
  const ms = performance.now() - started;
  if (!res.data || res.errors) throw new Error(`large-file bench call failed: ${JSON.stringify(res).slice(0, 400)}`);
  return [res.data, ms];
}

export function formatLargeFileTable(results: LargeFileResult[]): string {
  const f = (n: number) => n.toFixed(1);
  return [
    "| method | file | parts | total s | MB/s | Valet: grant ms | Valet: sign parts ms | Valet: complete ms | Valet share |",
    "|---|---:|---|---:|---:|---:|---:|---:|---:|",
    ...results.map((r) => {
      const valet = r.valetMs.grant + r.valetMs.sign + r.valetMs.complete;
      const parts =
        r.partCount === null ? "one PUT" : `${r.partCount} × ${r.partSize! / 1024 ** 2} MiB, ${r.parallel} in parallel`;
      const mb = (r.mib * 1024 ** 2) / 1e6;
      return `| ${r.method} | ${r.mib} MiB | ${parts} | ${f(r.totalMs / 1000)} | ${f(mb / (r.totalMs / 1000))} | ${f(r.valetMs.grant)} | ${f(r.valetMs.sign)} | ${f(r.valetMs.complete)} | ${((100 * valet) / r.totalMs).toFixed(2)} % |`;
    }),
  ].join("\n");
}
