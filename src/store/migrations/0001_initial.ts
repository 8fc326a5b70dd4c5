import { sql, type Kysely } from "kysely";

// Migrations are frozen history: they use plain SQL types, never the current `Tables` type.
// Only types both dialects agree on (text, bigint) so one schema serves SQLite and PostgreSQL.

/** Creates `grants` and `objects` with their indexes. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("grants")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("viewer_id", "text", (c) => c.notNull())
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("profile", "text")
    .addColumn("content_type", "text")
    .addColumn("max_bytes", "bigint")
    .addColumn("issued_at", "bigint", (c) => c.notNull())
    .addColumn("expires_at", "bigint", (c) => c.notNull())
    .addColumn("revoked_at", "bigint")
    .addColumn("request_id", "text")
    .addCheckConstraint("grants_kind_check", sql`kind in ('upload', 'download')`)
    .execute();
  await db.schema.createIndex("grants_viewer_issued_idx").on("grants").columns(["viewer_id", "issued_at"]).execute();
  await db.schema.createIndex("grants_key_idx").on("grants").column("key").execute();
  // Deliberately no (kind, expires_at) index: every grant insert pays for each index, and the
  // admin listing is keyed by issued_at; the reaper joins through objects.grant_id instead.

  await db.schema
    .createTable("objects")
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
    .addCheckConstraint("objects_state_check", sql`state in ('PENDING', 'AVAILABLE', 'REJECTED', 'EXPIRED')`)
    .execute();
  await db.schema.createIndex("objects_owner_created_idx").on("objects").columns(["owner_id", "created_at"]).execute();
  await db.schema.createIndex("objects_state_created_idx").on("objects").columns(["state", "created_at"]).execute();
}

/** Drops everything `up` created. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("objects").execute();
  await db.schema.dropTable("grants").execute();
}
