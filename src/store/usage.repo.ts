import type { Expression, ExpressionBuilder, Kysely } from "kysely";
import { ObjectState } from "../domain/model";
import { toMillis } from "./columns";
import type { Tables } from "./tables";
import type { UsageRepository } from "./types";

type Scope = ExpressionBuilder<Tables & { upload: Tables["grants"] }, "objects" | "upload">;

/** Usage repository over a Kysely instance (or a transaction). */
export function createUsageRepository(db: Kysely<Tables>): UsageRepository {
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
  };
}

// PostgreSQL sums bigints as numeric (which pg hands over as a string) and both dialects sum no
// rows to NULL: casting back to bigint gives a number through the store's int8 parser, 0 for none.
function total(eb: Scope, value: Expression<number | null>) {
  return eb.cast<number>(eb.fn.coalesce(eb.fn.sum<number | null>(value), eb.lit(0)), "bigint");
}
