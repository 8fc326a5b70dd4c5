import { MyUsageDocument } from "../../client/generated/graphql";
import { startInProcessApp, type InProcessApp } from "../support/in-process";
import { quotasFile, recordedGrants, requestAvatar, storePng } from "../support/limits";
import { tokenFor } from "../support/tokens";

const QUOTAS = quotasFile({
  default: { outstandingUploads: 2, pendingBytes: 1000, storedBytes: 1500 },
  staff: { outstandingUploads: 5, pendingBytes: null, storedBytes: 1500 },
});

describe("upload quotas", () => {
  let t: InProcessApp;
  let clock: Date;
  beforeEach(async () => {
    clock = new Date();
    t = await startInProcessApp({ QUOTAS_FILE: QUOTAS }, { now: () => clock });
  });
  afterEach(() => t.close());

  it("refuses an upload beyond the outstanding uploads with QUOTA_EXCEEDED, and records nothing", async () => {
    const alice = await tokenFor("alice");
    for (let i = 0; i < 2; i++) expect((await requestAvatar(t, alice)).data?.requestUpload.key).toBeTruthy();
    const refused = await requestAvatar(t, alice);
    expect(refused.data).toBeNull();
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: "QUOTA_EXCEEDED",
      quota: "outstandingUploads",
      limit: 2,
      usage: 2,
    });
    expect(await recordedGrants(t, "alice", "UPLOAD")).toBe(2);
  });

  it("refuses an upload whose declared size would pass the pending bytes, and allows one that fits", async () => {
    const alice = await tokenFor("alice");
    await requestAvatar(t, alice, 600);
    const refused = await requestAvatar(t, alice, 401);
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: "QUOTA_EXCEEDED",
      quota: "pendingBytes",
      limit: 1000,
      usage: 600,
      requested: 401,
    });
    expect((await requestAvatar(t, alice, 400)).data?.requestUpload).toBeTruthy();
  });

  it("counts stored bytes plus pending bytes against the stored bytes", async () => {
    const staff = await tokenFor("sam", ["staff"]);
    await storePng(t, staff, 1000);
    await requestAvatar(t, staff, 300);
    const refused = await requestAvatar(t, staff, 201);
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: "QUOTA_EXCEEDED",
      quota: "storedBytes",
      limit: 1500,
      usage: 1300,
    });
    expect((await requestAvatar(t, staff, 200)).data?.requestUpload).toBeTruthy();
  });

  it("gives a role's higher limits to its holders only", async () => {
    const staff = await tokenFor("sam", ["staff"]);
    const alice = await tokenFor("alice", ["user"]);
    for (let i = 0; i < 3; i++) await requestAvatar(t, alice);
    for (let i = 0; i < 3; i++) expect((await requestAvatar(t, staff)).data?.requestUpload).toBeTruthy();
    expect(await recordedGrants(t, "alice", "UPLOAD")).toBe(2);
  });

  it("frees an upload's share once its grant expires or it completes", async () => {
    const alice = await tokenFor("alice");
    await storePng(t, alice);
    await requestAvatar(t, alice);
    await requestAvatar(t, alice);
    expect((await requestAvatar(t, alice)).errors?.[0]?.extensions?.code).toBe("QUOTA_EXCEEDED");
    clock = new Date(clock.getTime() + 3601_000); // past the longest avatar grant
    expect((await requestAvatar(t, alice)).data?.requestUpload).toBeTruthy();
  });

  it("lets no two concurrent requests of one viewer pass one check: together they cannot pass the quota", async () => {
    const alice = await tokenFor("alice");
    const results = await Promise.all(Array.from({ length: 6 }, () => requestAvatar(t, alice)));
    const codes = results.map((r) => (r.data?.requestUpload ? "granted" : r.errors?.[0]?.extensions?.code));
    expect(codes.filter((c) => c === "granted")).toHaveLength(2);
    expect(codes.filter((c) => c === "QUOTA_EXCEEDED")).toHaveLength(4);
    expect(await recordedGrants(t, "alice", "UPLOAD")).toBe(2);
  });

  it("admits by the exact usage once grants that fill the counters expire, and counts each upload once in the metrics", async () => {
    const alice = await tokenFor("alice");
    const scrape = async () => (await fetch(t.url.replace("/graphql", "/metrics"))).text();
    const sample = (text: string, series: string) =>
      Number(
        text
          .split("\n")
          .find((l) => l.startsWith(`${series} `))
          ?.slice(series.length + 1) ?? 0,
      );
    const before = await scrape();
    for (let i = 0; i < 2; i++) expect((await requestAvatar(t, alice)).data?.requestUpload.key).toBeTruthy();
    clock = new Date(clock.getTime() + 3601_000); // both grants expired; the reaper has not settled them
    const codes = [];
    for (let i = 0; i < 3; i++) {
      const r = await requestAvatar(t, alice);
      codes.push(r.data?.requestUpload ? "granted" : r.errors?.[0]?.extensions?.code);
    }
    expect(codes).toEqual(["granted", "granted", "QUOTA_EXCEEDED"]);
    expect(await recordedGrants(t, "alice", "UPLOAD")).toBe(4);
    const after = await scrape();
    const moved = (series: string) => sample(after, series) - sample(before, series);
    expect(moved('valet_grants_total{kind="upload",profile="avatar",outcome="issued"}')).toBe(4);
    expect(moved('valet_grants_total{kind="upload",profile="avatar",outcome="QUOTA_EXCEEDED"}')).toBe(1);
  });

  it("keeps each viewer's quota its own under concurrent requests", async () => {
    const [alice, bob] = await Promise.all([tokenFor("alice"), tokenFor("bob")]);
    const results = await Promise.all([0, 1, 2].flatMap(() => [requestAvatar(t, alice), requestAvatar(t, bob)]));
    expect(results.filter((r) => r.data?.requestUpload)).toHaveLength(4);
  });
});

