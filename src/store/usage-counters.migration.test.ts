import { DIALECTS, migratorFor, openTestDatabase } from "../../test/support/store/databases";
import { seedUploads, uploadFixture } from "../../test/support/store/fixtures";
import { createStore } from "./store";

describe("migration 0008", () => {
  it.each(DIALECTS)("backfills the counters from the objects already on record (%s)", async (dialect) => {
    const testDb = await openTestDatabase(dialect);
    try {
      const migrator = await migratorFor(testDb.database);
      await migrator.migrateTo("0007_events");
      const uploads = [
        uploadFixture({ viewerId: "alice" }),
        uploadFixture({ viewerId: "alice" }),
        uploadFixture({ viewerId: "bob" }),
      ];
      await seedUploads(testDb.database.db, uploads);
      await testDb.database.db
        .updateTable("objects")
        .set({ state: "AVAILABLE", size: 77 })
        .where("key", "=", uploads[1].object.key)
        .execute();
      await migrator.migrateToLatest();
      const store = createStore(testDb.database);
      expect(await store.countedUsageOf("alice")).toEqual({ outstandingUploads: 1, pendingBytes: 1234, storedBytes: 77 });
      expect(await store.countedUsageOf("bob")).toEqual({ outstandingUploads: 1, pendingBytes: 1234, storedBytes: 0 });
      expect(await store.findUsageDrift()).toEqual([]);
    } finally {
      await testDb.dispose();
    }
  });
});
