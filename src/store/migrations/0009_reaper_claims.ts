import { sql, type Kysely } from "kysely";

/**
 * Every instance reaps (issue 22 §3): a PENDING object is claimed for one reaper until
 * `objects.reap_until` (epoch ms), so two instances never settle or expire the same one. Work
 * that still needs one holder at a time (the stray sweep's mark) takes a lease row in `leases`
 * with an expiry instead of a session advisory lock, which a pooler in transaction mode cannot keep.
 * Terminal objects are pruned after the grant retention: an index finds them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("objects").addColumn("reap_until", "bigint").execute();
  await db.schema
    .createTable("leases")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("holder", "text", (c) => c.notNull())
    .addColumn("until", "bigint", (c) => c.notNull())
    .execute();
  // Retention finds terminal objects past it without reading the rest.
  await db.schema
    .createIndex("objects_ended_idx")
    .on("objects")
    .column("updated_at")
    .where(sql.ref("state"), "in", sql`('REJECTED', 'EXPIRED', 'ABORTED')`)
    .execute();
}

/** Drops what `up` added. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("objects_ended_idx").execute();
  await db.schema.dropTable("leases").execute();
  await db.schema.alterTable("objects").dropColumn("reap_until").execute();
}