describe("me.usage", () => {
  let t: InProcessApp;
  beforeAll(async () => {
    t = await startInProcessApp({
      QUOTAS_FILE: QUOTAS,
      RATE_LIMIT_UPLOADS_PER_MINUTE: "20",
      RATE_LIMIT_DOWNLOADS_PER_MINUTE: "0",
    });
  });
  afterAll(() => t.close());

  it("shows the viewer its usage and its limits", async () => {
    const alice = await tokenFor("alice");
    await storePng(t, alice, 100);
    await requestAvatar(t, alice, 70);
    const res = await t.gql(MyUsageDocument, {}, alice);
    expect(res.data?.me.usage).toEqual({
      outstandingUploads: 1,
      pendingBytes: 70,
      storedBytes: 100,
      limits: { outstandingUploads: 2, pendingBytes: 1000, storedBytes: 1500, uploadsPerMinute: 20, downloadsPerMinute: null },
    });
  });

  it("shows a role holder the limits of its role, null where unlimited", async () => {
    const res = await t.gql(MyUsageDocument, {}, await tokenFor("sam", ["staff"]));
    expect(res.data?.me.usage?.limits).toMatchObject({ outstandingUploads: 5, pendingBytes: null, storedBytes: 1500 });
  });

  it("is null on anyone but the viewer: an admin reading an object's owner", async () => {
    const alice = await tokenFor("alice");
    const key = await storePng(t, alice);
    const query = "query($key: String!) { object(key: $key) { owner { id usage { storedBytes } } } }";
    const asAdmin = await t.gql<{ object: { owner: unknown } }>(query, { key }, await tokenFor("root", ["admin"]));
    expect(asAdmin.data?.object.owner).toEqual({ id: "alice", usage: null });
    expect(asAdmin.errors).toBeUndefined();
  });

  it("refuses an anonymous caller", async () => {
    const res = await t.gql(MyUsageDocument, {});
    expect(res.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });
});
