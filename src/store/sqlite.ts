import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import { retainSqliteHandle } from "./sqlite-handles";
import type { Tables } from "./tables";

const MEMORY = ":memory:";

/** File path named by a SQLite URL: `PATH`, `sqlite:PATH`, `sqlite:///abs/path` or `:memory:`. */
export function sqlitePath(url: string): string {
  if (!url.toLowerCase().startsWith("sqlite:")) return url;
  const rest = url.slice("sqlite:".length);
  return rest.startsWith("//") ? rest.slice(2) : rest;
}

// WAL lets readers proceed during a write; FULL fsyncs each commit so a recorded grant
// survives power loss, which matters more here than write throughput.
/** Applied to every connection, including the grant writer's (sqlite-writer.ts). */
export const SQLITE_PRAGMAS = ["journal_mode = WAL", "synchronous = FULL", "busy_timeout = 5000", "foreign_keys = ON"];

/** A Kysely instance over one better-sqlite3 connection with the store's durability pragmas. */
export function createSqliteDb(path: string): { db: Kysely<Tables>; prepare: PrepareSqlite } {
  if (path !== MEMORY) mkdirSync(dirname(path), { recursive: true });
  const sqlite = retainSqliteHandle(new BetterSqlite3(path));
  try {
    // exec, not pragma(): pragma() prepares a statement that would then have to be retained too.
    for (const pragma of SQLITE_PRAGMAS) sqlite.exec(`PRAGMA ${pragma}`);
  } catch (error) {
    sqlite.close();
    throw error;
  }
  const cached = withStatementCache(sqlite);
  return { db: new Kysely<Tables>({ dialect: new SqliteDialect({ database: cached }) }), prepare: cached.prepare };
}

/** A cached prepared statement on the store's connection, for the few hot statements run without Kysely. */
export type PrepareSqlite = (sql: string) => BetterSqlite3.Statement;

const STATEMENT_CACHE_SIZE = 256;

/**
 * Kysely's SQLite driver prepares every statement anew; preparing costs more than running a
 * small query. Reusing prepared statements is safe here: better-sqlite3 runs them synchronously
 * on this one connection, and Kysely only iterates statements for streamed queries, which the
 * store does not use.
 */
function withStatementCache(sqlite: BetterSqlite3.Database) {
  const statements = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => sqlite.close(),
    prepare: (sql: string) => {
      let statement = statements.get(sql);
      if (!statement) {
        // An evicted statement is only dropped from the cache: it stays retained (sqlite-handles.ts).
        statement = retainSqliteHandle(sqlite.prepare(sql));
        if (statements.size >= STATEMENT_CACHE_SIZE) statements.delete(statements.keys().next().value!);
        statements.set(sql, statement);
      }
      return statement;
    },
  };
}
