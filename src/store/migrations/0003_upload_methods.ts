import { PostgresAdapter, sql, type Kysely } from "kysely";

/**
 * Objects record how their bytes travel (`upload_method`: POST, PUT or MULTIPART), a PUT's
 * Content-MD5 (`content_md5`), and a multipart upload's id and split (`upload_id`, `part_size`,
 * `part_count`); and they may end ABORTED.
 *
 * The state list is a CHECK constraint, and SQLite cannot alter one: there the table is rebuilt
 * (create, copy, drop, rename, re-index — the procedure of sqlite.org/lang_altertable.html §7;
 * nothing references `objects`, so no foreign key needs switching off), in one transaction of
 * its own because kysely runs SQLite migrations outside any. PostgreSQL swaps the constraint in
 * place (kysely wraps PostgreSQL migrations in a transaction). Both keep the same CHECKs, so a
 * state or method outside the lists is refused by either database, not only by the code.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    await sql`alter table objects drop constraint objects_state_check`.execute(db);
    await sql`alter table objects add constraint objects_state_check check (state in ${STATES_0003})`.execute(db);
    await sql`alter table objects add column upload_method text not null default 'POST'
      constraint objects_upload_method_check check (upload_method in ('POST', 'PUT', 'MULTIPART'))`.execute(db);
    for (const [name, type] of NEW_COLUMNS) await db.schema.alterTable("objects").addColumn(name, type).execute();
    return;
  }
  await db.transaction().execute((trx) => rebuildSqlite(trx, true));
}

/** Drops what `up` added; ABORTED objects become EXPIRED (the closest earlier state). */
export async function down(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    await sql`update objects set state = 'EXPIRED' where state = 'ABORTED'`.execute(db);
    for (const [name] of [["upload_method"], ...NEW_COLUMNS]) await db.schema.alterTable("objects").dropColumn(name).execute();
    await sql`alter table objects drop constraint objects_state_check`.execute(db);
    await sql`alter table objects add constraint objects_state_check check (state in ${STATES_0001})`.execute(db);
    return;
  }
  await db.transaction().execute((trx) => rebuildSqlite(trx, false));
}

const STATES_0001 = sql`('PENDING', 'AVAILABLE', 'REJECTED', 'EXPIRED')`;
const STATES_0003 = sql`('PENDING', 'AVAILABLE', 'REJECTED', 'EXPIRED', 'ABORTED')`;
const NEW_COLUMNS = [
  ["upload_id", "text"],
  ["part_size", "bigint"],
  ["part_count", "bigint"],
  ["content_md5", "text"],
] as const;
// The columns 0001 and 0002 created, in their order: what both shapes share.
const KEPT_BEFORE_STATE = sql.raw("key, owner_id, profile, grant_id, declared_content_type, declared_size, filename");
const KEPT_AFTER_STATE = sql.raw("size, content_type, etag, reject_reason, created_at, completed_at, updated_at, version_id");
const KEPT = sql`${KEPT_BEFORE_STATE}, state, ${KEPT_AFTER_STATE}`;

const isPostgres = (db: Kysely<unknown>) => db.getExecutor().adapter instanceof PostgresAdapter;

async function rebuildSqlite(db: Kysely<unknown>, withUploads: boolean): Promise<void> {
  let table = db.schema
    .createTable("objects_rebuilt")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("owner_id", "text", (c) => c.notNull())
    .addColumn("profile", "text", (c) => c.notNull())
    .addColumn("grant_id", "text", (c) => c.notNull().references("grants.id"))
    .addColumn("declared_content_type", "text", (c) => c.notNull())
    .addColumn("declared_size", "bigint", (c) => c.notNull())
    .addColumn("filename", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("size", "bigint")
    .addColumn("content_type", "text")
    .addColumn("etag", "text")
    .addColumn("reject_reason", "text")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("completed_at", "bigint")
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addColumn("version_id", "text")
    .addCheckConstraint("objects_state_check", sql`state in ${withUploads ? STATES_0003 : STATES_0001}`);
  if (withUploads) {
    table = table
      .addColumn("upload_method", "text", (c) => c.notNull().defaultTo("POST"))
      .addCheckConstraint("objects_upload_method_check", sql`upload_method in ('POST', 'PUT', 'MULTIPART')`);
    for (const [name, type] of NEW_COLUMNS) table = table.addColumn(name, type);
  }
  await table.execute();
  const state = withUploads ? sql.raw("state") : sql.raw("case state when 'ABORTED' then 'EXPIRED' else state end");
  await sql`insert into objects_rebuilt (${KEPT}) select ${KEPT_BEFORE_STATE}, ${state}, ${KEPT_AFTER_STATE} from objects`.execute(
    db,
  );
  await db.schema.dropTable("objects").execute();
  await db.schema.alterTable("objects_rebuilt").renameTo("objects").execute();
  // The indexes of 0001 went with the old table.
  await db.schema.createIndex("objects_owner_created_idx").on("objects").columns(["owner_id", "created_at"]).execute();
  await db.schema.createIndex("objects_state_created_idx").on("objects").columns(["state", "created_at"]).execute();
}
