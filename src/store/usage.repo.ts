import { sql, type Expression, type ExpressionBuilder, type Kysely } from "kysely";
import { ObjectState } from "../domain/model";
import { QUOTA_NAMES, type QuotaUsage } from "../domain/quota";
import { toMillis } from "./columns";
import type { Dialect } from "./dialect";
import type { Tables, UsageCountersTable } from "./tables";
import type { UsageDrift, UsageRepository } from "./types";
import { moveUsage } from "./usage-counters";

const NONE: QuotaUsage = { outstandingUploads: 0, pendingBytes: 0, storedBytes: 0 };

/** Usage repository over a Kysely instance (or a transaction). */
export function createUsageRepository(db: Kysely<Tables>, dialect: Dialect): UsageRepository {
  return {
    async usageOf(ownerId, now) {
      const ms = toMillis(now);
      // One pass over the owner's objects (objects_owner_created_idx); only PENDING rows join their
      // grant, and only while it is still valid, so AVAILABLE rows cost no lookup.
      const row = await db
        .selectFrom("objects")
        .leftJoin("grants as upload", (join) =>
          join
            .onRef("upload.id", "=", "objects.grant_id")
            .on("objects.state", "=", ObjectState.PENDING)
            .on("upload.expires_at", ">", ms),
        )
        .where("objects.owner_id", "=", ownerId)
        .select((eb) => [
          total(eb, eb.case().when("upload.id", "is not", null).then(eb.lit(1)).else(eb.lit(0)).end()).as("outstandingUploads"),
          total(eb, eb.case().when("upload.id", "is not", null).then(eb.ref("objects.declared_size")).else(eb.lit(0)).end()).as(
            "pendingBytes",
          ),
          total(
            eb,
            eb.case().when("objects.state", "=", ObjectState.AVAILABLE).then(eb.ref("objects.size")).else(eb.lit(0)).end(),
          ).as("storedBytes"),
        ])
        .executeTakeFirstOrThrow();
      return { outstandingUploads: row.outstandingUploads, pendingBytes: row.pendingBytes, storedBytes: row.storedBytes };
    },

    async countedUsageOf(ownerId) {
      const row = await db.selectFrom("usage_counters").selectAll().where("owner_id", "=", ownerId).executeTakeFirst();
      return row ? fromCounters(row) : { ...NONE };
    },

    async findUsageDrift() {
      // One snapshot for both reads: a change commits its rows and its counter move together, so
      // within a snapshot they agree exactly unless the counters drifted.
      const snapshot = dialect === "postgres" ? db.transaction().setIsolationLevel("repeatable read") : db.transaction();
      const { counters, recount } = await snapshot.execute(async (trx) => {
        // A recount reads every object: longer than the pool's statement_timeout (postgres.ts), meant for requests.
        if (dialect === "postgres") await sql`set local statement_timeout = 0`.execute(trx);
        return { counters: await trx.selectFrom("usage_counters").selectAll().execute(), recount: await recountAll(trx) };
      });
      const counted = new Map(counters.map((row) => [row.owner_id, fromCounters(row)]));
      const recounted = new Map(recount.map((row) => [row.owner_id, fromCounters(row)]));
      const drift: UsageDrift[] = [];
      for (const ownerId of new Set([...counted.keys(), ...recounted.keys()])) {
        const c = counted.get(ownerId) ?? NONE;
        const r = recounted.get(ownerId) ?? NONE;
        if (QUOTA_NAMES.some((q) => c[q] !== r[q])) drift.push({ ownerId, counted: c, recounted: r });
      }
      return drift.sort((a, b) => (a.ownerId < b.ownerId ? -1 : 1));
    },

    async repairUsage(drift) {
      const moves = drift.map(({ ownerId, counted: c, recounted: r }) => {
        const [o, p, s] = QUOTA_NAMES.map((q) => r[q] - c[q]);
        return [ownerId, o, p, s] as const;
      });
      await db.transaction().execute((trx) => moveUsage(trx, moves));
    },
  };
}

/** Every owner's counters as its object rows add them up (usage-counters.ts `countedUsage`, in SQL). */
function recountAll(trx: Kysely<Tables>): Promise<UsageCountersTable[]> {
  return trx
    .selectFrom("objects")
    .groupBy("owner_id")
    .select((eb) => {
      const when = (state: ObjectState, value: Expression<number | null>) =>
        total(eb, eb.case().when("objects.state", "=", state).then(value).else(eb.lit(0)).end());
      return [
        "owner_id",
        when(ObjectState.PENDING, eb.lit(1)).as("outstanding_uploads"),
        when(ObjectState.PENDING, eb.ref("objects.declared_size")).as("pending_bytes"),
        when(ObjectState.AVAILABLE, eb.fn.coalesce("objects.size", eb.lit(0))).as("stored_bytes"),
      ];
    })
    .execute();
}

function fromCounters(row: UsageCountersTable): QuotaUsage {
  return { outstandingUploads: row.outstanding_uploads, pendingBytes: row.pending_bytes, storedBytes: row.stored_bytes };
}

// PostgreSQL sums bigints as numeric (which pg hands over as a string) and both dialects sum no
// rows to NULL: casting back to bigint gives a number through the store's int8 parser, 0 for none.
function total<DB, TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>, value: Expression<number | null>) {
  return eb.cast<number>(eb.fn.coalesce(eb.fn.sum<number | null>(value), eb.lit(0)), "bigint");
}
