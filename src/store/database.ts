import { Migrator, sql, type Kysely } from "kysely";
import type pg from "pg";
import { migrationProvider } from "./migrations";
import { createPostgresDb, isPostgresUrl } from "./postgres";
import { createSqliteDb, sqlitePath, type PrepareSqlite } from "./sqlite";
import { startGrantWriter, type GrantWriter } from "./sqlite-writer";
import type { Dialect } from "./dialect";
import type { Tables } from "./tables";

export type { Dialect } from "./dialect";

/** An open, migrated database. */
export interface Database {
  db: Kysely<Tables>;
  dialect: Dialect;
  /** SQLite only: prepared statements on the same connection, for hot statements (bulk-sql.ts). */
  prepareSqlite?: PrepareSqlite;
  /** SQLite files only: the off-thread writer for grant batches (downloads, and uploads with their objects). */
  grantWriter?: GrantWriter;
  /** PostgreSQL only: the pool under `db`, for a session pinned to one connection (exclusive.ts). */
  pool?: pg.Pool;
  close(): Promise<void>;
}

/** Optional hooks for `openDatabase`. */
export interface OpenOptions {
  /**
   * Errors raised outside any query: an idle pg connection dropping, the SQLite grant writer
   * thread failing. Defaults to one line on stderr.
   */
  onBackgroundError?: (error: Error) => void;
  /** PostgreSQL: most connections the pool opens (PG_POOL_MAX); default 10, pg's own. */
  poolMax?: number;
}

// Nothing awaits these errors; unreported they would vanish, so by default they reach stderr.
const reportOnStderr = (error: Error) => {
  process.stderr.write(`store background error: ${error.message.replace(/\s+/g, " ")}\n`);
};

/**
 * Opens `postgres://…`/`postgresql://…` with a pg Pool, anything else as a SQLite file
 * (`PATH`, `sqlite:PATH`, `:memory:`), then applies pending migrations.
 */
export async function openDatabase(
  url: string,
  { onBackgroundError = reportOnStderr, poolMax }: OpenOptions = {},
): Promise<Database> {
  const dialect: Dialect = isPostgresUrl(url) ? "postgres" : "sqlite";
  const path = sqlitePath(url);
  const sqlite = dialect === "sqlite" ? createSqliteDb(path) : undefined;
  const postgres = sqlite ? undefined : createPostgresDb(url, onBackgroundError, poolMax);
  const db = sqlite?.db ?? postgres!.db;
  const database: Database = { db, dialect, prepareSqlite: sqlite?.prepare, pool: postgres?.pool, close: () => db.destroy() };
  try {
    await migrate(database);
  } catch (error) {
    await database.close();
    throw error;
  }
  if (dialect === "postgres" || path === ":memory:") return database;
  // Started after migrations, so the worker's connection sees the final schema.
  const grantWriter = startGrantWriter(path, onBackgroundError);
  const close = async () => {
    await grantWriter.close();
    await db.destroy();
  };
  return { ...database, grantWriter, close };
}

const DROPPED_MEANWHILE = new Set(["3F000", "42P01"]);

async function migrate({ db, dialect }: Database): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: migrationProvider,
    // Without an explicit schema kysely looks for its bookkeeping table in every schema,
    // and would mistake another schema's table (a parallel test, `public`) for ours.
    migrationTableSchema: dialect === "postgres" ? await currentSchema(db) : undefined,
  });
  for (let attempt = 1; ; attempt++) {
    const { error } = await migrator.migrateToLatest();
    if (!error) return;
    // kysely's introspection reads the tables of every schema in the database; one dropped while it
    // reads (another registry's: parallel test databases) fails it with invalid_schema_name or
    // undefined_table. Each migration runs in a transaction of its own, so trying again is safe,
    // and a real error is still thrown on the last attempt.
    if (attempt < 5 && DROPPED_MEANWHILE.has(String((error as { code?: unknown }).code))) continue;
    throw error instanceof Error ? error : new Error("migration failed", { cause: error });
  }
}

async function currentSchema(db: Kysely<Tables>): Promise<string> {
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
  const schema = rows[0]?.schema;
  if (!schema) throw new Error("PostgreSQL search_path names no existing schema; create it before opening");
  return schema;
}
