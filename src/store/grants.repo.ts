import type { Expression, ExpressionBuilder, Kysely, SqlBool } from "kysely";
import { createBulkSql, grantRowsJson, objectRowsJson } from "./bulk-sql";
import type { PrepareSqlite } from "./sqlite";
import type { GrantWriter } from "./sqlite-writer";
import { ConflictError, isUniqueViolation } from "./errors";
import { clampFirst, decodeCursor, toPage } from "./paging";
import { grantToRow, pendingObjectToRow, rowToGrant, rowToObject, toMillis } from "./rows";
import type { GrantsTable, ObjectsTable, Tables } from "./tables";
import type { GrantFilter, GrantKind, GrantRecord, ListGrantsArgs, NewObjectRecord, ObjectRecord, Page } from "./types";

/** Recording and querying grants. */
export interface GrantRepository {
  /** Records an upload grant and its PENDING object atomically; ConflictError if either exists. */
  recordUploadGrant(grant: GrantRecord, object: NewObjectRecord): Promise<{ grant: GrantRecord; object: ObjectRecord }>;
  /** Records several upload grants with their PENDING objects in one transaction; all or none. */
  recordUploadGrants(uploads: ReadonlyArray<{ grant: GrantRecord; object: NewObjectRecord }>): Promise<void>;
  /** Records download grants in one transaction; all or none. */
  recordDownloadGrants(grants: readonly GrantRecord[]): Promise<GrantRecord[]>;
  /** The grant with this id, or null. */
  findGrant(id: string): Promise<GrantRecord | null>;
  /** Marks a grant revoked; a second call keeps the first time. Null if no such grant. */
  revokeGrant(id: string, at: Date): Promise<GrantRecord | null>;
  /** Grants newest first, keyset-paginated by (issuedAt desc, id desc). */
  listGrants(args?: ListGrantsArgs): Promise<Page<GrantRecord>>;
}

/** Grant repository over a Kysely instance, or over a caller's transaction to commit several grants at once. */
export function createGrantRepository(db: Kysely<Tables>, writer?: GrantWriter, prepare?: PrepareSqlite): GrantRepository {
  const bulk = createBulkSql(db, prepare);
  // Inside a caller's transaction the rows must join it; otherwise the off-thread writer takes them.
  const offThread = writer && !db.isTransaction ? writer : undefined;
  const insertGrants = (rows: GrantsTable[]) => (offThread ? offThread.insertGrants(grantRowsJson(rows)) : bulk.insertGrants(rows));
  const insertUploads = (grants: GrantsTable[], objects: ObjectsTable[]) =>
    offThread
      ? offThread.insertUploads(grantRowsJson(grants), objectRowsJson(objects))
      : inTransaction(db, async (trx) => {
          const inTrx = createBulkSql(trx);
          await inTrx.insertGrants(grants);
          await inTrx.insertObjects(objects);
        });
  return {
    async recordUploadGrant(grant, object) {
      expectUpload(grant, object);
      const grantRow = grantToRow(grant);
      const objectRow = pendingObjectToRow(object);
      // Grant first, then object: a taken key aborts the transaction, so no orphan grant remains.
      await inTransaction(db, async (trx) => {
        await conflictAs("grant", grant.id, () => trx.insertInto("grants").values(grantRow).execute());
        await conflictAs("object", grant.key, () => trx.insertInto("objects").values(objectRow).execute());
      });
      return { grant: rowToGrant(grantRow), object: rowToObject(objectRow) };
    },

    async recordUploadGrants(uploads) {
      if (uploads.length === 0) return;
      uploads.forEach(({ grant, object }) => expectUpload(grant, object));
      const only = uploads.length === 1 ? uploads[0]!.grant.key : undefined;
      await conflictAs("object", only, () =>
        insertUploads(uploads.map((u) => grantToRow(u.grant)), uploads.map((u) => pendingObjectToRow(u.object))),
      );
    },

    async recordDownloadGrants(grants) {
      grants.forEach((grant) => expectKind(grant, "download"));
      const rows = grants.map(grantToRow);
      if (rows.length === 0) return [];
      const id = rows.length === 1 ? rows[0]!.id : undefined;
      // One write for the whole batch: a transaction in the writer thread, or one statement here
      // (atomic by itself, and part of a caller's transaction when there is one).
      await conflictAs("grant", id, () => insertGrants(rows));
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

    async listGrants(args = {}) {
      const first = clampFirst(args.first);
      const after = args.after ? decodeCursor("g", args.after) : undefined;
      const rows = await db
        .selectFrom("grants")
        .selectAll()
        .where((eb) => eb.and(grantFilter(eb, args.filter ?? {})))
        .$if(after !== undefined, (q) =>
          q.where((eb) => eb(eb.refTuple("issued_at", "id"), "<", eb.tuple(after!.at, after!.id))),
        )
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
  expectKind(grant, "upload");
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
