import type { Kysely } from "kysely";
import { GrantKind } from "../domain/model";
import { toMillis } from "./columns";
import type { Tables } from "./tables";
import type { EndedUpload, SweepRepository } from "./types";

type Cursor = Pick<EndedUpload, "expiresAt" | "grantId">;
const toEnded = (r: { id: string; key: string; expires_at: number }): EndedUpload => ({
  grantId: r.id,
  key: r.key,
  expiresAt: new Date(Number(r.expires_at)),
});

/** Upload grants by expiry, for the stray sweep, and the marks that say how far it got. */
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
