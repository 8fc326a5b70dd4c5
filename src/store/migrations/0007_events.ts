import { sql, type Kysely } from "kysely";

/**
 * The app's metadata on objects (`objects.metadata`, JSON text), and the transactional outbox:
 * `events`, one row per object state change, written in the transaction of that change, and
 * `webhook_deliveries`, one row per event and configured endpoint it goes to, which the
 * dispatcher claims (`next_attempt_at` is also its lease), retries and settles. `since` starts
 * the retry window (the event, or the last redelivery an admin asked for).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("objects").addColumn("metadata", "text").execute();
  await db.schema
    .createTable("events")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("data", "text", (c) => c.notNull())
    .addColumn("occurred_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("events_occurred_idx").on("events").columns(["occurred_at", "id"]).execute();
  await db.schema
    .createTable("webhook_deliveries")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("event_id", "text", (c) => c.notNull().references("events.id"))
    .addColumn("endpoint", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("attempts", "bigint", (c) => c.notNull())
    .addColumn("since", "bigint", (c) => c.notNull())
    .addColumn("next_attempt_at", "bigint", (c) => c.notNull())
    .addColumn("last_attempt_at", "bigint")
    .addColumn("last_status", "bigint")
    .addColumn("last_error", "text")
    .addColumn("delivered_at", "bigint")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addUniqueConstraint("webhook_deliveries_event_endpoint_key", ["event_id", "endpoint"])
    .addCheckConstraint("webhook_deliveries_state_check", sql`state in ('PENDING', 'DELIVERED', 'FAILED')`)
    .execute();
  await db.schema
    .createIndex("webhook_deliveries_due_idx")
    .on("webhook_deliveries")
    .columns(["next_attempt_at"])
    .where(sql.ref("state"), "=", "PENDING")
    .execute();
  await db.schema.createIndex("webhook_deliveries_created_idx").on("webhook_deliveries").columns(["created_at", "id"]).execute();
}

/** Drops what `up` added. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("webhook_deliveries").execute();
  await db.schema.dropTable("events").execute();
  await db.schema.alterTable("objects").dropColumn("metadata").execute();
}
