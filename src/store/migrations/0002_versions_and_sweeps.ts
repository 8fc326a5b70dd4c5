import { sql, type Kysely } from "kysely";

/**
 * Uploads are published by recording the bucket version that was verified (`objects.version_id`);
 * the stray sweep walks upload grants by expiry (a partial index, so download grants — most
 * inserts — pay nothing for it) and keeps how far it got in `reaper_marks`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("objects").addColumn("version_id", "text").execute();
  await db.schema
    .createIndex("grants_upload_expires_idx")
    .on("grants")
    .columns(["expires_at", "id"])
    .where(sql.ref("kind"), "=", "upload")
    .execute();
  await db.schema
    .createTable("reaper_marks")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("until", "bigint", (c) => c.notNull())
    .execute();
}

/** Drops what `up` added. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("reaper_marks").execute();
  await db.schema.dropIndex("grants_upload_expires_idx").execute();
  await db.schema.alterTable("objects").dropColumn("version_id").execute();
}
