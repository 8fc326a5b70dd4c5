import type { Expression, ExpressionBuilder, Kysely, SqlBool } from "kysely";
import { GrantKind } from "../domain/model";
import { createBulkSql, grantRowsJson, objectRowsJson } from "./bulk-sql";
import { toMillis } from "./columns";
import type { Dialect } from "./dialect";
import { ConflictError, isUniqueViolation } from "./errors";
import { decodeCursor, toPage } from "./paging";
import type { GrantRecord, NewObjectRecord, ObjectRecord } from "./records";
import { grantToRow, pendingObject, pendingObjectToRow, rowToGrant } from "./rows";
import type { PrepareSqlite } from "./sqlite";
import type { GrantWriter } from "./sqlite-writer";
import type { GrantsTable, Tables } from "./tables";
import type { GrantFilter, GrantRepository } from "./types";
import { insertedUsage, moveUsage } from "./usage-counters";

/** Grant repository over a Kysely instance, or over a caller's transaction to commit several grants at once. */
export function createGrantRepository(
  db: Kysely<Tables>,
  dialect: Dialect,
  writer?: GrantWriter,
  prepare?: PrepareSqlite,
): GrantRepository {
  const bulk = createBulkSql(db, dialect, prepare);
  // Inside a caller's transaction the rows must join it; otherwise the off-thread writer takes them.
  const offThread = writer && !db.isTransaction ? writer : undefined;
  const insertGrants = (grants: readonly GrantRecord[]) =>
    offThread ? offThread.insertGrants(grantRowsJson(grants)) : bulk.insertGrants(grants);
  const insertUploads = (grants: GrantRecord[], objects: ObjectRecord[]) =>
    offThread
      ? offThread.insertUploads(grantRowsJson(grants), objectRowsJson(objects), JSON.stringify(insertedUsage(objects)))
      : inTransaction(db, async (trx) => {
          const inTrx = createBulkSql(trx, dialect);
          await inTrx.insertGrants(grants);
          await inTrx.insertObjects(objects);
          await moveUsage(trx, insertedUsage(objects));
        });
  return {
    async recordUploadGrant(grant, object) {
      expectUpload(grant, object);
      const grantRow = grantToRow(grant);
      const objectRow = pendingObjectToRow(object);
      const recorded = pendingObject(object);
      // Grant first, then object: a taken key aborts the transaction, so no orphan grant remains.
      await inTransaction(db, async (trx) => {
        await conflictAs("grant", grant.id, () => trx.insertInto("grants").values(grantRow).execute());
        await conflictAs("object", grant.key, () => trx.insertInto("objects").values(objectRow).execute());
        await moveUsage(trx, insertedUsage([recorded]));
      });
      return { grant, object: recorded };
    },

    async recordUploadGrants(uploads) {
      if (uploads.length === 0) return;
      uploads.forEach(({ grant, object }) => expectUpload(grant, object));
      const only = uploads.length === 1 ? uploads[0].grant.key : undefined;
      await conflictAs("object", only, () =>
        insertUploads(
          uploads.map((u) => u.grant),
          uploads.map((u) => pendingObject(u.object)),
        ),
      );
    },

    async recordDownloadGrants(grants) {
      grants.forEach((grant) => expectKind(grant, GrantKind.DOWNLOAD));
      if (grants.length === 0) return [];
      const id = grants.length === 1 ? grants[0].id : undefined;
      // One write for the whole batch: a transaction in the writer thread, or one statement here
      // (atomic by itself, and part of a caller's transaction when there is one).
      await conflictAs("grant", id, () => insertGrants(grants));
      // What was recorded is what was given: no rows to read back, nothing to rebuild on the hot path.
      return [...grants];
    },

    async findGrant(id) {
      const row = await db.selectFrom("grants").selectAll().where("id", "=", id).executeTakeFirst();
      return row ? rowToGrant(row) : null;
    },

    async revokeGrant(id, at) {
      const row = await db
        .updateTable("grants")
        .set((eb) => ({ revoked_at: eb.fn.coalesce("revoked_at", eb.val(toMillis(at))) }))
        .where("id", "=", id)
        .returningAll()
        .executeTakeFirst();
      return row ? rowToGrant(row) : null;
    },

    async listGrants(args) {
      const { first } = args;
      const after = args.after ? decodeCursor("g", args.after) : undefined;
      const rows = await db
        .selectFrom("grants")
        .selectAll()
        .where((eb) => eb.and(grantFilter(eb, args.filter ?? {})))
        .$if(after !== undefined, (q) => q.where((eb) => eb(eb.refTuple("issued_at", "id"), "<", eb.tuple(after!.at, after!.id))))
        .orderBy("issued_at", "desc")
        .orderBy("id", "desc")
        .limit(first + 1)
        .execute();
      return toPage(rows, first, "g", (row: GrantsTable) => ({ at: row.issued_at, id: row.id }), rowToGrant);
    },
  };
}

function grantFilter(eb: ExpressionBuilder<Tables, "grants">, filter: GrantFilter): Expression<SqlBool>[] {
  const conditions: Expression<SqlBool>[] = [];
  if (filter.viewerId !== undefined) conditions.push(eb("viewer_id", "=", filter.viewerId));
  if (filter.kind !== undefined) conditions.push(eb("kind", "=", filter.kind));
  if (filter.key !== undefined) conditions.push(eb("key", "=", filter.key));
  if (filter.activeAt !== undefined) {
    const at = toMillis(filter.activeAt);
    conditions.push(
      eb("issued_at", "<=", at),
      eb("expires_at", ">", at),
      eb.or([eb("revoked_at", "is", null), eb("revoked_at", ">", at)]),
    );
  }
  return conditions;
}

// Kysely refuses nested transactions; inside a caller's transaction (group commit) join it instead.
function inTransaction<T>(db: Kysely<Tables>, work: (trx: Kysely<Tables>) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

// A wrong kind is a caller bug; recording it would corrupt the audit trail.
function expectKind(grant: GrantRecord, kind: GrantKind): void {
  if (grant.kind !== kind) throw new Error(`grant ${grant.id} is a ${grant.kind} grant, expected ${kind}`);
}

function expectUpload(grant: GrantRecord, object: NewObjectRecord): void {
  expectKind(grant, GrantKind.UPLOAD);
  if (object.key !== grant.key || object.grantId !== grant.id) {
    throw new Error(`object ${object.key} does not belong to upload grant ${grant.id}`);
  }
}

async function conflictAs<T>(entity: "grant" | "object", id: string | undefined, insert: () => Promise<T>): Promise<T> {
  try {
    return await insert();
  } catch (error) {
    throw isUniqueViolation(error) ? new ConflictError(entity, id, { cause: error }) : error;
  }
}
