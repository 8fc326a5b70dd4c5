import { PostgresAdapter, sql, type Kysely } from "kysely";

/**
 * Per-owner usage counters, so a quota check reads one row instead of scanning every object its
 * viewer ever had. Each object row adds to its owner's row: a PENDING one 1 outstanding upload and
 * its declared size in pending bytes, an AVAILABLE one its verified size in stored bytes, any other
 * state nothing. The repositories move them in the transaction of every change that moves them;
 * here they start from the objects as they are. On PostgreSQL object writes wait for the backfill
 * (SHARE lock), so none commits between the count and the end of this migration.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("usage_counters")
    .addColumn("owner_id", "text", (c) => c.primaryKey())
    .addColumn("outstanding_uploads", "bigint", (c) => c.notNull())
    .addColumn("pending_bytes", "bigint", (c) => c.notNull())
    .addColumn("stored_bytes", "bigint", (c) => c.notNull())
    .execute();
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    // Counting every object can outlast the pool's statement_timeout (postgres.ts), meant for requests.
    await sql`set local statement_timeout = 0`.execute(db);
    await sql`lock table objects in share mode`.execute(db);
  }
  await sql`insert into usage_counters (owner_id, outstanding_uploads, pending_bytes, stored_bytes)
    select owner_id,
      sum(case when state = 'PENDING' then 1 else 0 end),
      sum(case when state = 'PENDING' then declared_size else 0 end),
      sum(case when state = 'AVAILABLE' then coalesce(size, 0) else 0 end)
    from objects group by owner_id`.execute(db);
}

/** Drops the counters; nothing else depends on them. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("usage_counters").execute();
}
