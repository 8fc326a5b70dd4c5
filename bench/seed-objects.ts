import { sql } from "kysely";
import type { Database } from "../src/store/database";
import { createStore } from "../src/store/store";

// One viewer's objects as years of use leave them, in bulk: 70 % AVAILABLE, 10 % PENDING (half of
// them with a grant that expired and was not reaped yet), 10 % EXPIRED, 5 % REJECTED, 5 % ABORTED;
// each with its upload grant row. Two statements, whatever the count.

const STATE = `case i % 20 when 14 then 'PENDING' when 15 then 'PENDING' when 16 then 'EXPIRED' when 17 then 'EXPIRED'
  when 18 then 'REJECTED' when 19 then 'ABORTED' else 'AVAILABLE' end`;

/** Inserts `count` objects (mixed states) with their upload grants for `ownerId`, then brings the usage counters up to date. */
export async function seedMixedObjects(database: Database, ownerId: string, count: number): Promise<void> {
  const now = Date.now();
  const numbers =
    database.dialect === "postgres"
      ? `select i from generate_series(1, ${count}) i`
      : `with recursive n(i) as (select 1 union all select i + 1 from n where i < ${count}) select i from n`;
  const id = `'seed-' || i`;
  const key = `'users/${ownerId}/seed/' || i || '.png'`;
  const grants = `insert into grants (id, kind, viewer_id, key, profile, content_type, max_bytes, issued_at, expires_at)
    select ${id}, 'upload', '${ownerId}', ${key}, 'avatar', 'image/png', 48213, ${now} - 7200000 + i,
      case when i % 2 = 0 then ${now} - 3600000 else ${now} + 3600000 end
    from (${numbers}) n`;
  const objects = `insert into objects (key, owner_id, profile, grant_id, declared_content_type, declared_size, filename, state,
      size, content_type, created_at, completed_at, updated_at, upload_method)
    select ${key}, '${ownerId}', 'avatar', ${id}, 'image/png', 48213, 'photo.png', ${STATE},
      case when ${STATE} = 'AVAILABLE' then 48213 + i % 1000 end, 'image/png', ${now} - 7200000 + i,
      case when ${STATE} = 'AVAILABLE' then ${now} - 7000000 + i end, ${now} - 7000000 + i, 'POST'
    from (${numbers}) n`;
  await database.db.transaction().execute(async (trx) => {
    // Larger than the pool's statement_timeout (postgres.ts), which is meant for requests.
    if (database.dialect === "postgres") await sql`set local statement_timeout = 0`.execute(trx);
    await sql.raw(grants).execute(trx);
    await sql.raw(objects).execute(trx);
  });
  if (database.dialect === "postgres") await sql`analyze`.execute(database.db);
  // The rows went in behind the repositories' backs: the repair brings the counters up to date.
  const store = createStore(database);
  await store.repairUsage(await store.findUsageDrift());
}
