import { CompiledQuery, PostgresAdapter, type Kysely } from "kysely";
import type { PrepareSqlite } from "./sqlite";
import type { GrantsTable, ObjectsTable, Tables } from "./tables";

// Fixed-shape SQL for the statements on the grant hot path. A whole batch travels as ONE JSON
// parameter, so the SQL text never depends on the batch size: SQLite prepares it once (see the
// statement cache in sqlite.ts), PostgreSQL plans it once, and no query is built per call.

const GRANT_COLUMNS = ["id", "kind", "viewer_id", "key", "profile", "content_type", "max_bytes", "issued_at", "expires_at", "revoked_at", "request_id"] as const;
const OBJECT_COLUMNS = [
  "key", "owner_id", "profile", "grant_id", "declared_content_type", "declared_size", "filename", "state",
  "size", "content_type", "etag", "reject_reason", "created_at", "completed_at", "updated_at",
] as const;
const BIGINT_COLUMNS = new Set(["max_bytes", "issued_at", "expires_at", "revoked_at", "declared_size", "size", "created_at", "completed_at", "updated_at"]);

const sqliteInsert = (table: string, columns: readonly string[]) =>
  `insert into ${table} (${columns.join(", ")}) select ${columns.map((_, i) => `json_extract(value, '$[${i}]')`).join(", ")} from json_each(?)`;
const postgresInsert = (table: string, columns: readonly string[]) =>
  `insert into ${table} (${columns.join(", ")}) select ${columns.map((c, i) => `(r->>${i})${BIGINT_COLUMNS.has(c) ? "::bigint" : ""}`).join(", ")} from json_array_elements($1::json) r`;

const sqliteInsertOne = (table: string, columns: readonly string[]) =>
  `insert into ${table} (${columns.join(", ")}) values (${columns.map(() => "?").join(", ")})`;

export const SQLITE = {
  findObject: "select * from objects where key = ?",
  findObjects: "select * from objects where key in (select value from json_each(?))",
  insertGrants: sqliteInsert("grants", GRANT_COLUMNS),
  insertObjects: sqliteInsert("objects", OBJECT_COLUMNS),
  // For the writer thread, which runs one prepared insert per row inside a transaction: cheaper
  // than json_each, which re-parses each row once per column.
  insertGrant: sqliteInsertOne("grants", GRANT_COLUMNS),
  insertObject: sqliteInsertOne("objects", OBJECT_COLUMNS),
};

const POSTGRES = {
  findObject: "select * from objects where key = $1",
  findObjects: "select * from objects where key = any($1::text[])",
  insertGrants: postgresInsert("grants", GRANT_COLUMNS),
  insertObjects: postgresInsert("objects", OBJECT_COLUMNS),
};

/** The single parameter of insertGrants: each row as an array in column order. */
export const grantRowsJson = (rows: readonly GrantsTable[]) => JSON.stringify(rows.map((r) => GRANT_COLUMNS.map((c) => r[c])));
/** The single parameter of insertObjects. */
export const objectRowsJson = (rows: readonly ObjectsTable[]) => JSON.stringify(rows.map((r) => OBJECT_COLUMNS.map((c) => r[c])));

export interface BulkSql {
  /** Rows for the given keys (duplicates allowed), in one statement. */
  findObjects(keys: readonly string[]): Promise<ObjectsTable[]>;
  /** The row for one key; json_each costs more than the lookup itself when there is only one. */
  findObject(key: string): Promise<ObjectsTable | undefined>;
  /** Inserts the rows in one statement: atomic on its own, or part of the caller's transaction. */
  insertGrants(rows: readonly GrantsTable[]): Promise<void>;
  insertObjects(rows: readonly ObjectsTable[]): Promise<void>;
}

/**
 * `prepare` (SQLite) runs the statements straight on the connection, skipping Kysely's
 * per-query promise hops; better-sqlite3 is synchronous, so nothing interleaves either way.
 */
export function createBulkSql(db: Kysely<Tables>, prepare?: PrepareSqlite): BulkSql {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const text = postgres ? POSTGRES : SQLITE;
  const run = async <R>(sql: string, param: unknown, reads: boolean): Promise<R[]> => {
    if (prepare && !db.isTransaction) {
      const statement = prepare(sql);
      return reads ? (statement.all(param) as R[]) : (statement.run(param), []);
    }
    return (await db.executeQuery<R>(CompiledQuery.raw(sql, [param]))).rows;
  };
  return {
    findObjects: (keys) => run<ObjectsTable>(text.findObjects, postgres ? [...keys] : JSON.stringify(keys), true),
    findObject: async (key) => (await run<ObjectsTable>(text.findObject, key, true))[0],
    async insertGrants(rows) {
      await run(text.insertGrants, grantRowsJson(rows), false);
    },
    async insertObjects(rows) {
      await run(text.insertObjects, objectRowsJson(rows), false);
    },
  };
}
