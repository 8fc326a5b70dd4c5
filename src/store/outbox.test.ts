import { DIALECTS, openTestDatabase, type TestDatabase } from "../../test/support/store/databases";
import { at, seedUploads, uploadFixture } from "../../test/support/store/fixtures";
import { shareFixture } from "../../test/support/store/shares";
import { createStore } from "./store";
import type { EventRouting, Store } from "./types";

const facts = { size: 64, contentType: "image/png", etag: '"e"', versionId: "v1", at: at(30) };
const metadata = { postId: "p1" };

// The outbox: an event is written exactly when the state change it reports commits, in the same
// transaction, with one PENDING delivery per endpoint its route names.
describe.each(DIALECTS)("the outbox (%s)", (dialect) => {
  let testDb: TestDatabase;
  let store: Store;
  let route: EventRouting;
  let committed: number;

  beforeEach(async () => {
    testDb = await openTestDatabase(dialect);
    route = () => ["https://a.example/hook", "https://b.example/hook"];
    committed = 0;
    store = createStore(testDb.database, { route: (type, profile) => route(type, profile), committed: () => committed++ });
  });
  afterEach(() => testDb.dispose());

  const events = () => testDb.database.db.selectFrom("events").selectAll().orderBy("occurred_at").execute();
  const deliveries = () => testDb.database.db.selectFrom("webhook_deliveries").selectAll().execute();
  async function pending(key: string) {
    const { grant, object } = uploadFixture({ key });
    await store.recordUploadGrant(grant, { ...object, metadata });
    return grant;
  }

  it.each<[string, (s: Store, key: string) => Promise<boolean>, string, Record<string, unknown>]>([
    [
      "AVAILABLE",
      (s, k) => s.markAvailable(k, facts),
      "object.available",
      { state: "AVAILABLE", size: 64, completedAt: at(30).toISOString() },
    ],
    [
      "REJECTED",
      (s, k) => s.markRejected(k, { reason: "not a PNG", at: at(30) }),
      "object.rejected",
      { state: "REJECTED", rejectReason: "not a PNG" },
    ],
    ["EXPIRED", (s, k) => s.markExpired(k, at(30)), "object.expired", { state: "EXPIRED" }],
    ["ABORTED", (s, k) => s.markAborted(k, at(30)), "object.aborted", { state: "ABORTED" }],
    ["deleted", (s, k) => s.deleteObjectRow(k, at(30)), "object.deleted", { state: "PENDING" }],
  ])("writes one %s event with the object as it now is, and a delivery per endpoint", async (_label, change, type, fields) => {
    const grant = await pending("k/1");
    expect(await change(store, "k/1")).toBe(true);
    const [event, ...more] = await events();
    expect(more).toEqual([]);
    expect(event).toMatchObject({ type, key: "k/1", occurred_at: at(30).getTime() });
    expect(JSON.parse(event.data)).toEqual({
      id: grant.id,
      key: "k/1",
      profile: "avatar",
      ownerId: "viewer-1",
      filename: "cat.png",
      size: 1234,
      contentType: "image/png",
      rejectReason: null,
      createdAt: at(0).toISOString(),
      completedAt: null,
      metadata,
      ...fields,
    });
    expect((await deliveries()).map((d) => [d.event_id, d.endpoint, d.state, d.attempts])).toEqual(
      expect.arrayContaining([
        [event.id, "https://a.example/hook", "PENDING", 0],
        [event.id, "https://b.example/hook", "PENDING", 0],
      ]),
    );
    expect(committed).toBe(1);
  });

  it("writes one object.expired event per object a batch expiry moved, each with its own object and a delivery per endpoint", async () => {
    const grants = await Promise.all(["k/1", "k/2", "k/3"].map(pending));
    await store.markAvailable("k/2", facts);
    committed = 0;
    expect((await store.markExpiredMany(["k/1", "k/2", "k/3"], at(40))).sort()).toEqual(["k/1", "k/3"]);
    const written = (await events()).filter((e) => e.type === "object.expired");
    expect(written.map((e) => [e.key, JSON.parse(e.data).id, JSON.parse(e.data).state]).sort()).toEqual([
      ["k/1", grants[0].id, "EXPIRED"],
      ["k/3", grants[2].id, "EXPIRED"],
    ]);
    expect(new Set(written.map((e) => e.id)).size).toBe(2);
    const byEvent = (await deliveries()).filter((d) => written.some((e) => e.id === d.event_id));
    expect(byEvent.map((d) => [d.event_id, d.endpoint]).sort()).toEqual(
      written
        .flatMap((e) => [
          [e.id, "https://a.example/hook"],
          [e.id, "https://b.example/hook"],
        ])
        .sort(),
    );
    expect(committed).toBe(1);
    expect(await store.markExpiredMany(["k/1", "k/2"], at(50))).toEqual([]);
    expect(committed).toBe(1);
  });

  it("writes the events and deliveries of a batch expiry larger than one INSERT holds", async () => {
    const uploads = Array.from({ length: 501 }, (_, i) => uploadFixture({ key: `k/${i}` }));
    await seedUploads(testDb.database.db, uploads);
    expect(
      await store.markExpiredMany(
        uploads.map((u) => u.object.key),
        at(40),
      ),
    ).toHaveLength(501);
    expect(await events()).toHaveLength(501);
    expect(new Set((await deliveries()).map((d) => `${d.event_id} ${d.endpoint}`)).size).toBe(1002);
  });

  it("writes nothing for a change that did not happen (not PENDING, or no such object)", async () => {
    await pending("k/1");
    await store.markAvailable("k/1", facts);
    expect(await store.markExpired("k/1", at(40))).toBe(false);
    expect(await store.markAvailable("k/1", facts)).toBe(false);
    expect(await store.markAborted("k/missing", at(40))).toBe(false);
    expect(await store.deleteObjectRow("k/missing", at(40))).toBe(false);
    expect((await events()).map((e) => e.type)).toEqual(["object.available"]);
    expect(committed).toBe(1);
  });

  it("routes by type and profile, and records an event that goes nowhere without deliveries", async () => {
    route = (type, profile) => (type === "object.available" && profile === "avatar" ? ["only"] : []);
    await pending("k/1");
    await pending("k/2");
    await store.markAvailable("k/1", facts);
    await store.markExpired("k/2", at(31));
    expect((await events()).map((e) => e.type)).toEqual(["object.available", "object.expired"]);
    expect((await deliveries()).map((d) => d.endpoint)).toEqual(["only"]);
  });

  it("writes share.created when a share is recorded and share.revoked on its first revocation only, routed by the object's profile", async () => {
    const seen: Array<[string, string]> = [];
    route = (type, profile) => (seen.push([type, profile]), ["hook"]);
    const grant = await pending("k/1");
    await store.markAvailable("k/1", facts);
    const share = await store.recordShare(shareFixture({ objectId: grant.id, key: "k/1", createdAt: at(40) }));
    expect(await store.revokeShare(share.id, at(50))).toMatchObject({ revokedAt: at(50) });
    expect(await store.revokeShare(share.id, at(60))).toMatchObject({ revokedAt: at(50) });
    const written = (await events()).filter((e) => e.type.startsWith("share."));
    expect(written.map((e) => [e.type, e.occurred_at])).toEqual([
      ["share.created", at(40).getTime()],
      ["share.revoked", at(50).getTime()],
    ]);
    expect(JSON.parse(written[1].data)).toEqual({
      id: share.id,
      objectId: grant.id,
      key: "k/1",
      profile: "avatar",
      viewerId: "viewer-2",
      role: null,
      createdBy: "viewer-1",
      createdAt: at(40).toISOString(),
      expiresAt: at(86_400).toISOString(),
      revokedAt: at(50).toISOString(),
    });
    expect(seen).toEqual([
      ["object.available", "avatar"],
      ["share.created", "avatar"],
      ["share.revoked", "avatar"],
    ]);
    expect(committed).toBe(3);
  });

  it("rolls the state change back when its event cannot be written", async () => {
    route = () => ["same", "same"]; // one delivery per (event, endpoint): the second insert fails
    await pending("k/1");
    const refused = await store.markAvailable("k/1", facts).then(String, (e: Error) => e.message);
    expect(refused).toMatch(/unique|duplicate/i);
    expect(await store.findObject("k/1")).toMatchObject({ state: "PENDING" });
    expect(await events()).toEqual([]);
    expect(committed).toBe(0);
  });
});
