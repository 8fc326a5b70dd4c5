import { DIALECTS } from "../../test/support/store/databases";
import { at, seedUploads, uploadFixture } from "../../test/support/store/fixtures";
import { useTestStore } from "../../test/support/store/use-store";
import { openDatabase } from "./database";
import { createStore } from "./store";

// What every instance's reaper claims, and what retention prunes of objects (objects.repo.ts).
describe.each(DIALECTS)("reaper claims and terminal objects (%s)", (dialect) => {
  const t = useTestStore(dialect);
  const expiredAt = (key: string, seconds: number) => uploadFixture({ key, issuedAt: at(seconds - 900), expiresAt: at(seconds) });
  const keys = (objects: Array<{ key: string }>) => objects.map((o) => o.key).sort();

  it("claims expired PENDING objects for one reaper until the claim runs out, then for the next", async () => {
    await seedUploads(t.testDb.database.db, [expiredAt("k/a", 100), expiredAt("k/b", 200), expiredAt("k/valid", 900)]);
    await t.store.markAvailable("k/b", { size: 1, contentType: "image/png", etag: "e", versionId: "v", at: at(150) });
    await seedUploads(t.testDb.database.db, [expiredAt("k/c", 250)]);

    expect(keys(await t.store.claimReapable(at(300), 0, at(360), 10))).toEqual(["k/a", "k/c"]);
    expect(await t.store.claimReapable(at(359), 0, at(420), 10)).toEqual([]);
    expect(keys(await t.store.claimReapable(at(360), 0, at(420), 1))).toEqual(["k/a"]);
    expect(await t.store.findObject("k/a")).toMatchObject({ state: "PENDING", key: "k/a" });
  });

  it("expires a batch in one go, only the objects still PENDING, and says which moved", async () => {
    await seedUploads(
      t.testDb.database.db,
      ["k/1", "k/2", "k/3"].map((k) => expiredAt(k, 100)),
    );
    await t.store.markAborted("k/2", at(150));
    expect((await t.store.markExpiredMany(["k/1", "k/2", "k/3", "k/none"], at(200))).sort()).toEqual(["k/1", "k/3"]);
    expect(await t.store.markExpiredMany([], at(200))).toEqual([]);
    const states = await t.store.findObjects(["k/1", "k/2", "k/3"]);
    expect([...states.values()].map((o) => [o.key, o.state, o.updatedAt]).sort()).toEqual([
      ["k/1", "EXPIRED", at(200)],
      ["k/2", "ABORTED", at(150)],
      ["k/3", "EXPIRED", at(200)],
    ]);
  });

  it("prunes REJECTED, EXPIRED and ABORTED objects last changed before the cutoff, never younger ones or live ones", async () => {
    const all = ["old-rejected", "old-expired", "old-aborted", "new-expired", "old-available", "old-pending"];
    await seedUploads(
      t.testDb.database.db,
      all.map((k) => expiredAt(k, 10)),
    );
    await t.store.markRejected("old-rejected", { reason: "bad bytes", at: at(100) });
    await t.store.markExpired("old-expired", at(100));
    await t.store.markAborted("old-aborted", at(100));
    await t.store.markExpired("new-expired", at(200));
    await t.store.markAvailable("old-available", { size: 1, contentType: "image/png", etag: "e", versionId: "v", at: at(100) });

    expect(await t.store.pruneTerminalObjects(at(150), 2)).toBe(2);
    expect(await t.store.pruneTerminalObjects(at(150), 2)).toBe(1);
    expect(await t.store.pruneTerminalObjects(at(150), 2)).toBe(0);
    const left = await t.store.findObjects(all);
    expect([...left.keys()].sort()).toEqual(["new-expired", "old-available", "old-pending"]);
  });

  if (dialect === "postgres") {
    it("never gives one object to two reapers claiming at once, each on its own pool of 2", async () => {
      await seedUploads(
        t.testDb.database.db,
        Array.from({ length: 300 }, (_, i) => expiredAt(`k/${String(i).padStart(3, "0")}`, 100)),
      );
      const pools = [await openDatabase(t.testDb.url, { poolMax: 2 }), await openDatabase(t.testDb.url, { poolMax: 2 })];
      try {
        const claimed = await Promise.all(
          pools.map(async (database) => {
            const store = createStore(database);
            const mine: string[] = [];
            for (let batch; (batch = await store.claimReapable(at(300), 0, at(400), 7)).length > 0;)
              mine.push(...batch.map((o) => o.key));
            return mine;
          }),
        );
        const every = claimed.flat();
        expect(every).toHaveLength(300);
        expect(new Set(every).size).toBe(300);
        expect(claimed.every((mine) => mine.length > 0)).toBe(true);
      } finally {
        await Promise.all(pools.map((p) => p.close()));
      }
    });
  }
});
