import { sql } from "kysely";
import { DIALECTS, migratorFor } from "../../test/support/store/databases";
import { useTestStore } from "../../test/support/store/use-store";
import { openDatabase } from "./database";
import { createStore } from "./store";

describe.each(DIALECTS)("migration 0005: sharing (%s)", (dialect) => {
  const t = useTestStore(dialect);

  // On SQLite without the grant writer thread, as in upload-methods.test.ts.
  it("keeps rows recorded before it (no claims, no via), and can be undone and redone", async () => {
    const database = dialect === "sqlite" ? await openDatabase(":memory:") : t.testDb.database;
    try {
      const { db } = database;
      const m = await migratorFor(database);
      expect((await m.migrateTo("0004_grant_retention")).error).toBeUndefined();
      await sql`insert into grants (id, kind, viewer_id, key, issued_at, expires_at) values ('g-old', 'upload', 'v', 'k/old', 0, 1)`.execute(
        db,
      );
      await sql`insert into grants (id, kind, viewer_id, key, issued_at, expires_at) values ('d-old', 'download', 'v', 'k/old', 0, 1)`.execute(
        db,
      );
      await sql`insert into objects (key, owner_id, profile, grant_id, declared_content_type, declared_size, filename, state, created_at, updated_at)
        values ('k/old', 'v', 'avatar', 'g-old', 'image/png', 10, 'a.png', 'PENDING', 0, 0)`.execute(db);

      expect((await m.migrateToLatest()).error).toBeUndefined();
      const store = createStore(database);
      expect(await store.findObject("k/old")).toMatchObject({ claims: null, grantId: "g-old" });
      expect(await store.findGrant("d-old")).toMatchObject({ via: null });
      expect(await store.listShares("g-old")).toEqual([]);

      expect((await m.migrateTo("0004_grant_retention")).error).toBeUndefined();
      const tables = await sql<{ n: number }>`select count(*) as n from objects where key = 'k/old'`.execute(db);
      expect(Number(tables.rows[0].n)).toBe(1);
      await expect(sql`select via from grants`.execute(db)).rejects.toHaveProperty("message", expect.stringMatching(/via/));
      await expect(sql`select id from shares`.execute(db)).rejects.toHaveProperty("message", expect.stringMatching(/shares/));
      expect((await m.migrateToLatest()).error).toBeUndefined();
    } finally {
      if (database !== t.testDb.database) await database.close();
    }
  });
});
