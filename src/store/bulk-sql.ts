import { CompiledQuery, type Kysely } from "kysely";
import type { Table } from "./columns";
import type { Dialect } from "./dialect";
import type { GrantRecord, ObjectRecord } from "./records";
import { cellsToObject, rowToObject } from "./rows";
import type { PrepareSqlite } from "./sqlite";
import { grantsTable, objectsTable, type ObjectsTable, type Tables } from "./tables";
import { SQLITE_ADMIT_USAGE, SQLITE_MOVE_USAGE } from "./usage-counters";

// Fixed-shape SQL for the statements on the grant hot path. A whole batch travels as ONE JSON
// parameter, so the SQL text never depends on the batch size: SQLite prepares it once (see the
// statement cache in sqlite.ts), PostgreSQL plans it once, and no query is built per call.

type ColumnLists = Pick<Table<never, never>, "names" | "integers">;

const sqliteInsert = (name: string, { names }: ColumnLists) =>
  `insert into ${name} (${names.join(", ")}) select ${names.map((_, i) => `json_extract(value, '$[${i}]')`).join(", ")} from json_each(?)`;
const postgresInsert = (name: string, { names, integers }: ColumnLists) =>
  `insert into ${name} (${names.join(", ")}) select ${names.map((c, i) => `(r->>${i})${integers.has(c) ? "::bigint" : ""}`).join(", ")} from json_array_elements($1::json) r`;
const sqliteInsertOne = (name: string, { names }: ColumnLists) =>
  `insert into ${name} (${names.join(", ")}) values (${names.map(() => "?").join(", ")})`;

// Reads name their columns in `names` order and run in better-sqlite3's raw mode (rows as arrays):
// building a 21-key object per row took half the time of a 500-key lookup.
const objectColumns = objectsTable.names.join(", ");

export const SQLITE = {
  findObject: `select ${objectColumns} from objects where key = ?`,
  findObjects: `select ${objectColumns} from objects where key in (select value from json_each(?))`,
  insertGrants: sqliteInsert("grants", grantsTable),
  insertObjects: sqliteInsert("objects", objectsTable),
  // For the writer thread, which runs one prepared insert per row inside a transaction: cheaper
  // than json_each, which re-parses each row once per column.
  insertGrant: sqliteInsertOne("grants", grantsTable),
  insertObject: sqliteInsertOne("objects", objectsTable),
  moveUsage: SQLITE_MOVE_USAGE,
  admitUsage: SQLITE_ADMIT_USAGE.text,
};

const POSTGRES = {
  findObject: `select ${objectColumns} from objects where key = $1`,
  findObjects: `select ${objectColumns} from objects where key = any($1::text[])`,
  insertGrants: postgresInsert("grants", grantsTable),
  insertObjects: postgresInsert("objects", objectsTable),
};

/** The single parameter of insertGrants: each grant's cells as an array in column order. */
export const grantRowsJson = (grants: readonly GrantRecord[]) => JSON.stringify(grants.map(grantsTable.toCells));
/** The single parameter of insertObjects. */
export const objectRowsJson = (objects: readonly ObjectRecord[]) => JSON.stringify(objects.map(objectsTable.toCells));

export interface BulkSql {
  /** The objects at the given keys (duplicates allowed), in one statement. */
  findObjects(keys: readonly string[]): Promise<ObjectRecord[]>;
  /** The object at one key; json_each costs more than the lookup itself when there is only one. */
  findObject(key: string): Promise<ObjectRecord | undefined>;
  /** Inserts the grants in one statement: atomic on its own, or part of the caller's transaction. */
  insertGrants(grants: readonly GrantRecord[]): Promise<void>;
  insertObjects(objects: readonly ObjectRecord[]): Promise<void>;
}

/**
 * `prepare` (SQLite) runs the statements straight on the connection, skipping Kysely's
 * per-query promise hops; better-sqlite3 is synchronous, so nothing interleaves either way.
 */
export function createBulkSql(db: Kysely<Tables>, dialect: Dialect, prepare?: PrepareSqlite): BulkSql {
  const postgres = dialect === "postgres";
  const text = postgres ? POSTGRES : SQLITE;
  const write = async (sql: string, param: unknown): Promise<void> => {
    if (prepare && !db.isTransaction) prepare(sql).run(param);
    else await db.executeQuery(CompiledQuery.raw(sql, [param]));
  };
  const readObjects = async (sql: string, param: unknown): Promise<ObjectRecord[]> => {
    if (prepare && !db.isTransaction) {
      // Raw mode only for this call: Kysely shares the statement cache, and reads rows as objects.
      const statement = prepare(sql).raw(true);
      try {
        return (statement.all(param) as unknown[][]).map(cellsToObject);
      } finally {
        statement.raw(false);
      }
    }
    return (await db.executeQuery<ObjectsTable>(CompiledQuery.raw(sql, [param]))).rows.map(rowToObject);
  };
  return {
    findObjects: (keys) => readObjects(text.findObjects, postgres ? [...keys] : JSON.stringify(keys)),
    findObject: async (key) => (await readObjects(text.findObject, key))[0],
    insertGrants: (grants) => write(text.insertGrants, grantRowsJson(grants)),
    insertObjects: (objects) => write(text.insertObjects, objectRowsJson(objects)),
  };
}
