import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Migrator, sql } from "kysely";
import pg from "pg";
import { openDatabase, type Database, type Dialect, type OpenOptions } from "../../../src/store/database";
import { migrationProvider } from "../../../src/store/migrations";
import { testPostgresUrl } from "../services/urls";

/** Server the PostgreSQL suites run against; the e2e set-up starts one if none answers, so an unreachable one is a failure. */
export const TEST_PG_URL = testPostgresUrl();

/** TEST_PG_POOL_MAX: the PostgreSQL suites' pool size (CI runs them once at 2, as PG_POOL_MAX=2 would); unset: the default. */
const TEST_PG_POOL_MAX = process.env.TEST_PG_POOL_MAX ? Number(process.env.TEST_PG_POOL_MAX) : undefined;

/**
 * The dialects store suites run on, for `describe.each`: both in `npm test`; the in-process lane
 * (`npm run test:unit`, VALET_TEST_DIALECTS=sqlite) runs SQLite only, so it needs no PostgreSQL.
 */
export const DIALECTS: readonly Dialect[] = (process.env.VALET_TEST_DIALECTS ?? "sqlite,postgres")
  .split(",")
  .map((d) => d.trim())
  .filter((d): d is Dialect => d === "sqlite" || d === "postgres");

/** A migrated, empty database private to one test, and how to throw it away. */
export interface TestDatabase {
  database: Database;
  /** URL that reopens the same database (same file, or same schema). */
  url: string;
  dispose(): Promise<void>;
}

/** Fresh database: a temp SQLite file, or a uniquely named PostgreSQL schema. */
export function openTestDatabase(dialect: Dialect, options?: OpenOptions): Promise<TestDatabase> {
  return dialect === "sqlite" ? openTestSqlite(options) : openTestPostgres({ poolMax: TEST_PG_POOL_MAX, ...options });
}

async function openTestSqlite(options?: OpenOptions): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), "valet-store-"));
  return openAt(join(dir, "valet.db"), options, async () => rmSync(dir, { recursive: true, force: true }));
}

// One schema per test database keeps parallel jest workers (and reruns) from ever sharing tables.
async function openTestPostgres(options?: OpenOptions): Promise<TestDatabase> {
  const schema = `valet_test_${process.pid}_${randomBytes(6).toString("hex")}`;
  await adminQuery(`create schema "${schema}"`);
  const drop = () => adminQuery(`drop schema "${schema}" cascade`);
  try {
    return await openAt(withSearchPath(TEST_PG_URL, schema), options, drop);
  } catch (error) {
    await drop();
    throw error;
  }
}

/** Opens the database at `url`; disposing closes it, then runs `cleanup`. */
async function openAt(url: string, options: OpenOptions | undefined, cleanup: () => Promise<void>): Promise<TestDatabase> {
  const database = await openDatabase(url, options);
  return {
    database,
    url,
    dispose: async () => {
      await database.close();
      await cleanup();
    },
  };
}

/** `url` with a libpq `options` parameter that pins `search_path` to `schema`. */
export function withSearchPath(url: string, schema: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set("options", `-c search_path=${schema}`);
  return parsed.toString();
}

/** Runs one statement on a connection of its own, outside any test database's pool. */
export async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_PG_URL });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL is unreachable at ${redact(TEST_PG_URL)} (${(error as Error).message}). ` +
        "The store's PostgreSQL tests need a running server: `npm test` starts one when none answers (its e2e set-up); " +
        "a lane without that set-up needs TEST_DATABASE_URL.",
      { cause: error },
    );
  }
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "***";
  return parsed.toString();
}

/** A Migrator over the store's migrations, for tests that step to a given one; PostgreSQL's bookkeeping in the current schema. */
export async function migratorFor({ db, dialect }: Database): Promise<Migrator> {
  const schema =
    dialect === "postgres" ? (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0].s : undefined;
  return new Migrator({ db, provider: migrationProvider, migrationTableSchema: schema });
}

/**
 * A database only one test uses, as a URL another process (or a whole app) can open: a temp SQLite
 * file, or a private PostgreSQL schema (migrated); `dispose` removes it.
 */
export async function privateDatabase(dialect: Dialect): Promise<{ url: string; dispose(): Promise<void> }> {
  if (dialect === "postgres") return openTestDatabase("postgres");
  const dir = mkdtempSync(join(tmpdir(), "valet-private-"));
  return { url: join(dir, "valet.sqlite"), dispose: async () => rmSync(dir, { recursive: true, force: true }) };
}
