import type { Kysely, UpdateObject } from "kysely";
import { ObjectState } from "../domain/model";
import { createBulkSql } from "./bulk-sql";
import { toMillis } from "./columns";
import type { Dialect } from "./dialect";
import { decodeCursor, toPage } from "./paging";
import type { ObjectRecord } from "./records";
import { rowToObject } from "./rows";
import { activeFor } from "./shares.repo";
import type { PrepareSqlite } from "./sqlite";
import type { ObjectsTable, Tables } from "./tables";
import type { ObjectRepository } from "./types";

// One IN list per 1000 keys: far below either dialect's bind limit, and keeps plans cheap.
const LOOKUP_CHUNK = 1000;

/** Object repository over a Kysely instance (or a transaction). */
export function createObjectRepository(db: Kysely<Tables>, dialect: Dialect, prepare?: PrepareSqlite): ObjectRepository {
  const bulk = createBulkSql(db, dialect, prepare);
  // Every transition starts from PENDING, so replays and races between the completion
  // handler and the reaper resolve to whichever came first.
  async function leavePending(key: string, changes: UpdateObject<Tables, "objects">): Promise<boolean> {
    const result = await db
      .updateTable("objects")
      .set(changes)
      .where("key", "=", key)
      .where("state", "=", ObjectState.PENDING)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

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
      return leavePending(key, {
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
      return leavePending(key, { state: ObjectState.REJECTED, reject_reason: reason, updated_at: toMillis(at) });
    },

    markExpired(key, at) {
      return leavePending(key, { state: ObjectState.EXPIRED, updated_at: toMillis(at) });
    },

    markAborted(key, at) {
      return leavePending(key, { state: ObjectState.ABORTED, updated_at: toMillis(at) });
    },

    async deleteObjectRow(key) {
      // Its shares and links go with it: they name this object's identity, and nothing else may ever use them.
      const remove = async (trx: Kysely<Tables>) => {
        for (const table of ["shares", "share_links"] as const) {
          await trx
            .deleteFrom(table)
            .where("object_id", "in", (eb) => eb.selectFrom("objects").select("grant_id").where("key", "=", key))
            .execute();
        }
        return trx.deleteFrom("objects").where("key", "=", key).executeTakeFirst();
      };
      const result = db.isTransaction ? await remove(db) : await db.transaction().execute(remove);
      return result.numDeletedRows > 0n;
    },

    async findReapable(now, graceMs, limit) {
      const rows = await db
        .selectFrom("objects")
        .innerJoin("grants", "grants.id", "objects.grant_id")
        .selectAll("objects")
        .where("objects.state", "=", ObjectState.PENDING)
        .where("grants.expires_at", "<", toMillis(now) - graceMs)
        .orderBy("grants.expires_at")
        .orderBy("objects.key")
        .limit(limit)
        .execute();
      return rows.map(rowToObject);
    },
  };
}
