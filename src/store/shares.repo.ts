import type { ExpressionBuilder, Kysely } from "kysely";
import { EventType } from "../domain/events";
import { toMillis } from "./columns";
import type { Outbox } from "./delivery-records";
import { inOutbox, shareEvent } from "./outbox";
import { sharesTable, type Tables } from "./tables";
import type { Grantee, ShareRepository } from "./types";

/** Share repository over a Kysely instance; recording and revoking a share write its event (outbox.ts). */
export function createShareRepository(db: Kysely<Tables>, outbox: Outbox = {}): ShareRepository {
  // Share events are routed by their object's profile, like the object's own events.
  const profileOf = async (trx: Kysely<Tables>, objectId: string) =>
    (await trx.selectFrom("objects").select("profile").where("grant_id", "=", objectId).executeTakeFirst())?.profile ?? "";
  return {
    recordShare(share) {
      return inOutbox(db, outbox, async (trx, emit) => {
        await trx.insertInto("shares").values(sharesTable.toRow(share)).execute();
        await emit(shareEvent(EventType.SHARE_CREATED, share, await profileOf(trx, share.objectId)), share.createdAt);
        return share;
      });
    },

    async findShare(id) {
      const row = await db.selectFrom("shares").selectAll().where("id", "=", id).executeTakeFirst();
      return row ? sharesTable.fromRow(row) : null;
    },

    revokeShare(id, at) {
      // Only the first revocation changes the share, and only it is an event; later ones keep its time.
      return inOutbox(db, outbox, async (trx, emit) => {
        const revoked = await trx
          .updateTable("shares")
          .set({ revoked_at: toMillis(at) })
          .where("id", "=", id)
          .where("revoked_at", "is", null)
          .returningAll()
          .executeTakeFirst();
        if (!revoked) {
          const row = await trx.selectFrom("shares").selectAll().where("id", "=", id).executeTakeFirst();
          return row ? sharesTable.fromRow(row) : null;
        }
        const share = sharesTable.fromRow(revoked);
        await emit(shareEvent(EventType.SHARE_REVOKED, share, await profileOf(trx, share.objectId)), at);
        return share;
      });
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
