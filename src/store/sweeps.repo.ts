import type { Kysely } from "kysely";
import { GrantKind } from "../domain/model";
import { toMillis } from "./columns";
import type { UploadGrantRecord } from "./records";
import { rowToGrant } from "./rows";
import type { Tables } from "./tables";
import type { EndedUpload, SweepRepository } from "./types";

type Cursor = Pick<EndedUpload, "expiresAt" | "grantId">;
const toEnded = (r: { id: string; key: string; expires_at: number }): EndedUpload => ({
  grantId: r.id,
  key: r.key,
  expiresAt: new Date(Number(r.expires_at)),
});

// One IN list per 1000 ids: far below either dialect's bind limit (a reaper's batch is at most 500).
const LOOKUP_CHUNK = 1000;

/** Upload grants by expiry, for the stray sweep, and the marks that say how far it got; upload grants by id, for the reaper's batches. */
export function createSweepRepository(db: Kysely<Tables>): SweepRepository {
  const uploadsAfter = (after: Cursor) => {
    const t = toMillis(after.expiresAt);
    return db
      .selectFrom("grants")
      .select(["id", "key", "expires_at"])
      .where("kind", "=", GrantKind.UPLOAD)
      .where((eb) => eb.or([eb("expires_at", ">", t), eb.and([eb("expires_at", "=", t), eb("id", ">", after.grantId)])]))
      .orderBy("expires_at")
      .orderBy("id");
  };

  return {
    async findEndedUploads(after, until, limit) {
      const rows = await uploadsAfter(after).where("expires_at", "<=", toMillis(until)).limit(limit).execute();
      return rows.map(toEnded);
    },

    async findWithdrawnUploads(after, limit) {
      // objects.grant_id is indexed on both dialects: the anti-join is a lookup per grant.
      const rows = await uploadsAfter(after)
        .where((eb) =>
          eb.or([
            eb("revoked_at", "is not", null),
            eb.not(eb.exists(eb.selectFrom("objects").select("objects.key").whereRef("objects.grant_id", "=", "grants.id"))),
          ]),
        )
        .limit(limit)
        .execute();
      return rows.map(toEnded);
    },

    async findUploadGrants(ids) {
      const unique = [...new Set(ids)];
      const found = new Map<string, UploadGrantRecord>();
      for (let i = 0; i < unique.length; i += LOOKUP_CHUNK) {
        const rows = await db
          .selectFrom("grants")
          .selectAll()
          .where("kind", "=", GrantKind.UPLOAD)
          .where("id", "in", unique.slice(i, i + LOOKUP_CHUNK))
          .execute();
        for (const row of rows) {
          const grant = rowToGrant(row);
          if (grant.kind === GrantKind.UPLOAD) found.set(grant.id, grant);
        }
      }
      return found;
    },

    async readMark(name) {
      const row = await db.selectFrom("reaper_marks").select("until").where("name", "=", name).executeTakeFirst();
      return row ? new Date(Number(row.until)) : null;
    },

    async writeMark(name, at) {
      const until = toMillis(at);
      await db
        .insertInto("reaper_marks")
        .values({ name, until })
        // Forward only: instances with different grace periods must not undo each other's progress.
        .onConflict((c) => c.column("name").doUpdateSet({ until }).where("reaper_marks.until", "<", until))
        .execute();
    },
  };
}
