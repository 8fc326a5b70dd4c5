import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import {
  CompleteUploadDocument,
  ObjectDocument,
  RequestDownloadDocument,
  RequestUploadDocument,
  RevokeGrantDocument,
} from "../../client/generated/graphql";
import { TEST_S3 } from "../support/ceph";
import { postGraphQL, type RawAnswer } from "../support/child-app";
import { quotasFile } from "../support/limits";
import { avatarInput } from "../support/operations";
import { testRedis, TEST_REDIS_URL, uniquePrefix } from "../support/redis";
import { openTestDatabase, type TestDatabase } from "../support/store/databases";
import { tokenFor } from "../support/tokens";
import { pngBytes, postUpload } from "../support/uploads";
import { linesWithSecrets, startValetProcess, type ValetProcess } from "../support/valet-process";

const SECRET = `valet-instances-${randomBytes(16).toString("hex")}`;
const codeOf = (res: RawAnswer<unknown>) => res.errors?.[0]?.extensions?.code;

// Two API processes (main.ts, as deployed) on their own ports over one PostgreSQL registry, one
// Redis and one bucket on the RGW: whatever a client does through either must hold on both.
describe("two instances as one", () => {
  let testDb: TestDatabase;
  let redis: Awaited<ReturnType<typeof testRedis>>;
  let a: ValetProcess;
  let b: ValetProcess;
  const prefix = uniquePrefix();
  const secrets: string[] = [SECRET, TEST_S3.secretAccessKey];
  const token = async (sub: string, roles = ["user"]) => {
    const t = await tokenFor(sub, roles, { key: new TextEncoder().encode(SECRET) });
    secrets.push(t);
    return t;
  };
  // Every signature an answer carried, so the log scan can look for each one verbatim.
  const gql = async <T>(on: ValetProcess, doc: Parameters<typeof postGraphQL>[1], vars: Record<string, unknown>, t: string) => {
    const res = await postGraphQL<T>(on.url, doc, vars, { authorization: `Bearer ${t}` });
    for (const m of res.text.matchAll(/(?:X-Amz-Signature=|"x-amz-signature","value":")([0-9a-f]{64})/gi)) secrets.push(m[1]);
    return res;
  };
  type Upload = {
    requestUpload: { __typename: string; id: string; key: string; url?: string; fields?: Array<{ name: string; value: string }> };
  };

  beforeAll(async () => {
    testDb = await openTestDatabase("postgres");
    redis = await testRedis();
    const env = {
      AUTH_JWT_SECRET: SECRET,
      DATABASE_URL: testDb.url,
      REDIS_URL: TEST_REDIS_URL,
      REDIS_KEY_PREFIX: prefix,
      REDIS_TIMEOUT_MS: "3000",
      S3_ENDPOINT: TEST_S3.endpoint,
      S3_ACCESS_KEY_ID: TEST_S3.accessKeyId,
      S3_SECRET_ACCESS_KEY: TEST_S3.secretAccessKey,
      S3_BUCKET: `valet-instances-${randomBytes(4).toString("hex")}`,
      S3_ENSURE_BUCKET: "true",
      // Creating a versioned bucket on a busy single-node Ceph can take longer than the default 4 s.
      S3_REQUEST_TIMEOUT_MS: "15000",
      RATE_LIMIT_UPLOADS_PER_MINUTE: "4",
      RATE_LIMIT_DOWNLOADS_PER_MINUTE: "0",
      // `bulk` viewers have no outstanding-upload quota, so the rate limit is what stops them.
      QUOTAS_FILE: quotasFile({
        default: { outstandingUploads: 2, pendingBytes: null, storedBytes: null },
        bulk: { outstandingUploads: null, pendingBytes: null, storedBytes: null },
      }),
      REAP_INTERVAL_SECONDS: "0",
      LOG_LEVEL: "debug",
    };
    a = await startValetProcess(env, { timeoutMs: 80_000 });
    b = await startValetProcess(env, { timeoutMs: 80_000 });
  }, 170_000);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await redis?.forget(prefix);
    redis?.close();
    await testDb?.dispose();
  });

  it("uploads through A, completes through B, downloads through A", async () => {
    const alice = await token("alice");
    const g = (await gql<Upload>(a, RequestUploadDocument, { input: avatarInput() }, alice)).data!.requestUpload;
    expect((await postUpload(g, pngBytes(64))).status).toBe(204);
    const done = await gql<{ completeUpload: { state: string } }>(b, CompleteUploadDocument, { grantId: g.id }, alice);
    expect(done.data?.completeUpload.state).toBe("AVAILABLE");
    const dl = await gql<{ requestDownload: { url: string } }>(a, RequestDownloadDocument, { input: { key: g.key } }, alice);
    const got = await fetch(dl.data!.requestDownload.url);
    expect(got.status).toBe(200);
    expect(new Uint8Array(await got.arrayBuffer())).toEqual(pngBytes(64));
  });

  it("holds a revocation made through A at once on B", async () => {
    const alice = await token("alice");
    const admin = await token("root", ["admin"]);
    const g = (await gql<Upload>(b, RequestUploadDocument, { input: avatarInput() }, alice)).data!.requestUpload;
    expect((await postUpload(g, pngBytes(64))).status).toBe(204);
    expect((await gql(a, RevokeGrantDocument, { id: g.id }, admin)).errors).toBeUndefined();
    const refused = await gql(b, CompleteUploadDocument, { grantId: g.id }, alice);
    expect(codeOf(refused)).toBe("FORBIDDEN");
    const object = await gql<{ object: { state: string } | null }>(b, ObjectDocument, { key: g.key }, alice);
    expect(object.data?.object?.state).toBe("REJECTED");
  });

  it("shares one viewer's upload rate budget between the instances (Redis)", async () => {
    const carol = await token("carol", ["user", "bulk"]);
    const ask = (on: ValetProcess) => gql<Upload>(on, RequestUploadDocument, { input: avatarInput() }, carol);
    const granted = [await ask(a), await ask(b), await ask(a), await ask(b)];
    expect(granted.map((r) => r.errors)).toEqual([undefined, undefined, undefined, undefined]);
    expect(codeOf(await ask(a))).toBe("RATE_LIMITED");
    expect(codeOf(await ask(b))).toBe("RATE_LIMITED");
    for (const p of [a, b]) expect(await limitRejections(p.port, "uploadsPerMinute")).toBe(1);
  });

  it("counts one viewer's outstanding uploads against the quota on both instances (the registry)", async () => {
    const dave = await token("dave");
    const ask = (on: ValetProcess) => gql<Upload>(on, RequestUploadDocument, { input: avatarInput() }, dave);
    expect((await ask(a)).errors).toBeUndefined();
    expect((await ask(b)).errors).toBeUndefined();
    expect(codeOf(await ask(a))).toBe("QUOTA_EXCEEDED");
    expect(codeOf(await ask(b))).toBe("QUOTA_EXCEEDED");
    for (const p of [a, b]) expect(await limitRejections(p.port, "outstandingUploads")).toBe(1);
  });

  it("group-commits concurrent download grants on PostgreSQL: every one recorded, several per write", async () => {
    const erin = await token("erin");
    const g = (await gql<Upload>(b, RequestUploadDocument, { input: avatarInput() }, erin)).data!.requestUpload;
    expect((await postUpload(g, pngBytes(64))).status).toBe(204);
    expect((await gql(a, CompleteUploadDocument, { grantId: g.id }, erin)).errors).toBeUndefined();
    const before = await Promise.all([a, b].map((p) => groupCommitBatches(p.port)));
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) => gql(i % 2 ? a : b, RequestDownloadDocument, { input: { key: g.key } }, erin)),
    );
    expect(answers.filter((r) => r.errors)).toEqual([]);
    const { rows } = await sql<{
      n: string;
    }>`select count(*) as n from grants where viewer_id = 'erin' and kind = 'download'`.execute(testDb.database.db);
    expect(Number(rows[0].n)).toBe(40);
    const after = await Promise.all([a, b].map((p) => groupCommitBatches(p.port)));
    const [writes, items] = after.reduce(
      ([w, n], x, i) => [w + x.writes - before[i].writes, n + x.items - before[i].items],
      [0, 0],
    );
    expect(items).toBe(40);
    expect(writes).toBeLessThan(items);
  });

  it("writes no token, key or signature into any log line of either instance", async () => {
    await Promise.all([a.stop(), b.stop()]);
    const lines = [...a.lines, ...b.lines];
    expect(lines.filter((l) => l.includes('"operation"')).length).toBeGreaterThanOrEqual(20);
    expect(secrets.length).toBeGreaterThan(40);
    expect(linesWithSecrets(lines, secrets)).toEqual([]);
    // The scan itself finds what it looks for.
    const planted = [`{"authorization":"${secrets[2]}"}`, `{"url":"https://s3/x?X-Amz-Signature=${"ab".repeat(32)}"}`];
    expect(linesWithSecrets([...lines, ...planted], secrets)).toEqual(planted);
  });
});

/** The downloads group commit's write count and grants carried, from an instance's /metrics. */
async function groupCommitBatches(port: number): Promise<{ writes: number; items: number }> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const value = (name: string) => Number(new RegExp(`^${name}\\{commit="downloads"\\} (\\S+)$`, "m").exec(text)?.[1] ?? 0);
  return { writes: value("valet_group_commit_batch_items_count"), items: value("valet_group_commit_batch_items_sum") };
}

/** valet_limit_rejections_total for one limit, from an instance's /metrics. */
async function limitRejections(port: number, limit: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  return Number(new RegExp(`^valet_limit_rejections_total\\{limit="${limit}"\\} (\\S+)$`, "m").exec(text)?.[1] ?? 0);
}
