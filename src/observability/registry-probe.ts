import { sql } from "kysely";
import type { Database } from "../store/database";

/**
 * Proves the registry can take writes now, without writing a row. PostgreSQL: a transaction
 * that may write (a standby, or a server set read-only, says transaction_read_only = on; a full
 * pool or a dead server never answers). SQLite: the grant writer thread, which commits every
 * grant, answers a round trip (an empty transaction), and the main connection answers.
 */
export async function probeRegistryWrites(database: Database): Promise<void> {
  if (database.dialect === "postgres") {
    await database.db.transaction().execute(async (trx) => {
      const { rows } = await sql<{ readOnly: string }>`select current_setting('transaction_read_only') as "readOnly"`.execute(
        trx,
      );
      if (rows[0]?.readOnly !== "off") throw new Error("the registry is read-only (transaction_read_only is on)");
    });
    return;
  }
  await database.grantWriter?.insertGrants("[]");
  await sql`select 1`.execute(database.db);
}
