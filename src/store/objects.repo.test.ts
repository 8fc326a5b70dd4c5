import { createStore } from "./store";
import { DIALECTS } from "../../test/support/store/databases";
import { useTestStore } from "../../test/support/store/use-store";
import { at, QueryCounter, seedUploads, uploadFixture } from "../../test/support/store/fixtures";

describe.each(DIALECTS)("object lifecycle (%s)", (dialect) => {
  const t = useTestStore(dialect);

  async function pending(key: string, expiresAt = at(900)): Promise<void> {
    const { grant, object } = uploadFixture({ key, expiresAt });
    await t.store.recordUploadGrant(grant, object);
  }

  it("finds nothing at an unknown key", async () => {
    expect(await t.store.findObject("u/nobody/nothing")).toBeNull();
  });

  it("finds an object by its identity (its upload grant id), and nothing by an unknown one or a key", async () => {
    const { grant, object } = uploadFixture({ key: "k/by-id" });
    await t.store.recordUploadGrant(grant, object);
    expect(await t.store.findObjectById(grant.id)).toEqual(await t.store.findObject("k/by-id"));
    expect(await t.store.findObjectById("k/by-id")).toBeNull();
    expect(await t.store.findObjectById("00000000-0000-7000-8000-000000000000")).toBeNull();
  });

  it("moves PENDING to AVAILABLE once and keeps the first outcome", async () => {
    await pending("k/1");
    const facts = { size: 999, contentType: "image/png", etag: '"abc"', versionId: "v-1", at: at(30) };
    expect(await t.store.markAvailable("k/1", facts)).toBe(true);
    const available = await t.store.findObject("k/1");
    expect(available).toMatchObject({ state: "AVAILABLE", size: 999, contentType: "image/png", etag: '"abc"', versionId: "v-1" });
    expect(available).toMatchObject({ completedAt: at(30), updatedAt: at(30), createdAt: at(0) });

    expect(await t.store.markAvailable("k/1", { ...facts, size: 1, at: at(40) })).toBe(false);
    expect(await t.store.markRejected("k/1", { reason: "late", at: at(40) })).toBe(false);
    expect(await t.store.markExpired("k/1", at(40))).toBe(false);
    expect(await t.store.findObject("k/1")).toEqual(available);
  });

  it("moves PENDING to REJECTED or EXPIRED, never onwards", async () => {
    await pending("k/rejected");
    await pending("k/expired");
    expect(await t.store.markRejected("k/rejected", { reason: "not a PNG", at: at(5) })).toBe(true);
    expect(await t.store.markExpired("k/expired", at(6))).toBe(true);

    const facts = { size: 1, contentType: "image/png", etag: "e", versionId: "v", at: at(7) };
    expect(await t.store.markAvailable("k/rejected", facts)).toBe(false);
    expect(await t.store.markAvailable("k/expired", facts)).toBe(false);
    expect(await t.store.findObject("k/rejected")).toMatchObject({ state: "REJECTED", rejectReason: "not a PNG" });
    expect(await t.store.findObject("k/rejected")).toMatchObject({ completedAt: null, updatedAt: at(5) });
    expect(await t.store.findObject("k/expired")).toMatchObject({ state: "EXPIRED", updatedAt: at(6) });
    expect(await t.store.markExpired("k/missing", at(8))).toBe(false);
  });

  it("deletes the object row but keeps its grant", async () => {
    const { grant, object } = uploadFixture({ key: "k/gone" });
    await t.store.recordUploadGrant(grant, object);
    expect(await t.store.deleteObjectRow("k/gone", at(9))).toBe(true);
    expect(await t.store.deleteObjectRow("k/gone", at(9))).toBe(false);
    expect(await t.store.findObject("k/gone")).toBeNull();
    expect(await t.store.findGrant(grant.id)).toEqual(grant);
  });

  it("looks up 1000 keys in one query", async () => {
    const uploads = Array.from({ length: 1000 }, (_, i) => uploadFixture({ key: `k/${i}` }));
    await seedUploads(t.testDb.database.db, uploads);
    const counter = new QueryCounter();
    // Through Kysely (not the direct SQLite statements) so the counter sees every statement.
    const counted = createStore({ ...t.testDb.database, prepareSqlite: undefined, db: t.testDb.database.db.withPlugin(counter) });

    const found = await counted.findObjects(uploads.map((u) => u.object.key));
    expect(counter.count).toBe(1);
    expect(found.size).toBe(1000);
    expect(found.get("k/999")).toMatchObject({ key: "k/999", state: "PENDING" });

    counter.count = 0;
    const keys = [...uploads.map((u) => u.object.key), "k/0", ...Array.from({ length: 1500 }, (_, i) => `x/${i}`)];
    const mixed = await counted.findObjects(keys);
    expect(counter.count).toBe(3);
    expect(mixed.size).toBe(1000);
    expect(mixed.has("x/0")).toBe(false);

    counter.count = 0;
    expect((await counted.findObjects([])).size).toBe(0);
    expect(counter.count).toBe(0);
  });

  it("reads the same records through the direct statements and through Kysely, whichever reads first", async () => {
    const uploads = [uploadFixture({ key: "k/a" }), uploadFixture({ key: "k/b" })];
    await seedUploads(t.testDb.database.db, uploads);
    await t.store.markAvailable("k/a", { size: 5, contentType: "image/png", etag: '"e"', versionId: "v-a", at: at(9) });
    const keys = ["k/a", "k/b"];
    const direct = await t.store.findObjects(keys);
    // SQLite: Kysely shares the direct statements' cache, so it reads the raw-mode statement next.
    const viaKysely = createStore({ ...t.testDb.database, prepareSqlite: undefined });
    expect(await viaKysely.findObjects(keys)).toEqual(direct);
    expect(await viaKysely.findObject("k/a")).toEqual(await t.store.findObject("k/a"));
    expect(direct.get("k/a")).toMatchObject({ key: "k/a", state: "AVAILABLE", size: 5, versionId: "v-a", completedAt: at(9) });
    expect(direct.get("k/b")).toEqual({ ...(await viaKysely.findObject("k/b")), state: "PENDING", size: null });
  });

  it("claims PENDING objects whose grant expired longer ago than the grace, the oldest expiries when the limit cuts", async () => {
    await pending("k/long-ago", at(100));
    await pending("k/just-now", at(290));
    await pending("k/on-the-edge", at(240));
    await pending("k/still-valid", at(400));
    await pending("k/done", at(50));
    await t.store.markAvailable("k/done", { size: 1, contentType: "image/png", etag: "e", versionId: "v", at: at(60) });

    // Each claim runs out at once (claimUntil = now), so every call sees all of them unclaimed.
    // UPDATE … RETURNING keeps no order: the set is the contract, and the limit keeps the oldest.
    const keys = async (graceMs: number, limit: number) =>
      (await t.store.claimReapable(at(300), graceMs, at(300), limit)).map((o) => o.key).sort();
    expect(await keys(60_000, 10)).toEqual(["k/long-ago"]);
    expect(await keys(0, 10)).toEqual(["k/just-now", "k/long-ago", "k/on-the-edge"]);
    expect(await keys(0, 2)).toEqual(["k/long-ago", "k/on-the-edge"]);
    expect(await keys(0, 1)).toEqual(["k/long-ago"]);
  });
});
