import { sql, type Kysely, type RawBuilder } from "kysely";
import type { Dialect } from "./database";
import { createGrantPartitions, dropGrantPartition, listGrantPartitions } from "./grant-partitions";
import type { Tables } from "./tables";
import type { PruneRound, RetentionRepository } from "./types";

/**
 * Pruning expired grant rows, and share links expired as long ago. An object's row refers to its upload grant for as long as the
 * object is on record, so such a grant stays whatever its age (PostgreSQL's foreign key would
 * refuse its deletion anyway). SQLite deletes in bounded statements; PostgreSQL drops whole
 * daily partitions of download grants and deletes the rest (upload grants, and download rows
 * that fell into the DEFAULT partition) in bounded statements.
 */
export function createRetentionRepository(db: Kysely<Tables>, dialect: Dialect): RetentionRepository {
  return dialect === "postgres" ? postgresRetention(db) : sqliteRetention(db);
}

function sqliteRetention(db: Kysely<Tables>): RetentionRepository {
  return {
    async pruneGrants(before, limit) {
      // rowid order is roughly issue order, so the oldest rows are found first without an
      // expiry index (which every grant insert would pay for).
      const result = await sql`delete from grants where rowid in (
        select rowid from grants g where g.expires_at < ${before.getTime()}
          and not exists (select 1 from objects o where o.grant_id = g.id)
        limit ${limit})`.execute(db);
      const deleted = Number(result.numAffectedRows ?? 0n);
      const links = await pruneShareLinks(db, before, limit);
      return { deleted: deleted + links, droppedPartitions: 0, more: deleted >= limit || links >= limit };
    },
    prepareGrantPartitions: async () => undefined,
  };
}

function postgresRetention(db: Kysely<Tables>): RetentionRepository {
  const deleteFrom = async (statement: RawBuilder<unknown>) => Number((await statement.execute(db)).numAffectedRows ?? 0n);
  return {
    async pruneGrants(before, limit): Promise<PruneRound> {
      let droppedPartitions = 0;
      for (const partition of await listGrantPartitions(db)) {
        if (partition.to > before.getTime()) break;
        if (await dropGrantPartition(db, partition)) droppedPartitions++;
      }
      const t = before.getTime();
      const downloads = await deleteFrom(sql`delete from grants_download_default where ctid = any(array(
        select ctid from grants_download_default where expires_at < ${t} limit ${limit}))`);
      const uploads = await deleteFrom(sql`delete from grants_upload where id = any(array(
        select g.id from grants_upload g where g.expires_at < ${t}
          and not exists (select 1 from objects o where o.grant_id = g.id)
        order by g.expires_at limit ${limit}))`);
      const links = await pruneShareLinks(db, before, limit);
      return {
        deleted: downloads + uploads + links,
        droppedPartitions,
        more: downloads >= limit || uploads >= limit || links >= limit,
      };
    },
    prepareGrantPartitions: (from, until) => createGrantPartitions(db, from, until),
  };
}

/** Share links expired before `before`, at most `limit` of them; the grants of their downloads go by their own expiry. */
async function pruneShareLinks(db: Kysely<Tables>, before: Date, limit: number): Promise<number> {
  const result = await db
    .deleteFrom("share_links")
    .where("id", "in", (eb) => eb.selectFrom("share_links").select("id").where("expires_at", "<", before.getTime()).limit(limit))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
