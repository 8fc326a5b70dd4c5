import { sql, type Kysely } from "kysely";
import type { Dialect } from "./database";
import type { Tables } from "./tables";

/** Runs `work` unless another holder of `name` is running it now; null when it did not run. */
export type RunExclusive = <T>(name: string, work: () => Promise<T>) => Promise<T | null>;

/**
 * Mutual exclusion for background work (the reaper's passes) across every instance sharing the
 * registry. PostgreSQL: a session advisory lock, tried and never waited for, held on one pinned
 * connection while `work` runs on the pool; the server releases it if the instance dies. The key
 * includes the schema, so registries in different schemas of one database do not block each
 * other. SQLite is one process's file (the grant writer is its thread): an in-process flag does.
 */
export function createRunExclusive(db: Kysely<Tables>, dialect: Dialect): RunExclusive {
  return dialect === "postgres" ? advisoryLock(db) : inProcessLock();
}

function advisoryLock(db: Kysely<Tables>): RunExclusive {
  return (name, work) =>
    db.connection().execute(async (connection) => {
      const key = sql`hashtextextended(current_schema() || ':' || ${name}, 0)`;
      const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_lock(${key}) as locked`.execute(connection);
      if (!rows[0]?.locked) return null;
      try {
        return await work();
      } finally {
        await sql`select pg_advisory_unlock(${key})`.execute(connection);
      }
    });
}

function inProcessLock(): RunExclusive {
  const held = new Set<string>();
  return async (name, work) => {
    if (held.has(name)) return null;
    held.add(name);
    try {
      return await work();
    } finally {
      held.delete(name);
    }
  };
}
