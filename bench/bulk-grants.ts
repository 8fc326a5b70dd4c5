import { sql } from "kysely";
import type { Database } from "../src/store/database";
import { createStore } from "../src/store/store";

/** Loaded rows span this much issue time ending now: a 30-day retention window's worth. */
const SPAN_MS = 30 * 86_400_000;
const CHUNK = 1_000_000;

// Download grants as a month of traffic leaves them: 1,000 viewers over 5,000 keys, issued evenly
// across the span, each valid for 5 minutes. Ids are time-ordered (like UUIDv7) and prefixed so
// they never meet the server's own.
const cells = (i: string, now: number, rows: number) => ({
  id: `'b' || lpad(to_hex(${i}), 35, '0')`,
  viewer: `'load' || (${i} % 1000)`,
  key: `'users/load/bench/' || (${i} % 5000)`,
  issued: `${now - SPAN_MS} + ${i} * ${Math.floor(SPAN_MS / rows)}`,
});

/** Inserts `rows` download grants straight into the registry, a million per statement; calls `progress` after each. */
export async function loadGrants(database: Database, rows: number, progress: (done: number) => void): Promise<void> {
  const now = Date.now();
  if (database.dialect === "postgres") {
    // The partitions a month of traffic would have left behind, so rows land in them as they would.
    await createStore(database).prepareGrantPartitions(new Date(now - SPAN_MS - 86_400_000), new Date(now + 8 * 86_400_000));
  }
  for (let from = 1; from <= rows; from += CHUNK) {
    const to = Math.min(rows, from + CHUNK - 1);
    await (database.dialect === "postgres" ? postgresChunk : sqliteChunk)(database, from, to, now, rows);
    progress(to);
  }
  if (database.dialect === "postgres")
    await database.db.transaction().execute(async (trx) => {
      await sql`set local statement_timeout = 0`.execute(trx);
      await sql`analyze grants`.execute(trx);
    });
}

async function postgresChunk(database: Database, from: number, to: number, now: number, rows: number) {
  const c = cells("i", now, rows);
  // A million rows take longer than the pool's statement_timeout (postgres.ts), meant for requests.
  await database.db.transaction().execute(async (trx) => {
    await sql`set local statement_timeout = 0`.execute(trx);
    await sql
      .raw(
        `insert into grants (id, kind, viewer_id, key, issued_at, expires_at)
       select ${c.id}, 'download', ${c.viewer}, ${c.key}, ${c.issued}, ${c.issued} + 300000
       from generate_series(${from}::bigint, ${to}::bigint) i`,
      )
      .execute(trx);
  });
}

// SQLite has no lpad/to_hex and (in better-sqlite3's build) no generate_series: a recursive CTE
// counts, printf pads.
async function sqliteChunk(database: Database, from: number, to: number, now: number, rows: number) {
  const c = cells("i", now, rows);
  await sql
    .raw(
      `with recursive n(i) as (select ${from} union all select i + 1 from n where i < ${to})
       insert into grants (id, kind, viewer_id, key, issued_at, expires_at)
       select printf('b%035x', i), 'download', ${c.viewer}, ${c.key}, ${c.issued}, ${c.issued} + 300000 from n`,
    )
    .execute(database.db);
}

/** Bytes the registry takes on disk: the SQLite file (with its WAL), or every table and index in the schema. */
export async function registryBytes(database: Database, sqlitePath?: string): Promise<number> {
  if (database.dialect === "sqlite") {
    const { statSync, existsSync } = await import("node:fs");
    return [sqlitePath!, `${sqlitePath}-wal`].filter(existsSync).reduce((n, p) => n + statSync(p).size, 0);
  }
  const { rows } = await sql<{ bytes: string }>`select sum(pg_total_relation_size(c.oid)) as bytes from pg_class c
    join pg_namespace n on n.oid = c.relnamespace where n.nspname = current_schema() and c.relkind = 'r'`.execute(database.db);
  return Number(rows[0]?.bytes ?? 0);
}
