import type { Kysely } from "kysely";
import { GrantKind } from "../domain/model";
import { toMillis } from "./columns";
import type { Tables } from "./tables";
import type { SweepRepository } from "./types";

/** Upload grants by expiry, for the stray sweep, and the marks that say how far it got. */
export function createSweepRepository(db: Kysely<Tables>): SweepRepository {
  return {
    async findEndedUploads(after, until, limit) {
      const t = toMillis(after.expiresAt);
      const rows = await db
        .selectFrom("grants")
        .select(["id", "key", "expires_at"])
        .where("kind", "=", GrantKind.UPLOAD)
        .where((eb) => eb.or([eb("expires_at", ">", t), eb.and([eb("expires_at", "=", t), eb("id", ">", after.grantId)])]))
        .where("expires_at", "<=", toMillis(until))
        .orderBy("expires_at")
        .orderBy("id")
        .limit(limit)
        .execute();
      return rows.map((r) => ({ grantId: r.id, key: r.key, expiresAt: new Date(Number(r.expires_at)) }));
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
        .onConflict((c) => c.column("name").doUpdateSet({ until }))
        .execute();
    },
  };
}
