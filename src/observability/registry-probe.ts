import { sql } from "kysely";
import type { Database } from "../store/database";

/**
 * Proves the registry can take writes now, without writing a row. PostgreSQL: a transaction
 * that may write (a standby, or a server set read-only, says transaction_read_only = on; a full
 * pool or a dead server never answers) that then takes the lock every grant's write takes on
 * `objects` and `grants`, waiting at most `lockTimeoutMs` (a table locked by a migration or an
 * operator's LOCK TABLE fails it, and the probe frees its connection instead of queueing). SQLite: the grant writer thread, which commits every
 * grant, answers a round trip (an empty transaction), and the main connection answers.
 */
export async function probeRegistryWrites(database: Database, lockTimeoutMs = 1000): Promise<void> {
  if (database.dialect === "postgres") {
    await database.db.transaction().execute(async (trx) => {
      const { rows } = await sql<{ readOnly: string }>`select current_setting('transaction_read_only') as "readOnly"`.execute(
        trx,
      );
      if (rows[0]?.readOnly !== "off") throw new Error("the registry is read-only (transaction_read_only is on)");
      await sql`select set_config('lock_timeout', ${`${Math.max(1, Math.floor(lockTimeoutMs))}ms`}, true)`.execute(trx);
      // ROW EXCLUSIVE: what INSERT and UPDATE take; nothing is written, and the end of the transaction releases it.
      await sql`lock table objects, grants in row exclusive mode`.execute(trx);
    });
    return;
  }
  await database.grantWriter?.insertGrants("[]");
  await sql`select 1`.execute(database.db);
}
