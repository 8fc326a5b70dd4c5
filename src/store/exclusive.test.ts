import { sql } from "kysely";
import { adminQuery, DIALECTS, openTestDatabase, type TestDatabase } from "../../test/support/store/databases";
import { openDatabase, type Database } from "./database";
import { createStore } from "./store";
import type { Store } from "./types";

describe.each(DIALECTS)("runExclusive (%s)", (dialect) => {
  let testDb: TestDatabase;
  let second: Database | undefined;
  let a: Store;
  let b: Store;

  beforeEach(async () => {
    testDb = await openTestDatabase(dialect);
    a = createStore(testDb.database);
    // PostgreSQL: another instance's pool on the same registry. SQLite: one process, one store.
    second = dialect === "postgres" ? await openDatabase(testDb.url) : undefined;
    b = second ? createStore(second) : a;
  });
  afterEach(async () => {
    await second?.close();
    await testDb.dispose();
  });

  it("does not run work while another holder of the same name runs it", async () => {
    let release!: () => void;
    const held = a.runExclusive("reaper", () => new Promise<string>((r) => (release = () => r("first"))));
    await new Promise((r) => setTimeout(r, 50));
    const calls: string[] = [];
    expect(await b.runExclusive("reaper", async () => calls.push("second"))).toBeNull();
    expect(calls).toEqual([]);
    release();
    expect(await held).toBe("first");
  });

  it("runs work once the holder is done, and never blocks another name", async () => {
    let release!: () => void;
    const held = a.runExclusive("reaper", () => new Promise<void>((r) => (release = r)));
    await new Promise((r) => setTimeout(r, 50));
    expect(await b.runExclusive("other", async () => "other ran")).toBe("other ran");
    release();
    await held;
    expect(await b.runExclusive("reaper", async () => "ran")).toBe("ran");
  });

  it("lets go of the lock when the work fails", async () => {
    await expect(a.runExclusive("reaper", () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await b.runExclusive("reaper", async () => "ran")).toBe("ran");
  });

  if (dialect === "postgres") {
    // A restart, a fail-over, idle_session_timeout or a proxy ends the lock's session: the server
    // drops the lock with it, so the work must hear of it, stop, and leave the name free.
    it("aborts `lost` when the lock's session is ended, without crashing, and lets the next call take the lock", async () => {
      let running!: () => void;
      const started = new Promise<void>((r) => (running = r));
      const held = a.runExclusive("reaper", async (lost) => {
        running();
        await new Promise((r) => lost.addEventListener("abort", r));
        lost.throwIfAborted();
      });
      await started;
      await terminateHolder(testDb, "reaper");
      await expect(held).rejects.toThrow(/lost the "reaper" lock: its PostgreSQL session ended \(terminating connection/);
      expect(await b.runExclusive("reaper", async () => "ran")).toBe("ran");
      expect(await a.runExclusive("reaper", async () => "ran again")).toBe("ran again");
    });
  }
});

/** Ends the session holding this registry's lock `name` (a bigint advisory key spans classid and objid). */
async function terminateHolder({ database }: TestDatabase, name: string): Promise<void> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(database.db);
  const key = `hashtextextended('${rows[0].schema}:${name}', 0)`;
  await adminQuery(
    `select pg_terminate_backend(pid) from pg_locks where locktype = 'advisory' and ((classid::bigint << 32) | objid::bigint) = ${key}`,
  );
}
