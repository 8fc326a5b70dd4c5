import { DIALECTS, openTestDatabase, type TestDatabase } from "../../test/support/store/databases";
import { at, collectPages, uploadFixture } from "../../test/support/store/fixtures";
import { createStore } from "./store";
import type { Store } from "./types";

const ENDPOINTS = ["a", "b"];

describe.each(DIALECTS)("webhook deliveries (%s)", (dialect) => {
  let testDb: TestDatabase;
  let store: Store;

  beforeEach(async () => {
    testDb = await openTestDatabase(dialect);
    store = createStore(testDb.database, { route: () => ENDPOINTS });
  });
  afterEach(() => testDb.dispose());

  /** `count` objects made AVAILABLE at second `second`: two deliveries each. */
  async function events(count: number, second = 10) {
    for (let i = 0; i < count; i++) {
      const { grant, object } = uploadFixture({ key: `k/${second}/${i}` });
      await store.recordUploadGrant(grant, object);
      await store.markAvailable(grant.key, { size: 1, contentType: "image/png", etag: "e", versionId: "v", at: at(second) });
    }
  }

  it("claims due deliveries once each, with their event, until the lease runs out", async () => {
    await events(2);
    const claimed = await store.claimDeliveries(at(10), at(20), 10);
    expect(claimed).toHaveLength(4);
    expect(claimed[0]).toMatchObject({
      eventType: "object.available",
      state: "PENDING",
      attempts: 1,
      lastAttemptAt: at(10),
      nextAttemptAt: at(20),
    });
    expect(JSON.parse(claimed[0].data)).toMatchObject({ state: "AVAILABLE" });
    expect(claimed[0].occurredAt).toEqual(at(10));
    expect(await store.claimDeliveries(at(19), at(29), 10)).toEqual([]);
    const again = await store.claimDeliveries(at(20), at(30), 10);
    expect(again.map((d) => [d.id, d.attempts])).toEqual(expect.arrayContaining(claimed.map((d) => [d.id, 2])));
  });

  it("never hands one delivery to two claims racing each other", async () => {
    await events(10);
    const claims = await Promise.all(Array.from({ length: 5 }, () => store.claimDeliveries(at(10), at(20), 3)));
    const ids = claims.flat().map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeLessThanOrEqual(15);
    expect(ids.length + (await store.claimDeliveries(at(10), at(20), 100)).length).toBe(20);
  });

  it("records delivered, retried and failed attempts; only PENDING ones are claimed again", async () => {
    await events(1);
    const [one, two] = await store.claimDeliveries(at(10), at(20), 10);
    await store.settleDelivery(one.id, { state: "DELIVERED", at: at(11), status: 204 });
    await store.settleDelivery(two.id, { state: "PENDING", nextAttemptAt: at(15), status: 500, error: "HTTP 500" });
    expect((await store.claimDeliveries(at(15), at(25), 10)).map((d) => [d.id, d.lastStatus, d.lastError])).toEqual([
      [two.id, 500, "HTTP 500"],
    ]);
    await store.settleDelivery(two.id, { state: "FAILED", status: null, error: "timed out" });
    const { items } = await store.listDeliveries({ first: 100 });
    expect(items.find((d) => d.id === one.id)).toMatchObject({ state: "DELIVERED", deliveredAt: at(11), lastStatus: 204 });
    expect(items.find((d) => d.id === two.id)).toMatchObject({
      state: "FAILED",
      lastStatus: null,
      lastError: "timed out",
      attempts: 2,
    });
    expect(await store.claimDeliveries(at(99), at(100), 10)).toEqual([]);
  });

  it("lists newest first by state, page by page", async () => {
    await events(3, 10);
    await events(2, 20);
    const failed = (await store.claimDeliveries(at(20), at(30), 1))[0];
    await store.settleDelivery(failed.id, { state: "FAILED", status: 500, error: "HTTP 500" });
    const all = await collectPages((after) => store.listDeliveries({ first: 3, after }));
    expect(all).toHaveLength(10);
    expect(all.map((d) => d.createdAt.getTime())).toEqual([...all.map((d) => d.createdAt.getTime())].sort((a, b) => b - a));
    expect((await store.listDeliveries({ state: "FAILED", first: 100 })).items.map((d) => d.id)).toEqual([failed.id]);
    expect((await store.listDeliveries({ state: "PENDING", first: 100 })).items).toHaveLength(9);
  });

  it("redelivers a failed or delivered one: PENDING again, due now, a new retry window", async () => {
    await events(1);
    const [d] = await store.claimDeliveries(at(10), at(20), 1);
    await store.settleDelivery(d.id, { state: "FAILED", status: 500, error: "HTTP 500" });
    expect(await store.redeliver(d.id, at(50))).toMatchObject({
      id: d.id,
      state: "PENDING",
      since: at(50),
      nextAttemptAt: at(50),
      attempts: 1,
    });
    expect((await store.claimDeliveries(at(50), at(60), 10)).map((c) => c.id)).toContain(d.id);
    expect(await store.redeliver("no-such-delivery", at(50))).toBeNull();
  });

  it("knows when the oldest event still waiting happened", async () => {
    expect(await store.oldestPendingEvent()).toBeNull();
    await events(1, 10);
    await events(1, 20);
    expect(await store.oldestPendingEvent()).toEqual(at(10));
    for (const d of await store.claimDeliveries(at(20), at(30), 2))
      await store.settleDelivery(d.id, { state: "DELIVERED", at: at(21), status: 200 });
    expect(await store.oldestPendingEvent()).toEqual(at(20));
  });

  it("prunes old events once every delivery succeeded, keeping those with a PENDING or FAILED one", async () => {
    await events(3, 10);
    const claimed = await store.claimDeliveries(at(10), at(20), 10);
    const [delivered, partly, waiting] = [...new Set(claimed.map((d) => d.eventId))].map((id) =>
      claimed.filter((d) => d.eventId === id),
    );
    for (const d of delivered) await store.settleDelivery(d.id, { state: "DELIVERED", at: at(11), status: 200 });
    await store.settleDelivery(partly[0].id, { state: "DELIVERED", at: at(11), status: 200 });
    await store.settleDelivery(partly[1].id, { state: "FAILED", status: 500, error: "HTTP 500" });
    expect(await store.pruneEvents(at(10), 100)).toEqual({ deleted: 0, more: false });
    expect(await store.pruneEvents(at(11), 100)).toEqual({ deleted: 1, more: false });
    const left = await testDb.database.db.selectFrom("events").select("id").execute();
    expect(left.map((e) => e.id).sort()).toEqual([partly[0].eventId, waiting[0].eventId].sort());
    expect((await store.listDeliveries({ first: 100 })).items).toHaveLength(4);
  });

  it("prunes in bounded rounds", async () => {
    const bare = createStore(testDb.database);
    for (let i = 0; i < 3; i++) {
      const { grant, object } = uploadFixture({ key: `k/bare/${i}` });
      await bare.recordUploadGrant(grant, object);
      await bare.markExpired(grant.key, at(i));
    }
    expect(await store.pruneEvents(at(100), 2)).toEqual({ deleted: 2, more: true });
    expect(await store.pruneEvents(at(100), 2)).toEqual({ deleted: 1, more: false });
  });
});
