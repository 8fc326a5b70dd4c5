import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import type { Tables } from "./tables";

const MEMORY = ":memory:";

/** File path named by a SQLite URL: `PATH`, `sqlite:PATH`, `sqlite:///abs/path` or `:memory:`. */
export function sqlitePath(url: string): string {
  if (!url.toLowerCase().startsWith("sqlite:")) return url;
  const rest = url.slice("sqlite:".length);
  return rest.startsWith("//") ? rest.slice(2) : rest;
}

/** A Kysely instance over one better-sqlite3 connection with the store's durability pragmas. */
export function createSqliteDb(path: string): Kysely<Tables> {
  if (path !== MEMORY) mkdirSync(dirname(path), { recursive: true });
  const sqlite = new BetterSqlite3(path);
  try {
    // WAL lets readers proceed during a write; FULL fsyncs each commit so a recorded grant
    // survives power loss, which matters more here than write throughput.
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("synchronous = FULL");
    sqlite.pragma("busy_timeout = 5000");
    sqlite.pragma("foreign_keys = ON");
  } catch (error) {
    sqlite.close();
    throw error;
  }
  return new Kysely<Tables>({ dialect: new SqliteDialect({ database: sqlite }) });
}
