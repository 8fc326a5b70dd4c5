import type pg from "pg";
import type { Database } from "./database";

/**
 * Runs `work` unless another holder of `name` is running it now; null when it did not run.
 * `lost` aborts if exclusivity ends while `work` runs; `work` checks it between steps and stops.
 */
export type RunExclusive = <T>(name: string, work: (lost: AbortSignal) => Promise<T>) => Promise<T | null>;

/** The reason `lost` carries: the lock's holder can no longer vouch that nobody else runs `name`. */
export class ExclusivityLostError extends Error {
  constructor(name: string, cause: Error) {
    super(`lost the "${name}" lock: its PostgreSQL session ended (${cause.message})`, { cause });
    this.name = "ExclusivityLostError";
  }
}

/**
 * Mutual exclusion for background work (the reaper's passes) across every instance sharing the
 * registry. PostgreSQL: a session advisory lock, tried and never waited for, held on one pinned
 * connection while `work` runs on the pool; the server releases it if the instance dies, and if
 * the session ends under us (a restart, a fail-over, pg_terminate_backend) so is the lock: `lost`
 * aborts and the next call takes it again. The key includes the schema, so registries in
 * different schemas of one database do not block each other. SQLite is one process's file (the
 * grant writer is its thread): an in-process flag does, and is never lost.
 */
export function createRunExclusive({ pool }: Pick<Database, "pool">): RunExclusive {
  return pool ? advisoryLock(pool) : inProcessLock();
}

const KEY = "hashtextextended(current_schema() || ':' || $1, 0)";

function advisoryLock(pool: pg.Pool): RunExclusive {
  return async (name, work) => {
    const client = await pool.connect();
    const lost = new AbortController();
    const onError = (error: Error) => lost.abort(new ExclusivityLostError(name, error));
    client.on("error", onError);
    let settled = false; // the session is alive and holds no lock: the pool may hand it out again
    try {
      const { rows } = await client.query<{ locked: boolean }>(`select pg_try_advisory_lock(${KEY}) as locked`, [name]);
      if (!rows[0]?.locked) {
        settled = true;
        return null;
      }
      try {
        return await work(lost.signal);
      } finally {
        // A session that ended took its lock with it: there is nothing to unlock.
        if (!lost.signal.aborted) {
          await client.query(`select pg_advisory_unlock(${KEY})`, [name]);
          settled = true;
        }
      }
    } finally {
      client.off("error", onError);
      client.release(!settled);
    }
  };
}

function inProcessLock(): RunExclusive {
  const held = new Set<string>();
  const never = new AbortController().signal;
  return async (name, work) => {
    if (held.has(name)) return null;
    held.add(name);
    try {
      return await work(never);
    } finally {
      held.delete(name);
    }
  };
}
