import type { Kysely } from "kysely";
import { ObjectState } from "../domain/model";
import { toMillis } from "./columns";
import type { Dialect } from "./dialect";
import { createGrantRepository } from "./grants.repo";
import { rowToObject } from "./rows";
import { shareLinksTable, type Tables } from "./tables";
import type { ShareLinkRepository } from "./types";

/** Share link repository over a Kysely instance. */
export function createShareLinkRepository(db: Kysely<Tables>, dialect: Dialect): ShareLinkRepository {
  const findBy = async (column: "id" | "token_sha256", value: string) => {
    const row = await db.selectFrom("share_links").selectAll().where(column, "=", value).executeTakeFirst();
    return row ? shareLinksTable.fromRow(row) : null;
  };
  return {
    async recordShareLink(link) {
      await db.insertInto("share_links").values(shareLinksTable.toRow(link)).execute();
      return link;
    },

    findShareLink: (id) => findBy("id", id),

    findShareLinkByDigest: (tokenSha256) => findBy("token_sha256", tokenSha256),

    async revokeShareLink(id, at) {
      const row = await db
        .updateTable("share_links")
        .set((eb) => ({ revoked_at: eb.fn.coalesce("revoked_at", eb.val(toMillis(at))) }))
        .where("id", "=", id)
        .returningAll()
        .executeTakeFirst();
      return row ? shareLinksTable.fromRow(row) : null;
    },

    async listShareLinks(objectId) {
      const rows = await db
        .selectFrom("share_links")
        .selectAll()
        .where("object_id", "=", objectId)
        .orderBy("created_at", "desc")
        .orderBy("id", "desc")
        .execute();
      return rows.map(shareLinksTable.fromRow);
    },

    useShareLink(link, now, grantFor) {
      const ms = toMillis(now);
      return db.transaction().execute(async (trx) => {
        const objectRow = await trx
          .selectFrom("objects")
          .selectAll()
          .where("key", "=", link.key)
          .where("grant_id", "=", link.objectId)
          .where("state", "=", ObjectState.AVAILABLE)
          .executeTakeFirst();
        if (!objectRow) return null;
        // One conditional UPDATE counts the download: of two uses racing for the last one, the
        // second finds the count already at the limit (PostgreSQL re-checks the row it waited for).
        const counted = await trx
          .updateTable("share_links")
          .set((eb) => ({ downloads: eb("downloads", "+", 1) }))
          .where("id", "=", link.id)
          .where("revoked_at", "is", null)
          .where("expires_at", ">", ms)
          .where((eb) => eb.or([eb("max_downloads", "is", null), eb("downloads", "<", eb.ref("max_downloads"))]))
          .returningAll()
          .executeTakeFirst();
        if (!counted) return null;
        const used = { link: shareLinksTable.fromRow(counted), object: rowToObject(objectRow) };
        await createGrantRepository(trx, dialect).recordDownloadGrants([grantFor(used.link, used.object)]);
        return used;
      });
    },
  };
}
