import type { Kysely, UpdateObject } from "kysely";
import { EventType } from "../domain/events";
import { ObjectState } from "../domain/model";
import { createBulkSql } from "./bulk-sql";
import { toMillis } from "./columns";
import type { Outbox } from "./delivery-records";
import type { Dialect } from "./dialect";
import { inOutbox, objectEvent } from "./outbox";
import { decodeCursor, toPage } from "./paging";
import type { ObjectRecord } from "./records";
import { rowToObject } from "./rows";
import { activeFor } from "./shares.repo";
import type { PrepareSqlite } from "./sqlite";
import type { ObjectsTable, Tables } from "./tables";
import type { ObjectRepository } from "./types";
import { moveUsage, usageMoves, type RowChange } from "./usage-counters";

// One IN list per 1000 keys: far below either dialect's bind limit, and keeps plans cheap.
const LOOKUP_CHUNK = 1000;

/** Object repository over a Kysely instance; every state change writes its event to the outbox (outbox.ts). */
export function createObjectRepository(
  db: Kysely<Tables>,
  dialect: Dialect,
  prepare?: PrepareSqlite,
  outbox: Outbox = {},
): ObjectRepository {
  const bulk = createBulkSql(db, dialect, prepare);
  /** Runs `change`; when it returns the changed object, its event and its owner's counter move (`moved`) commit with it. */
  const withEvent = (
    type: EventType,
    at: Date,
    change: (trx: Kysely<Tables>) => Promise<ObjectsTable | undefined>,
    moved: (row: ObjectsTable) => RowChange,
  ) =>
    inOutbox(db, outbox, async (trx, emit) => {
      const row = await change(trx);
      if (!row) return false;
      await moveUsage(trx, usageMoves([moved(row)]));
      await emit(objectEvent(type, rowToObject(row)), at);
      return true;
    });
  // Every transition starts from PENDING, so replays and races between the completion
  // handler and the reaper resolve to whichever came first.
  const leavePending = (key: string, type: EventType, at: Date, changes: UpdateObject<Tables, "objects">) =>
    withEvent(
      type,
      at,
      (trx) =>
        trx
          .updateTable("objects")
          .set(changes)
          .where("key", "=", key)
          .where("state", "=", ObjectState.PENDING)
          .returningAll()
          .executeTakeFirst(),
      (after) => ({ before: { ...after, state: ObjectState.PENDING }, after }),
    );

  return {
    async findObject(key) {
      return (await bulk.findObject(key)) ?? null;
    },

    async findObjectById(grantId) {
      const row = await db.selectFrom("objects").selectAll().where("grant_id", "=", grantId).executeTakeFirst();
      return row ? rowToObject(row) : null;
    },

    async findObjects(keys) {
      const unique = [...new Set(keys)];
      const found = new Map<string, ObjectRecord>();
      if (unique.length === 1) {
        const object = await bulk.findObject(unique[0]);
        return object ? found.set(object.key, object) : found;
      }
      for (let i = 0; i < unique.length; i += LOOKUP_CHUNK) {
        for (const object of await bulk.findObjects(unique.slice(i, i + LOOKUP_CHUNK))) found.set(object.key, object);
      }
      return found;
    },

    async listObjects(args) {
      const { first } = args;
      const after = args.after ? decodeCursor("o", args.after) : undefined;
      const rows = await db
        .selectFrom("objects")
        .selectAll()
        .$if(args.ownerId !== undefined, (q) => q.where("owner_id", "=", args.ownerId!))
        .$if(args.sharedWith !== undefined, (q) =>
          q.where("state", "=", ObjectState.AVAILABLE).where("grant_id", "in", (eb) =>
            eb
              .selectFrom("shares")
              .select("shares.object_id")
              .where((s) => activeFor(s, args.sharedWith!, args.sharedWith!.at)),
          ),
        )
        .$if(after !== undefined, (q) =>
          q.where((eb) => eb(eb.refTuple("created_at", "key"), "<", eb.tuple(after!.at, after!.id))),
        )
        .orderBy("created_at", "desc")
        .orderBy("key", "desc")
        .limit(first + 1)
        .execute();
      return toPage(rows, first, "o", (row: ObjectsTable) => ({ at: row.created_at, id: row.key }), rowToObject);
    },

    markAvailable(key, { size, contentType, etag, versionId, at }) {
      const ms = toMillis(at);
      return leavePending(key, EventType.OBJECT_AVAILABLE, at, {
        state: ObjectState.AVAILABLE,
        size,
        content_type: contentType,
        etag,
        version_id: versionId,
        completed_at: ms,
        updated_at: ms,
      });
    },

    markRejected(key, { reason, at }) {
      return leavePending(key, EventType.OBJECT_REJECTED, at, {
        state: ObjectState.REJECTED,
        reject_reason: reason,
        updated_at: toMillis(at),
      });
    },

    markExpired(key, at) {
      return leavePending(key, EventType.OBJECT_EXPIRED, at, { state: ObjectState.EXPIRED, updated_at: toMillis(at) });
    },

    async markExpiredMany(keys, at) {
      if (keys.length === 0) return [];
      // One transaction (one commit) for a reaper's whole batch, each object's event with it.
      return inOutbox(db, outbox, async (trx, emit) => {
        const rows = await trx
          .updateTable("objects")
          .set({ state: ObjectState.EXPIRED, updated_at: toMillis(at) })
          .where("key", "in", keys)
          .where("state", "=", ObjectState.PENDING)
          .returningAll()
          .execute();
        await moveUsage(trx, usageMoves(rows.map((after) => ({ before: { ...after, state: ObjectState.PENDING }, after }))));
        await emit(
          rows.map((row) => objectEvent(EventType.OBJECT_EXPIRED, rowToObject(row))),
          at,
        );
        return rows.map((row) => row.key);
      });
    },

    markAborted(key, at) {
      return leavePending(key, EventType.OBJECT_ABORTED, at, { state: ObjectState.ABORTED, updated_at: toMillis(at) });
    },

    deleteObjectRow(key, at) {
      return withEvent(
        EventType.OBJECT_DELETED,
        at,
        async (trx) => {
          // Its shares and links go with it: they name this object's identity, and nothing else may ever use them.
          for (const table of ["shares", "share_links"] as const) {
            await trx
              .deleteFrom(table)
              .where("object_id", "in", (eb) => eb.selectFrom("objects").select("grant_id").where("key", "=", key))
              .execute();
          }
          return trx.deleteFrom("objects").where("key", "=", key).returningAll().executeTakeFirst();
        },
        (before) => ({ before }),
      );
    },

    async claimReapable(now, graceMs, claimUntil, limit) {
      const t = toMillis(now);
      // Several instances claim at once: on PostgreSQL each skips rows another's claim has locked,
      // and re-checks a row whose claim committed meanwhile; SQLite serializes writers.
      const rows = await db
        .updateTable("objects")
        .set({ reap_until: toMillis(claimUntil) })
        .where("key", "in", (eb) => {
          const due = eb
            .selectFrom("objects as o")
            .innerJoin("grants as g", "g.id", "o.grant_id")
            .select("o.key")
            .where("o.state", "=", ObjectState.PENDING)
            .where("g.expires_at", "<", t - graceMs)
            .where((w) => w.or([w("o.reap_until", "is", null), w("o.reap_until", "<=", t)]))
            .orderBy("g.expires_at")
            .orderBy("o.key")
            .limit(limit);
          return dialect === "postgres" ? due.forUpdate("o").skipLocked() : due;
        })
        .returningAll()
        .execute();
      return rows.map(rowToObject);
    },

    async pruneTerminalObjects(before, limit) {
      const ended = [ObjectState.REJECTED, ObjectState.EXPIRED, ObjectState.ABORTED];
      return db.transaction().execute(async (trx) => {
        const ids = (
          await trx
            .selectFrom("objects")
            .select(["key", "grant_id"])
            .where("state", "in", ended)
            .where("updated_at", "<", toMillis(before))
            .limit(limit)
            .execute()
        ).map((r) => r.grant_id);
        if (ids.length === 0) return 0;
        for (const table of ["shares", "share_links"] as const)
          await trx.deleteFrom(table).where("object_id", "in", ids).execute();
        const gone = await trx
          .deleteFrom("objects")
          .where("grant_id", "in", ids)
          .where("state", "in", ended)
          .returning(["owner_id", "state", "declared_size", "size"])
          .execute();
        // Terminal rows count nothing today; moving by what was deleted keeps that true if they ever do.
        await moveUsage(trx, usageMoves(gone.map((before) => ({ before }))));
        return gone.length;
      });
    },
  };
}
