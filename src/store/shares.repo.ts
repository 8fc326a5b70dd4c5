import type { ExpressionBuilder, Kysely } from "kysely";
import { toMillis } from "./columns";
import { sharesTable, type Tables } from "./tables";
import type { Grantee, ShareRepository } from "./types";

/** Share repository over a Kysely instance (or a transaction). */
export function createShareRepository(db: Kysely<Tables>): ShareRepository {
  return {
    async recordShare(share) {
      await db.insertInto("shares").values(sharesTable.toRow(share)).execute();
      return share;
    },

    async findShare(id) {
      const row = await db.selectFrom("shares").selectAll().where("id", "=", id).executeTakeFirst();
      return row ? sharesTable.fromRow(row) : null;
    },

    async revokeShare(id, at) {
      const row = await db
        .updateTable("shares")
        .set((eb) => ({ revoked_at: eb.fn.coalesce("revoked_at", eb.val(toMillis(at))) }))
        .where("id", "=", id)
        .returningAll()
        .executeTakeFirst();
      return row ? sharesTable.fromRow(row) : null;
    },

    async listShares(objectId) {
      const rows = await db
        .selectFrom("shares")
        .selectAll()
        .where("object_id", "=", objectId)
        .orderBy("created_at", "desc")
        .orderBy("id", "desc")
        .execute();
      return rows.map(sharesTable.fromRow);
    },

    async findActiveShares(objectIds, grantee, now) {
      if (objectIds.length === 0) return [];
      const rows = await db
        .selectFrom("shares")
        .selectAll()
        .where("object_id", "in", [...new Set(objectIds)])
        .where((eb) => activeFor(eb, grantee, now))
        .execute();
      return rows.map(sharesTable.fromRow);
    },
  };
}

/** Shares naming the grantee (by id or by one of its roles), neither revoked nor expired at `now`. */
export function activeFor(eb: ExpressionBuilder<Tables, "shares">, grantee: Grantee, now: Date) {
  const named = [eb("shares.viewer_id", "=", grantee.viewerId)];
  if (grantee.roles.length > 0) named.push(eb("shares.role", "in", [...grantee.roles]));
  return eb.and([eb.or(named), eb("shares.revoked_at", "is", null), eb("shares.expires_at", ">", toMillis(now))]);
}
