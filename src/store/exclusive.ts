import { randomUUID } from "node:crypto";
import { sql, type Kysely } from "kysely";
import type { Database } from "./database";
import type { Tables } from "./tables";

/**
 * Runs `work` unless another holder of `name` is running it now; null when it did not run.
 * `lost` aborts if exclusivity ends while `work` runs; `work` checks it between steps and stops.
 */
export type RunExclusive = <T>(name: string, work: (lost: AbortSignal) => Promise<T>) => Promise<T | null>;

/** The reason `lost` carries: the holder can no longer vouch that nobody else runs `name`. */
export class ExclusivityLostError extends Error {
  constructor(name: string, why: string, cause?: Error) {
    super(`lost the "${name}" lease: ${why}`, { cause });
    this.name = "ExclusivityLostError";
  }
}

/** How long a lease lasts unless renewed; it is renewed three times per period. */
export interface ExclusiveOptions {
  leaseMs?: number;
}

/**
 * Mutual exclusion for background work (the reaper's stray sweep) across every instance sharing
 * the registry. PostgreSQL: a row in `leases` with an expiry on the server's clock, taken when it
 * is free or has run out, renewed while `work` runs, deleted after; each statement is its own
 * transaction, so no session state is kept and a pooler in transaction mode (PgBouncer) is fine.
 * An instance that dies leaves its lease to run out. A renewal that finds the lease taken, or that
 * cannot reach the server for half the lease, aborts `lost`. SQLite is one process's file (the
 * grant writer is its thread): an in-process flag does, and is never lost.
 */
export function createRunExclusive({ db, pool }: Pick<Database, "db" | "pool">, options: ExclusiveOptions = {}): RunExclusive {
  return pool ? leaseLock(db, options.leaseMs ?? 60_000) : inProcessLock();
}

const NOW = sql<number>`(extract(epoch from clock_timestamp()) * 1000)::bigint`;

function leaseLock(db: Kysely<Tables>, leaseMs: number): RunExclusive {
  const until = sql<number>`${NOW} + ${leaseMs}`;
  return async (name, work) => {
    const holder = randomUUID();
    const taken = await db
      .insertInto("leases")
      .values({ name, holder, until })
      .onConflict((c) => c.column("name").doUpdateSet({ holder, until }).where("leases.until", "<", NOW))
      .returning("holder")
      .executeTakeFirst();
    if (!taken) return null;
    const lost = new AbortController();
    let renewedAt = Date.now();
    const renew = async () => {
      try {
        const kept = await db
          .updateTable("leases")
          .set({ until })
          .where("name", "=", name)
          .where("holder", "=", holder)
          .returning("holder")
          .executeTakeFirst();
        if (kept) renewedAt = Date.now();
        else lost.abort(new ExclusivityLostError(name, "it ran out and another holder took it"));
      } catch (e) {
        if (Date.now() - renewedAt >= leaseMs / 2)
          lost.abort(new ExclusivityLostError(name, `it could not be renewed (${(e as Error).message})`, e as Error));
      }
    };
    const timer = setInterval(() => void renew(), Math.max(1, Math.floor(leaseMs / 3)));
    try {
      return await work(lost.signal);
    } finally {
      clearInterval(timer);
      // Best effort: a lease left behind runs out on its own.
      await db
        .deleteFrom("leases")
        .where("name", "=", name)
        .where("holder", "=", holder)
        .execute()
        .catch(() => undefined);
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
