import { sql, type Kysely } from "kysely";

/**
 * Sharing (issue 20). Objects record the uploader's claim values a `sameClaim` profile compares
 * (`objects.claims`: a JSON object, claim name → string). Download grants name what they came
 * through (`grants.via`: `share:<id>`, `link:<id>`; null for the owner's own reads), so the admin
 * audit shows it; on PostgreSQL the column is added to the partitioned parent and so to every
 * partition. `shares` lets an owner grant reads of one object to a viewer or a role until a time.
 *
 * A share names its object by `object_id`, the object's upload grant id (objects.grant_id): a
 * key can be written again after a delete, a grant id never, so a new object at the same key
 * inherits no share. No foreign key to `objects`: SQLite's table rebuilds (0003) would cascade
 * through it; deleting an object deletes its shares in the same transaction instead.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("objects").addColumn("claims", "text").execute();
  await db.schema.alterTable("grants").addColumn("via", "text").execute();
  await db.schema
    .createTable("shares")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("object_id", "text", (c) => c.notNull())
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("viewer_id", "text")
    .addColumn("role", "text")
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("expires_at", "bigint", (c) => c.notNull())
    .addColumn("revoked_at", "bigint")
    .addCheckConstraint("shares_grantee_check", sql`(viewer_id is null) <> (role is null)`)
    .execute();
  await db.schema.createIndex("shares_object_idx").on("shares").column("object_id").execute();
  // sharedWithMe: newest first, by viewer and by role.
  await db.schema.createIndex("shares_viewer_created_idx").on("shares").columns(["viewer_id", "created_at"]).execute();
  await db.schema.createIndex("shares_role_created_idx").on("shares").columns(["role", "created_at"]).execute();
}

/** Drops what `up` added. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("shares").execute();
  await db.schema.alterTable("grants").dropColumn("via").execute();
  await db.schema.alterTable("objects").dropColumn("claims").execute();
}
