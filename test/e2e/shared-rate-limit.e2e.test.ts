import { RequestDownloadsDocument } from "../../client/generated/graphql";
import { startInProcessApp, type InProcessApp } from "../support/in-process";
import { recordedGrants, requestAvatar, storePng } from "../support/limits";
import { freezableRedisProxy, testRedis, TEST_REDIS_URL, uniquePrefix } from "../support/redis";
import { tokenFor } from "../support/tokens";

const codeOf = (res: { errors?: Array<{ extensions?: { code?: string } }> }) => res.errors?.[0]?.extensions?.code;
const granted = (res: { data: { requestUpload: unknown } | null }) => (res.data?.requestUpload ? "granted" : undefined);

describe("rate limits shared by several instances through one Redis", () => {
  let redis: Awaited<ReturnType<typeof testRedis>>;
  let prefix: string;
  const apps: InProcessApp[] = [];
  const start = async (env: Record<string, string>) => {
    // A generous timeout: under a loaded test machine a short one would send counts to memory (failing open).
    const app = await startInProcessApp({
      REDIS_URL: TEST_REDIS_URL,
      REDIS_KEY_PREFIX: prefix,
      REDIS_TIMEOUT_MS: "3000",
      ...env,
    });
    apps.push(app);
    return app;
  };

  beforeAll(async () => {
    redis = await testRedis();
  });
  afterAll(() => redis.close());
  beforeEach(() => {
    prefix = uniquePrefix();
  });
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((a) => a.close()));
    await redis.forget(prefix);
  });

  it("spends one viewer's upload budget across both instances, and keeps it in Redis", async () => {
    const [a, b] = await Promise.all([0, 1].map(() => start({ RATE_LIMIT_UPLOADS_PER_MINUTE: "3" })));
    const alice = await tokenFor("alice");
    expect(granted(await requestAvatar(a, alice))).toBe("granted");
    expect(granted(await requestAvatar(a, alice))).toBe("granted");
    expect(granted(await requestAvatar(b, alice))).toBe("granted");
    expect(codeOf(await requestAvatar(b, alice))).toBe("RATE_LIMITED");
    expect(codeOf(await requestAvatar(a, alice))).toBe("RATE_LIMITED");
    expect(await recordedGrants(a, "alice", "UPLOAD")).toBe(2);
    expect(await recordedGrants(b, "alice", "UPLOAD")).toBe(1);
    expect(await redis.client.get(`${prefix}:grants:upload:alice`)).toBe("3");
  });

  it("counts download grants from either instance against the same budget", async () => {
    const [a, b] = await Promise.all([0, 1].map(() => start({ RATE_LIMIT_DOWNLOADS_PER_MINUTE: "4" })));
    const alice = await tokenFor("alice");
    const [onA, onB] = [await storePng(a, alice), await storePng(b, alice)];
    expect((await a.gql(RequestDownloadsDocument, { keys: [onA, onA, onA] }, alice)).data?.requestDownloads).toHaveLength(3);
    expect(codeOf(await b.gql(RequestDownloadsDocument, { keys: [onB, onB] }, alice))).toBe("RATE_LIMITED");
    expect((await b.gql(RequestDownloadsDocument, { keys: [onB] }, alice)).data?.requestDownloads).toHaveLength(1);
    expect(codeOf(await a.gql(RequestDownloadsDocument, { keys: [onA] }, alice))).toBe("RATE_LIMITED");
  });

  it("does not share budgets between instances with different key prefixes", async () => {
    const a = await start({ RATE_LIMIT_UPLOADS_PER_MINUTE: "1" });
    const other = uniquePrefix();
    const b = await start({ RATE_LIMIT_UPLOADS_PER_MINUTE: "1", REDIS_KEY_PREFIX: other });
    const alice = await tokenFor("alice");
    try {
      expect(granted(await requestAvatar(a, alice))).toBe("granted");
      expect(granted(await requestAvatar(b, alice))).toBe("granted");
      expect(codeOf(await requestAvatar(a, alice))).toBe("RATE_LIMITED");
    } finally {
      await redis.forget(other);
    }
  });

  it("takes a prefix written with a trailing colon as the same prefix: one colon in every key", async () => {
    const [a, b] = await Promise.all([
      start({ RATE_LIMIT_UPLOADS_PER_MINUTE: "2" }),
      start({ RATE_LIMIT_UPLOADS_PER_MINUTE: "2", REDIS_KEY_PREFIX: `${prefix}:` }),
    ]);
    const alice = await tokenFor("alice");
    expect(granted(await requestAvatar(a, alice))).toBe("granted");
    expect(granted(await requestAvatar(b, alice))).toBe("granted");
    expect(codeOf(await requestAvatar(b, alice))).toBe("RATE_LIMITED");
    expect(await redis.client.keys(`${prefix}:*`)).toEqual([`${prefix}:grants:upload:alice`]);
  });

  it("falls back to the instance's own counters within the timeout when Redis stops answering", async () => {
    const proxy = await freezableRedisProxy();
    try {
      const a = await start({ REDIS_URL: proxy.url, REDIS_TIMEOUT_MS: "1000", RATE_LIMIT_UPLOADS_PER_MINUTE: "2" });
      const alice = await tokenFor("alice");
      expect(granted(await requestAvatar(a, alice))).toBe("granted");
      expect(await redis.client.get(`${prefix}:grants:upload:alice`)).toBe("1");
      proxy.freeze();
      const started = Date.now();
      const results = [await requestAvatar(a, alice), await requestAvatar(a, alice), await requestAvatar(a, alice)];
      expect(Date.now() - started).toBeLessThan(3 * 1000 + 1500);
      // The in-memory counters start from zero: an outage can allow up to one extra budget per instance.
      expect(results.map((r) => granted(r) ?? codeOf(r))).toEqual(["granted", "granted", "RATE_LIMITED"]);
    } finally {
      await proxy.close();
    }
  });
});
