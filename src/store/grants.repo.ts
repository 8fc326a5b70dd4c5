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
import type { GrantFilter, GrantRepository, NewUpload, UploadOutcome } from "./types";
import {
  admissionParams,
  admitUsage,
  bindAdmission,
  insertedUsage,
  lockUsage,
  moveUsage,
  SQLITE_ADMIT_USAGE,
  type AdmissionParams,
} from "./usage-counters";
import { createUsageRepository } from "./usage.repo";

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
  const insertUploads = async (uploads: readonly NewUpload[]): Promise<UploadOutcome[]> => {
    const grants = uploads.map((u) => u.grant);
    const objects = uploads.map((u) => pendingObject(u.object));
    const admissions = uploads.map(({ quota }, i) =>
      quota ? admissionParams(objects[i].ownerId, objects[i].declaredSize, quota) : null,
    );
    // Uploads with a quota move their counters in their admission; the others' moves are summed.
    const unchecked = objects.filter((_, i) => admissions[i] === null);
    const refused = offThread
      ? await offThread.insertUploads(
          grantRowsJson(grants),
          objectRowsJson(objects),
          JSON.stringify(insertedUsage(unchecked)),
          JSON.stringify(admissions.map((a) => a && bindAdmission(SQLITE_ADMIT_USAGE, a))),
        )
      : await inTransaction(db, (trx) => insertUploadsIn(trx, dialect, grants, objects, admissions));
    const left = new Set(refused);
    return uploads.map((_, i) => (left.has(i) ? "overQuota" : "recorded"));
  };
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
      if (uploads.length === 0) return [];
      uploads.forEach(({ grant, object }) => expectUpload(grant, object));
      const only = uploads.length === 1 ? uploads[0].grant.key : undefined;
      return conflictAs("object", only, () => insertUploads(uploads));
    },

    async recordUploadGrantWithinUsage({ grant, object }, now, admits) {
      expectUpload(grant, object);
      const recorded = pendingObject(object);
      return conflictAs("object", grant.key, () =>
        inTransaction(db, async (trx) => {
          await lockUsage(trx, recorded.ownerId);
          const usage = await createUsageRepository(trx, dialect).usageOf(recorded.ownerId, now);
          if (!admits(usage)) return { recorded: false, usage };
          await insertUploadsIn(trx, dialect, [grant], [recorded], [null]);
          return { recorded: true, usage };
        }),
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

/**
 * Inserts uploads inside `trx`: first the counters, owner by owner in owner order (the order in
 * which every transaction takes counter rows, usage-counters.ts, so two cannot deadlock), each
 * admission on its own and the unchecked uploads' moves summed; then the rows of the uploads
 * admitted. Returns the indexes of those refused.
 */
async function insertUploadsIn(
  trx: Kysely<Tables>,
  dialect: Dialect,
  grants: readonly GrantRecord[],
  objects: readonly ObjectRecord[],
  admissions: ReadonlyArray<AdmissionParams | null>,
): Promise<number[]> {
  const refused: number[] = [];
  const owners = [...new Set(objects.map((o) => o.ownerId))].sort();
  for (const owner of owners) {
    const mine = objects.flatMap((o, i) => (o.ownerId === owner ? [i] : []));
    for (const i of mine) {
      const admission = admissions[i];
      if (admission && !(await admitUsage(trx, dialect, admission))) refused.push(i);
    }
    await moveUsage(trx, insertedUsage(mine.filter((i) => admissions[i] === null).map((i) => objects[i])));
  }
  const kept = <T>(rows: readonly T[]) => rows.filter((_, i) => !refused.includes(i));
  const bulk = createBulkSql(trx, dialect);
  if (refused.length < grants.length) {
    await bulk.insertGrants(kept(grants));
    await bulk.insertObjects(kept(objects));
  }
  return refused;
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
