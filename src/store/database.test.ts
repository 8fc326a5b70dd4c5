import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { openDatabase } from "./database";
import { pendingObjectToRow } from "./rows";
import { sqlitePath } from "./sqlite";
import { grantsTable, objectsTable } from "./tables";
import { createStore } from "./store";
import { DIALECTS, openTestDatabase, type TestDatabase } from "../../test/support/store/databases";
import { uploadFixture } from "../../test/support/store/fixtures";
import { migrationProvider } from "./migrations";

const migrationNames = async () => Object.keys(await migrationProvider.getMigrations()).sort();

describe("SQLite database", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "valet-db-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("sets the durability pragmas", async () => {
    const database = await openDatabase(join(dir, "valet.db"));
    const pragma = async (name: string) => {
      const { rows } = await sql<Record<string, unknown>>`pragma ${sql.raw(name)}`.execute(database.db);
      return Object.values(rows[0])[0];
    };
    expect(database.dialect).toBe("sqlite");
    expect(await pragma("journal_mode")).toBe("wal");
    expect(await pragma("synchronous")).toBe(2); // FULL
    expect(await pragma("busy_timeout")).toBe(5000);
    expect(await pragma("foreign_keys")).toBe(1);
    await database.close();
  });

  it("keeps data and migrations when the same file is reopened", async () => {
    const url = `sqlite:${join(dir, "nested", "deeper", "valet.db")}`;
    const first = await openDatabase(url);
    const { grant, object } = uploadFixture();
    await createStore(first).recordUploadGrant(grant, object);
    await first.close();

    const second = await openDatabase(url);
    expect(await createStore(second).findGrant(grant.id)).toEqual(grant);
    expect(await createStore(second).findObject(grant.key)).toMatchObject({ state: "PENDING" });
    const migrations = await second.db
      .selectFrom("kysely_migration" as never)
      .selectAll()
      .execute();
    expect(migrations.map((m) => (m as { name: string }).name)).toEqual(await migrationNames());
    await second.close();
  });

  it("accepts plain paths and sqlite: URLs", () => {
    expect(sqlitePath("data/valet.db")).toBe("data/valet.db");
    expect(sqlitePath("sqlite:data/valet.db")).toBe("data/valet.db");
    expect(sqlitePath("sqlite:///var/lib/valet.db")).toBe("/var/lib/valet.db");
    expect(sqlitePath("sqlite::memory:")).toBe(":memory:");
  });

  it("opens an in-memory database", async () => {
    const database = await openDatabase(":memory:");
    expect(await createStore(database).findGrant("x")).toBeNull();
    await database.close();
  });
});

describe.each(DIALECTS)("schema (%s)", (dialect) => {
  let testDb: TestDatabase;
  beforeEach(async () => {
    testDb = await openTestDatabase(dialect);
  });
  afterEach(() => testDb?.dispose());

  it("enforces that an object references an existing grant", async () => {
    const { object } = uploadFixture();
    const orphan = pendingObjectToRow({ ...object, grantId: "no-such-grant" });
    await expect(testDb.database.db.insertInto("objects").values(orphan).execute()).rejects.toHaveProperty(
      "message",
      expect.stringMatching(/foreign key/i),
    );
  });

  it("rejects unknown kinds and states", async () => {
    const { grant, object } = uploadFixture();
    await createStore(testDb.database).recordUploadGrant(grant, object);
    // better-sqlite3 errors fail jest's isError check, so match on the message instead of toThrow.
    // PostgreSQL routes a grant row to its kind's partition (0004): an unknown kind has none.
    const violatesCheck = expect.stringMatching(
      /check constraint.*(grants_kind|objects_state)_check|no partition of relation "grants"/i,
    );
    const { db } = testDb.database;
    await expect(
      db
        .updateTable("grants")
        .set({ kind: "sideload" as never })
        .execute(),
    ).rejects.toHaveProperty("message", violatesCheck);
    await expect(
      db
        .updateTable("objects")
        .set({ state: "DELETED" as never })
        .execute(),
    ).rejects.toHaveProperty("message", violatesCheck);
  });

  it("has exactly the columns tables.ts declares, in the same order", async () => {
    const columnsOf = async (table: string) => {
      const { rows } = await (
        dialect === "sqlite"
          ? sql<{ name: string }>`select name from pragma_table_info(${table}) order by cid`
          : sql<{ name: string }>`select column_name as name from information_schema.columns
            where table_schema = current_schema() and table_name = ${table} order by ordinal_position`
      ).execute(testDb.database.db);
      return rows.map((r) => r.name);
    };
    expect(await columnsOf("grants")).toEqual(grantsTable.names);
    // Then the reaper's claim (tables.ts ClaimableObjectsTable), which no record carries.
    expect(await columnsOf("objects")).toEqual([...objectsTable.names, "reap_until"]);
  });

  it("returns int8 columns as numbers", async () => {
    const { grant, object } = uploadFixture();
    await createStore(testDb.database).recordUploadGrant(grant, object);
    const row = await testDb.database.db.selectFrom("grants").selectAll().executeTakeFirstOrThrow();
    expect(row.max_bytes).toBe(5_000_000_000);
    expect(row.issued_at).toBe(grant.issuedAt.getTime());
    const { rows } = await sql<{ n: number }>`select count(*) as n from grants`.execute(testDb.database.db);
    expect(rows[0].n).toBe(1);
  });

  it("does not re-run migrations when reopened", async () => {
    const { grant, object } = uploadFixture();
    await createStore(testDb.database).recordUploadGrant(grant, object);
    const again = await openDatabase(testDb.url);
    expect(await createStore(again).findGrant(grant.id)).toEqual(grant);
    const applied = await again.db
      .selectFrom("kysely_migration" as never)
      .selectAll()
      .execute();
    expect(applied.map((m) => (m as { name: string }).name)).toEqual(await migrationNames());
    await again.close();
  });
});
