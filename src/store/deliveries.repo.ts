import { sql, type Kysely } from "kysely";
import { DeliveryState } from "../domain/events";
import { toMillis } from "./columns";
import type { Dialect } from "./database";
import type { ClaimedDelivery, DeliveryRecord } from "./delivery-records";
import { decodeCursor, toPage } from "./paging";
import { deliveriesTable, eventsTable, type DeliveriesTable, type Tables } from "./tables";
import type { DeliveryRepository } from "./types";

/**
 * The outbox's deliveries: claimed for an attempt (its `next_attempt_at` pushed to the end of a
 * lease, so nobody else takes it meanwhile and a crashed attempt is tried again once the lease
 * runs out), settled, listed, redelivered and pruned.
 */
export function createDeliveryRepository(db: Kysely<Tables>, dialect: Dialect): DeliveryRepository {
  const withEvents = async (rows: DeliveriesTable[]) => {
    const ids = [...new Set(rows.map((r) => r.event_id))];
    const events = ids.length ? await db.selectFrom("events").selectAll().where("id", "in", ids).execute() : [];
    const byId = new Map(events.map((e) => [e.id, eventsTable.fromRow(e)]));
    return rows.map((row) => {
      const event = byId.get(row.event_id)!;
      return {
        ...deliveriesTable.fromRow(row),
        eventType: event.type,
        key: event.key,
        data: event.data,
        occurredAt: event.occurredAt,
      };
    });
  };
  const asRecord = ({ data: _data, occurredAt: _at, ...record }: ClaimedDelivery): DeliveryRecord => record;

  return {
    async claimDeliveries(now, leaseUntil, limit) {
      // Several instances claim at once: on PostgreSQL each skips rows another's claim has locked;
      // SQLite serializes writers, so the statement alone is enough there.
      const rows = await db
        .with("due", (q) => {
          const due = q
            .selectFrom("webhook_deliveries")
            .select("id")
            .where("state", "=", DeliveryState.PENDING)
            .where("next_attempt_at", "<=", toMillis(now))
            .orderBy("next_attempt_at")
            .limit(limit);
          return dialect === "postgres" ? due.forUpdate().skipLocked() : due;
        })
        .updateTable("webhook_deliveries")
        .set((eb) => ({
          attempts: eb("attempts", "+", 1),
          last_attempt_at: toMillis(now),
          next_attempt_at: toMillis(leaseUntil),
        }))
        .where("id", "in", (eb) => eb.selectFrom("due").select("id"))
        .returningAll()
        .execute();
      return withEvents(rows);
    },

    async settleDelivery(id, outcome) {
      const changes =
        outcome.state === DeliveryState.DELIVERED
          ? { delivered_at: toMillis(outcome.at), last_status: outcome.status, last_error: null }
          : outcome.state === DeliveryState.PENDING
            ? { next_attempt_at: toMillis(outcome.nextAttemptAt), last_status: outcome.status, last_error: outcome.error }
            : { last_status: outcome.status, last_error: outcome.error };
      await db
        .updateTable("webhook_deliveries")
        .set({ state: outcome.state, ...changes })
        .where("id", "=", id)
        .where("state", "=", DeliveryState.PENDING)
        .execute();
    },

    async listDeliveries({ state, first, after }) {
      const from = after ? decodeCursor("w", after) : undefined;
      const rows = await db
        .selectFrom("webhook_deliveries")
        .selectAll()
        .$if(state !== undefined, (q) => q.where("state", "=", state!))
        .$if(from !== undefined, (q) => q.where((eb) => eb(eb.refTuple("created_at", "id"), "<", eb.tuple(from!.at, from!.id))))
        .orderBy("created_at", "desc")
        .orderBy("id", "desc")
        .limit(first + 1)
        .execute();
      const records = (await withEvents(rows)).map(asRecord);
      return toPage(
        records,
        first,
        "w",
        (d) => ({ at: d.createdAt.getTime(), id: d.id }),
        (d) => d,
      );
    },

    async redeliver(id, at) {
      const ms = toMillis(at);
      const row = await db
        .updateTable("webhook_deliveries")
        .set({ state: DeliveryState.PENDING, since: ms, next_attempt_at: ms, delivered_at: null })
        .where("id", "=", id)
        .returningAll()
        .executeTakeFirst();
      return row ? asRecord((await withEvents([row]))[0]) : null;
    },

    async oldestPendingEvent() {
      const row = await db
        .selectFrom("webhook_deliveries as d")
        .innerJoin("events as e", "e.id", "d.event_id")
        .select((eb) => eb.fn.min("e.occurred_at").as("at"))
        .where("d.state", "=", DeliveryState.PENDING)
        .executeTakeFirst();
      return row?.at == null ? null : new Date(Number(row.at));
    },

    async pruneEvents(before, limit) {
      return db.transaction().execute(async (trx) => {
        const done = await trx
          .selectFrom("events as e")
          .select("e.id")
          .where("e.occurred_at", "<", toMillis(before))
          .where((eb) =>
            eb.not(
              eb.exists(
                eb
                  .selectFrom("webhook_deliveries as d")
                  .select(sql.lit(1).as("one"))
                  .whereRef("d.event_id", "=", "e.id")
                  .where("d.state", "!=", DeliveryState.DELIVERED),
              ),
            ),
          )
          .orderBy("e.occurred_at")
          .limit(limit)
          .execute();
        const ids = done.map((e) => e.id);
        if (ids.length === 0) return { deleted: 0, more: false };
        await trx.deleteFrom("webhook_deliveries").where("event_id", "in", ids).execute();
        await trx.deleteFrom("events").where("id", "in", ids).execute();
        return { deleted: ids.length, more: ids.length >= limit };
      });
    },
  };
}
