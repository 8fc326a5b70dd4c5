import { sql, type Kysely } from "kysely";
import { DIALECTS, migratorFor } from "../../test/support/store/databases";
import { at, POST_TRANSFER, uploadFixture } from "../../test/support/store/fixtures";
import { useTestStore } from "../../test/support/store/use-store";
import { openDatabase } from "./database";
import { createStore } from "./store";
import type { Tables } from "./tables";

const multipart = { method: "MULTIPART", uploadId: "2~abc", partSize: 5 * 1024 ** 2, partCount: 3, contentMd5: null } as const;
const multipartColumns = { upload_method: "MULTIPART", upload_id: "2~abc", part_size: 5 * 1024 ** 2, part_count: 3 } as const;

describe.each(DIALECTS)("upload methods in the registry (%s)", (dialect) => {
  const t = useTestStore(dialect);
  const db = () => t.testDb.database.db;

  it("records a multipart upload's id and split, through both insert paths", async () => {
    const one = uploadFixture({ key: "k/one" }, multipart);
    await t.store.recordUploadGrant(one.grant, one.object);
    const batch = uploadFixture({ key: "k/batch" }, multipart);
    await t.store.recordUploadGrants([batch]);
    for (const key of ["k/one", "k/batch"])
      expect(await t.store.findObject(key)).toMatchObject({ ...multipart, state: "PENDING" });
  });

  it("records a PUT's MD5, and a POST with nothing but its method", async () => {
    const put = uploadFixture({ key: "k/put" }, { ...POST_TRANSFER, method: "PUT", contentMd5: "XrY7u+Ae7tCTyyK7j1rNww==" });
    await t.store.recordUploadGrants([put]);
    const post = uploadFixture({ key: "k/post" });
    await t.store.recordUploadGrant(post.grant, post.object);
    expect(await t.store.findObject("k/put")).toMatchObject({
      method: "PUT",
      contentMd5: "XrY7u+Ae7tCTyyK7j1rNww==",
      uploadId: null,
    });
    expect(await t.store.findObject("k/post")).toMatchObject({
      method: "POST",
      contentMd5: null,
      uploadId: null,
      partSize: null,
      partCount: null,
    });
  });

  it("moves PENDING to ABORTED once, and nothing onwards", async () => {
    const { grant, object } = uploadFixture({ key: "k/aborted" });
    await t.store.recordUploadGrant(grant, object);
    expect(await t.store.markAborted("k/aborted", at(5))).toBe(true);
    expect(await t.store.markAborted("k/aborted", at(6))).toBe(false);
    expect(
      await t.store.markAvailable("k/aborted", { size: 1, contentType: "image/png", etag: "e", versionId: "v", at: at(7) }),
    ).toBe(false);
    expect(await t.store.findObject("k/aborted")).toMatchObject({ state: "ABORTED", updatedAt: at(5) });
  });

  test.each([
    ["a POST with an upload id", { upload_id: "2~x" }],
    ["a POST with an MD5", { content_md5: "XrY7u+Ae7tCTyyK7j1rNww==" }],
    ["a PUT with a part count", { upload_method: "PUT", part_count: 2 }],
    ["a MULTIPART without its upload id", { upload_method: "MULTIPART", part_size: 5, part_count: 2 }],
    ["a MULTIPART with an MD5", { ...multipartColumns, content_md5: "XrY7u+Ae7tCTyyK7j1rNww==" }],
  ])("refuses to read %s: its columns contradict its method", async (_label, columns) => {
    const { grant, object } = uploadFixture({ key: "k/contradiction" });
    await t.store.recordUploadGrant(grant, object);
    await db()
      .updateTable("objects")
      .set(columns as never)
      .execute();
    await expect(t.store.findObject("k/contradiction")).rejects.toThrow(/contradict its method/);
    await expect(t.store.findObjects(["k/contradiction", "k/other"])).rejects.toThrow(/contradict its method/);
  });

  it("reads back a MULTIPART row whose columns agree", async () => {
    const { grant, object } = uploadFixture({ key: "k/agrees" });
    await t.store.recordUploadGrant(grant, object);
    await db().updateTable("objects").set(multipartColumns).execute();
    expect(await t.store.findObject("k/agrees")).toMatchObject(multipart);
  });

  it("refuses a method outside POST, PUT and MULTIPART", async () => {
    const { grant, object } = uploadFixture({ key: "k/m" });
    await t.store.recordUploadGrant(grant, object);
    const update = db()
      .updateTable("objects")
      .set({ upload_method: "GET" as never })
      .execute();
    await expect(update).rejects.toHaveProperty(
      "message",
      expect.stringMatching(/check constraint.*objects_upload_method_check/i),
    );
  });

  // On SQLite without the grant writer thread: in the app it starts after migrations, and here
  // it would prepare its inserts against whichever schema the migrations left at that moment.
  it("keeps objects recorded before 0003 as POSTs, and 0003 can be undone", async () => {
    const database = dialect === "sqlite" ? await openDatabase(":memory:") : t.testDb.database;
    try {
      const { db } = database;
      const m = await migratorFor(database);
      expect((await m.migrateTo("0002_versions_and_sweeps")).error).toBeUndefined();
      await sql`insert into grants (id, kind, viewer_id, key, issued_at, expires_at) values ('g-old', 'upload', 'v', 'k/old', 0, 1)`.execute(
        db,
      );
      const insertObject = (key: string, state: string) =>
        sql`insert into objects (key, owner_id, profile, grant_id, declared_content_type, declared_size, filename, state, created_at, updated_at, version_id)
          values (${key}, 'v', 'avatar', 'g-old', 'image/png', 10, 'a.png', ${state}, 0, 0, 'v1')`.execute(db);
      await insertObject("k/old", "AVAILABLE");
      // better-sqlite3's errors may come from another realm than jest's, so toThrow can miss them.
      await expect(insertObject("k/aborted", "ABORTED")).rejects.toHaveProperty(
        "message",
        expect.stringMatching(/check constraint/i),
      );

      expect((await m.migrateToLatest()).error).toBeUndefined();
      await insertObject("k/aborted", "ABORTED");
      const store = createStore(database);
      expect(await store.findObject("k/old")).toMatchObject({
        state: "AVAILABLE",
        versionId: "v1",
        method: "POST",
        uploadId: null,
      });
      expect(await indexNames(db, dialect)).toEqual(
        expect.arrayContaining(["objects_owner_created_idx", "objects_state_created_idx"]),
      );

      expect((await m.migrateTo("0002_versions_and_sweeps")).error).toBeUndefined(); // and back: ABORTED was not a state then
      const states = await sql<{ key: string; state: string }>`select key, state from objects order by key`.execute(db);
      expect(states.rows).toEqual([
        { key: "k/aborted", state: "EXPIRED" },
        { key: "k/old", state: "AVAILABLE" },
      ]);
      expect((await m.migrateToLatest()).error).toBeUndefined();
    } finally {
      if (database !== t.testDb.database) await database.close();
    }
  });
});

async function indexNames(db: Kysely<Tables>, dialect: string): Promise<string[]> {
  const { rows } =
    dialect === "sqlite"
      ? await sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name = 'objects'`.execute(db)
      : await sql<{
          name: string;
        }>`select indexname as name from pg_indexes where tablename = 'objects' and schemaname = current_schema()`.execute(db);
  return rows.map((r) => r.name);
}
