import { randomBytes } from "node:crypto";
import { CreateShareLinkDocument, ObjectLinksDocument, RevokeShareLinkDocument } from "../../client/generated/graphql";
import { dataOf, startTestApp, testConfig, type TestApp } from "../support/harness";
import { bannerInput, getRoute, linkPath, profilesWithPublic } from "../support/links";
import { testRedis, TEST_REDIS_URL, uniquePrefix } from "../support/redis";
import { openTestDatabase, type TestDatabase } from "../support/store/databases";
import { tokenFor } from "../support/tokens";
import { pngBytes, uploadDocument, uploadFile } from "../support/uploads";

const ATTEMPTS_PER_MINUTE = 20;

// Share links and public objects end to end: two instances over one PostgreSQL registry, one Redis
// (the attempt limits) and one bucket on the RGW; clients behind one trusted proxy, each test
// naming its own client address.
describe("share links on Ceph, two instances", () => {
  let testDb: TestDatabase;
  let redis: Awaited<ReturnType<typeof testRedis>>;
  const prefix = uniquePrefix();
  let a: TestApp;
  let b: TestApp;
  let alice: string;
  let doc: string;
  let client = 0;
  const address = () => `203.0.113.${++client}`;

  beforeAll(async () => {
    testDb = await openTestDatabase("postgres");
    redis = await testRedis();
    const env = {
      REDIS_URL: TEST_REDIS_URL,
      REDIS_KEY_PREFIX: prefix,
      DATABASE_URL: testDb.url,
      S3_BUCKET: `valet-links-${randomBytes(4).toString("hex")}`,
      PROFILES_FILE: profilesWithPublic(),
      TRUST_PROXY_HOPS: "1",
      SHARE_LINK_ATTEMPTS_PER_MINUTE: String(ATTEMPTS_PER_MINUTE),
    };
    a = await startTestApp(testConfig(env));
    b = await startTestApp(testConfig({ ...env, S3_ENSURE_BUCKET: "false" }));
    alice = await tokenFor("alice");
    doc = await uploadDocument(a, alice, "the shared notes\n");
  }, 60_000);
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await redis?.forget(prefix);
    redis?.close();
    await testDb?.dispose();
  });

  const link = async (input: { maxDownloads?: number } = {}) =>
    dataOf(await a.gql(CreateShareLinkDocument, { input: { key: doc, ...input } }, alice)).createShareLink;
  const open = (on: TestApp, url: string, from = address()) => getRoute(on, linkPath(url), from);
  const follow = async (res: Response) => fetch(res.headers.get("location")!);

  it("redirects a link, made on A, from B to a presigned GET that serves the bytes as an attachment", async () => {
    const res = await open(b, (await link()).url!);
    expect(res.status).toBe(302);
    const got = await follow(res);
    expect(got.status).toBe(200);
    expect(got.headers.get("content-disposition")).toMatch(/^attachment; filename="notes\.txt"/);
    expect(await got.text()).toBe("the shared notes\n");
  });

  it("serves maxDownloads uses, then 404 for a replay of the link on either instance", async () => {
    const made = await link({ maxDownloads: 2 });
    for (const on of [a, b]) expect((await follow(await open(on, made.url!))).status).toBe(200);
    for (const on of [a, b, a]) expect((await open(on, made.url!)).status).toBe(404);
  });

  it("stops a link revoked through A at its next use through B", async () => {
    const made = await link();
    expect((await open(b, made.url!)).status).toBe(302);
    await a.gql(RevokeShareLinkDocument, { id: made.id }, alice);
    expect((await open(b, made.url!)).status).toBe(404);
  });

  test.each([
    ["the disposition", "response-content-disposition", "inline"],
    ["the served type", "response-content-type", "text/html"],
    ["the lifetime", "X-Amz-Expires", "3600"],
    ["the version", "versionId", "other-version"],
    ["the signature", "X-Amz-Signature", "0".repeat(64)],
  ])("has S3 refuse the redirect's URL with %s changed (403)", async (_label, param, value) => {
    const target = new URL((await open(a, (await link()).url!)).headers.get("location")!);
    target.searchParams.set(param, value);
    expect((await fetch(target)).status).toBe(403);
  });

  it("answers a guesser 404s, then 429 with Retry-After, counting on both instances; another address still gets its 404", async () => {
    const guesser = address();
    const statuses: number[] = [];
    for (let i = 0; i <= ATTEMPTS_PER_MINUTE; i++) {
      statuses.push((await getRoute(i % 2 ? a : b, `/s/${randomBytes(32).toString("base64url")}`, guesser)).status);
    }
    expect(statuses).toEqual([...Array(ATTEMPTS_PER_MINUTE).fill(404), 429]);
    const limited = await getRoute(a, "/s/x", guesser);
    expect([limited.status, Number(limited.headers.get("retry-after")) > 0]).toEqual([429, true]);
    expect((await getRoute(a, "/s/x", address())).status).toBe(404);
  });

  it("redirects anyone to a public object's cacheable URL, which S3 serves with Cache-Control public", async () => {
    const key = await uploadFile(a, alice, bannerInput(), pngBytes(64));
    const publicUrl = dataOf(await a.gql(ObjectLinksDocument, { key }, alice)).object!.publicUrl!;
    const res = await getRoute(b, new URL(publicUrl).pathname);
    expect(res.status).toBe(302);
    const got = await follow(res);
    expect(got.status).toBe(200);
    expect(got.headers.get("cache-control")).toMatch(/^public, max-age=\d+$/);
    expect(new Uint8Array(await got.arrayBuffer())).toEqual(pngBytes(64));
  });
});
