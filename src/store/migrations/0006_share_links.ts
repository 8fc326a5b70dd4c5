import { sql, type Kysely } from "kysely";

/**
 * `share_links`: links an owner hands out for one object (GET /s/<token>). The object is named by
 * its identity (`object_id`, the object's upload grant id) as well as its key, so a link never
 * serves another object later written at the key. Only the SHA-256 of the token is kept: a copy
 * of the registry holds no working link. `downloads` is counted by one conditional UPDATE, so two
 * uses racing for the last download cannot both have it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("share_links")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("object_id", "text", (c) => c.notNull())
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("token_sha256", "text", (c) => c.notNull().unique())
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("expires_at", "bigint", (c) => c.notNull())
    .addColumn("revoked_at", "bigint")
    .addColumn("max_downloads", "bigint")
    .addColumn("downloads", "bigint", (c) => c.notNull().defaultTo(0))
    .addColumn("disposition", "text", (c) => c.notNull())
    .addCheckConstraint("share_links_disposition_check", sql`disposition in ('attachment', 'inline')`)
    .addCheckConstraint("share_links_downloads_check", sql`max_downloads is null or downloads <= max_downloads`)
    .execute();
  await db.schema.createIndex("share_links_object_idx").on("share_links").columns(["object_id", "created_at"]).execute();
  // Pruning, as for grants: rows go some time after they expire.
  await db.schema.createIndex("share_links_expires_idx").on("share_links").column("expires_at").execute();
}

/** Drops the table and its links. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("share_links").execute();
}
