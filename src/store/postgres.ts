import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import type { Tables } from "./tables";

/** True when `url` names a PostgreSQL server rather than a SQLite file. */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

// Every integer the store keeps (epoch-ms times, byte sizes) is far below 2^53, so a JS
// number is exact; refusing larger values beats silently rounding them.
function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`int8 value ${text} exceeds Number.MAX_SAFE_INTEGER`);
  return value;
}

// Scoped to this pool so other pg users in the process keep the default (string) parsing.
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === (pg.types.builtins.INT8 as number) && format !== "binary"
      ? parseInt8
      : (pg.types.getTypeParser(oid, format) as unknown)) as pg.CustomTypesConfig["getTypeParser"],
};

/**
 * No wait on the registry is unbounded: a lock held elsewhere fails a statement after
 * `lock_timeout` (as SQLite's busy timeout does), any statement after `statement_timeout`, and
 * a server that does not accept a connection after `connectionTimeoutMillis`.
 */
const BOUNDS = { lock_timeout: 5_000, statement_timeout: 15_000, connectionTimeoutMillis: 5_000 } satisfies pg.PoolConfig;

/** pg's own default, kept as Valet's (PG_POOL_MAX). */
export const DEFAULT_POOL_MAX = 10;

/** The pool, and the Kysely instance over it. */
export interface PostgresDb {
  db: Kysely<Tables>;
  /** For a session that must stay pinned to one connection and notice losing it (exclusive.ts). */
  pool: pg.Pool;
}

/**
 * A Kysely instance over a pg Pool. Connection settings, including a `search_path` via
 * `?options=-c%20search_path%3D...`, come from the URL.
 */
export function createPostgresDb(url: string, onBackgroundError: (error: Error) => void, max = DEFAULT_POOL_MAX): PostgresDb {
  const pool = new pg.Pool({ connectionString: url, types, max, ...BOUNDS });
  // An idle client losing its connection emits here; without a listener Node would crash.
  // The pool already discards the broken client, so reporting is all that is left to do.
  pool.on("error", onBackgroundError);
  // A checked-out client emits 'error' too (pg_terminate_backend, a restart, a fail-over under a
  // request's transaction), and pg-pool listens only on idle ones: unheard, it would crash the
  // process. Nothing is left to do here: the query under way, or the next one, fails with it, and
  // the pool discards the client when it comes back.
  pool.on("connect", (client) => client.on("error", () => undefined));
  return { db: new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) }), pool };
}
