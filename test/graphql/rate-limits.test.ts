import { MyObjectsDocument, RequestDownloadsDocument } from "../../client/generated/graphql";
import { refusingEndpoint, silentEndpoint, type FaultyEndpoint } from "../support/fault-servers";
import { startInProcessApp, type InProcessApp } from "../support/in-process";
import { quotasFile, recordedGrants, requestAvatar, storePng } from "../support/limits";
import { tokenFor } from "../support/tokens";

const codeOf = (res: { errors?: Array<{ extensions?: { code?: string } }> }) => res.errors?.[0]?.extensions?.code;

describe("upload grant rate limit", () => {
  let t: InProcessApp;
  beforeEach(async () => {
    t = await startInProcessApp({ RATE_LIMIT_UPLOADS_PER_MINUTE: "2" });
  });
  afterEach(() => t.close());

  it("refuses a viewer's third upload grant in a minute with RATE_LIMITED and retryAfter, recording nothing", async () => {
    const alice = await tokenFor("alice");
    for (let i = 0; i < 2; i++) expect((await requestAvatar(t, alice)).data?.requestUpload).toBeTruthy();
    const refused = await requestAvatar(t, alice);
    expect(refused.data).toBeNull();
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: "RATE_LIMITED", limit: 2 });
    const retryAfter = refused.errors?.[0]?.extensions?.retryAfter as number;
    expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60).toBe(true);
    expect(await recordedGrants(t, "alice", "UPLOAD")).toBe(2);
  });

  it("keeps a separate budget per viewer", async () => {
    const [alice, bob] = await Promise.all([tokenFor("alice"), tokenFor("bob")]);
    for (let i = 0; i < 2; i++) await requestAvatar(t, alice);
    expect(codeOf(await requestAvatar(t, alice))).toBe("RATE_LIMITED");
    expect((await requestAvatar(t, bob)).data?.requestUpload).toBeTruthy();
  });

  it("counts an upload refused by a quota: a client retrying QUOTA_EXCEEDED in a loop is slowed down", async () => {
    const quotas = quotasFile({ default: { outstandingUploads: 0, pendingBytes: null, storedBytes: null } });
    const tight = await startInProcessApp({ RATE_LIMIT_UPLOADS_PER_MINUTE: "2", QUOTAS_FILE: quotas });
    try {
      const alice = await tokenFor("alice");
      const codes = [];
      for (let i = 0; i < 3; i++) codes.push(codeOf(await requestAvatar(tight, alice)));
      expect(codes).toEqual(["QUOTA_EXCEEDED", "QUOTA_EXCEEDED", "RATE_LIMITED"]);
    } finally {
      await tight.close();
    }
  });
});

describe("download grant rate limit", () => {
  let t: InProcessApp;
  let alice: string;
  let key: string;
  beforeEach(async () => {
    t = await startInProcessApp({ RATE_LIMIT_DOWNLOADS_PER_MINUTE: "5" });
    alice = await tokenFor("alice");
    key = await storePng(t, alice);
  });
  afterEach(() => t.close());

  const batch = (keys: string[]) => t.gql(RequestDownloadsDocument, { keys }, alice);

  it("counts grants, not requests: each granted key takes a point, a NOT_FOUND key none", async () => {
    const missing = "users/alice/avatar/missing.png";
    expect((await batch([key, key, missing, missing])).data?.requestDownloads.filter(Boolean)).toHaveLength(2);
    const refused = await batch([key, key, key, key]);
    expect(refused.data).toBeNull();
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: "RATE_LIMITED", limit: 5 });
    expect(await recordedGrants(t, "alice", "DOWNLOAD")).toBe(2);
    // The refused batch took nothing: the remaining three still fit.
    expect((await batch([key, key, key])).data?.requestDownloads).toHaveLength(3);
    expect(await recordedGrants(t, "alice", "DOWNLOAD")).toBe(5);
  });

  it("takes a point per downloadUrl, and nulls the field with RATE_LIMITED at its path once the budget is spent", async () => {
    await batch([key, key, key, key]);
    const page = await t.gql(MyObjectsDocument, { first: 10 }, alice);
    expect(page.data?.myObjects.nodes[0]?.downloadUrl).toMatch(/^http/);
    const spent = await t.gql(MyObjectsDocument, { first: 10 }, alice);
    expect(spent.data?.myObjects.nodes).toEqual([expect.objectContaining({ key, downloadUrl: null })]);
    expect(spent.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([
      [["myObjects", "nodes", 0, "downloadUrl"], "RATE_LIMITED"],
    ]);
    expect(await recordedGrants(t, "alice", "DOWNLOAD")).toBe(5);
  });

  it("refuses a batch larger than a minute's budget as REQUEST_TOO_LARGE", async () => {
    const res = await batch(Array.from({ length: 6 }, () => key));
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: "REQUEST_TOO_LARGE", limit: 5, requested: 6 });
    expect(await recordedGrants(t, "alice", "DOWNLOAD")).toBe(0);
  });
});

describe("rate limits when Redis does not answer (fail open, per instance, never waiting long)", () => {
  let silent: FaultyEndpoint;
  beforeAll(async () => {
    silent = await silentEndpoint();
  });
  afterAll(() => silent.close());

  test.each([
    ["refuses connections", async () => (await refusingEndpoint()).replace("http:", "redis:")],
    ["accepts connections and never answers", async () => silent.url.replace("http:", "redis:")],
  ])("keeps issuing and limiting grants with this instance's own counters when Redis %s", async (_label, redisUrl) => {
    const reported: unknown[] = [];
    const logger = { debug() {}, info() {}, warn() {}, error: (_m: string, e: unknown) => reported.push(e) };
    const t = await startInProcessApp(
      { REDIS_URL: await redisUrl(), REDIS_TIMEOUT_MS: "200", RATE_LIMIT_UPLOADS_PER_MINUTE: "2" },
      { logger },
    );
    try {
      const alice = await tokenFor("alice");
      const started = Date.now();
      const results = [];
      for (let i = 0; i < 3; i++) results.push(await requestAvatar(t, alice));
      // Without the bound, a silent Redis holds each grant until jest's own 30 s timeout. The margin
      // over 3 × 200 ms is wide on purpose: a busy machine (CI, Stryker) took 2–4 s here.
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(results.map((r) => (r.data?.requestUpload ? "granted" : codeOf(r)))).toEqual(["granted", "granted", "RATE_LIMITED"]);
      await new Promise((r) => setTimeout(r, 700)); // several reconnect attempts
      expect(reported.filter((e) => String(e).includes("Redis is unavailable"))).toHaveLength(1);
    } finally {
      await t.close();
    }
  });
});
