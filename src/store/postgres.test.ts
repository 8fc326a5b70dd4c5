import { sql } from "kysely";
import pg from "pg";
import { openDatabase } from "./database";
import { createStore } from "./store";
import { isDatabaseUnwritable } from "./errors";
import { adminQuery, openTestDatabase, type TestDatabase } from "../../test/support/store/databases";
import { downloadFixture } from "../../test/support/store/fixtures";

describe("PostgreSQL database", () => {
  it("leaves the process-wide pg int8 parser alone", async () => {
    const testDb = await openTestDatabase("postgres");
    try {
      expect(testDb.database.dialect).toBe("postgres");
      expect(pg.types.getTypeParser(pg.types.builtins.INT8)("42")).toBe("42");
    } finally {
      await testDb.dispose();
    }
  });

  // The server ends a connection that sits idle in the pool: no query is running to fail.
  async function dropIdleConnection(testDb: TestDatabase): Promise<void> {
    const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(testDb.database.db);
    await adminQuery(`select pg_terminate_backend(${rows[0].pid})`);
  }

  it("hands an error on an idle pooled connection to onBackgroundError", async () => {
    let onBackgroundError!: (error: Error) => void;
    const reported = new Promise<Error>((resolve) => (onBackgroundError = resolve));
    const testDb = await openTestDatabase("postgres", { onBackgroundError });
    try {
      await dropIdleConnection(testDb);
      expect((await reported).message).toMatch(/terminating connection due to administrator command/);
      expect(await createStore(testDb.database).findGrant("x")).toBeNull(); // the pool recovers
    } finally {
      await testDb.dispose();
    }
  });

  it("writes such an error to stderr when no callback is given", async () => {
    const lines: string[] = [];
    const stderr = jest.spyOn(process.stderr, "write").mockImplementation((chunk) => lines.push(String(chunk)) > 0);
    const testDb = await openTestDatabase("postgres");
    try {
      await dropIdleConnection(testDb);
      await waitFor(() => lines.length > 0);
      expect(lines).toEqual([expect.stringMatching(/^store background error: terminating connection .*\n$/)]);
    } finally {
      stderr.mockRestore();
      await testDb.dispose();
    }
  });

  // The same error on a connection a transaction holds: pg-pool does not listen there, and an
  // unheard 'error' event would end the process (a restart or fail-over under load does this).
  it("fails the transaction whose connection the server ends, not the process, and serves the next query", async () => {
    const testDb = await openTestDatabase("postgres");
    try {
      const transaction = testDb.database.db.transaction().execute(async (trx) => {
        const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
        await adminQuery(`select pg_terminate_backend(${rows[0].pid})`);
        await new Promise((resolve) => setTimeout(resolve, 100)); // the server's goodbye arrives meanwhile
        await sql`select 1`.execute(trx);
      });
      await expect(transaction).rejects.toThrow(/terminat|not queryable/);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await createStore(testDb.database).findGrant("x")).toBeNull();
    } finally {
      await testDb.dispose();
    }
  });

  it("fails a grant write behind a table lock held elsewhere after the lock timeout, never waiting for it (class: DB faults)", async () => {
    const testDb = await openTestDatabase("postgres");
    const holder = new pg.Client({ connectionString: testDb.url });
    await holder.connect();
    try {
      await holder.query("begin");
      await holder.query("lock table grants in exclusive mode");
      const started = Date.now();
      const write = createStore(testDb.database).recordDownloadGrants([downloadFixture()]);
      await expect(write).rejects.toMatchObject({ code: "55P03" });
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(isDatabaseUnwritable(await write.catch((e: unknown) => e))).toBe(true);
      await holder.query("rollback");
      await expect(createStore(testDb.database).recordDownloadGrants([downloadFixture()])).resolves.toHaveLength(1);
    } finally {
      await holder.end();
      await testDb.dispose();
    }
  });

  it("opens at most poolMax connections (PG_POOL_MAX), 10 unless told", async () => {
    const two = await openTestDatabase("postgres", { poolMax: 2 });
    const fallback = await openTestDatabase("postgres", { poolMax: undefined });
    try {
      const backends = () => sql<{ pid: number }>`select pg_backend_pid() as pid, pg_sleep(0.05)`.execute(two.database.db);
      const pids = new Set((await Promise.all(Array.from({ length: 6 }, backends))).map(({ rows }) => rows[0].pid));
      expect(pids.size).toBe(2);
      expect(two.database.pool!.options.max).toBe(2);
      expect(fallback.database.pool!.options.max).toBe(10);
    } finally {
      await two.dispose();
      await fallback.dispose();
    }
  });

  it("fails to open when the server is unreachable", async () => {
    await expect(openDatabase("postgres://postgres@127.0.0.1:1/none")).rejects.toThrow(/ECONNREFUSED|connect/);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
}
