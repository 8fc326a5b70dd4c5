import { sql, type Kysely } from "kysely";
import type { Tables } from "./tables";

// PostgreSQL only: the daily RANGE partitions of `grants_download` (migration 0004).

/** Width of one download-grant partition: a UTC day of expiry times. */
export const PARTITION_MS = 86_400_000;

/** Partitions are kept ready this far ahead of now: past the longest grant any profile issues (7 days). */
export const PARTITIONS_AHEAD_MS = 8 * PARTITION_MS;

/** A partition of `grants_download` and the expiry range [from, to) it holds (epoch ms). */
export interface GrantPartition {
  name: string;
  from: number;
  to: number;
}

const dayName = (from: number) => `grants_download_p${new Date(from).toISOString().slice(0, 10).replace(/-/g, "")}`;

// Expected while creating one: another instance made it first (42P07, or 23505 on its row type);
// the DEFAULT partition already holds rows in its range (23514; they stay there and go by DELETE);
// a short lock wait ran out (55P03; the next pass tries again).
const SKIPPABLE = new Set(["42P07", "23505", "23514", "55P03"]);

/** Creates the missing daily partitions for expiry times in [from, until). */
export async function createGrantPartitions(db: Kysely<Tables>, from: Date, until: Date): Promise<void> {
  const existing = new Set((await listGrantPartitions(db)).map((p) => p.from));
  for (let day = Math.floor(from.getTime() / PARTITION_MS) * PARTITION_MS; day < until.getTime(); day += PARTITION_MS) {
    if (existing.has(day)) continue;
    await skipping(() =>
      withShortLocks(db, (trx) =>
        sql`create table if not exists ${sql.ref(dayName(day))} partition of grants_download
          for values from (${sql.lit(day)}) to (${sql.lit(day + PARTITION_MS)})`.execute(trx),
      ),
    );
  }
}

/** Drops a partition (its rows with it); false when its lock was not to be had quickly. */
export async function dropGrantPartition(db: Kysely<Tables>, partition: GrantPartition): Promise<boolean> {
  return skipping(() => withShortLocks(db, (trx) => sql`drop table if exists ${sql.ref(partition.name)}`.execute(trx)));
}

/** The range partitions of `grants_download` (not its DEFAULT), oldest first. */
export async function listGrantPartitions(db: Kysely<Tables>): Promise<GrantPartition[]> {
  const { rows } = await sql<{ name: string; bound: string }>`
    select c.relname as name, pg_get_expr(c.relpartbound, c.oid) as bound
    from pg_inherits i join pg_class c on c.oid = i.inhrelid
    where i.inhparent = 'grants_download'::regclass`.execute(db);
  const partitions: GrantPartition[] = [];
  for (const { name, bound } of rows) {
    const range = /FROM \('?(-?\d+)'?\) TO \('?(-?\d+)'?\)/.exec(bound);
    if (range) partitions.push({ name, from: Number(range[1]), to: Number(range[2]) });
  }
  return partitions.sort((a, b) => a.from - b.from);
}

// DDL on a partition takes a lock on the whole grants table: waiting long behind a slow reader
// would queue every grant insert behind it, so give up quickly and let the next pass retry.
function withShortLocks(db: Kysely<Tables>, ddl: (trx: Kysely<Tables>) => Promise<unknown>): Promise<unknown> {
  return db.transaction().execute(async (trx) => {
    await sql`set local lock_timeout = '1s'`.execute(trx);
    await ddl(trx);
  });
}

async function skipping(ddl: () => Promise<unknown>): Promise<boolean> {
  try {
    await ddl();
    return true;
  } catch (error) {
    if (SKIPPABLE.has(String((error as { code?: unknown }).code))) return false;
    throw error;
  }
}
