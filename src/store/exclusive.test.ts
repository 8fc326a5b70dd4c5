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
    // A lease row with an expiry, not a session lock: what ends sessions (a restart, a fail-over, a
    // pooler in transaction mode) costs nothing, and a lease that runs out is lost.
    const short = () => createStore(testDb.database, {}, { leaseMs: 300 });
    const until = (lost: AbortSignal) =>
      new Promise<void>((r) => lost.addEventListener("abort", () => r())).then(() => lost.throwIfAborted());

    it("aborts `lost` once another holder took its lease after it ran out, and leaves that holder's lease alone", async () => {
      let running!: () => void;
      const started = new Promise<void>((r) => (running = r));
      const held = short().runExclusive("reaper", async (lost) => (running(), until(lost)));
      await started;
      await sql`update leases set holder = 'another instance', until = until + 600000 where name = 'reaper'`.execute(
        testDb.database.db,
      );
      await expect(held).rejects.toThrow(/lost the "reaper" lease: it ran out and another holder took it/);
      expect(await b.runExclusive("reaper", async () => "ran")).toBeNull();
      await sql`delete from leases`.execute(testDb.database.db);
      expect(await b.runExclusive("reaper", async () => "ran")).toBe("ran");
    });

    it("is taken by the next caller once the holder's lease ran out (it died), never before", async () => {
      const row = (until: string) =>
        sql`insert into leases (name, holder, until) values ('reaper', 'dead instance', ${sql.raw(until)})
          on conflict (name) do update set until = excluded.until`.execute(testDb.database.db);
      await row("(extract(epoch from clock_timestamp()) * 1000)::bigint + 60000");
      expect(await b.runExclusive("reaper", async () => "ran")).toBeNull();
      await row("(extract(epoch from clock_timestamp()) * 1000)::bigint - 1");
      expect(await b.runExclusive("reaper", async () => "ran")).toBe("ran");
    });

    it("keeps its lease, renewed, while every session of its pool is terminated under it", async () => {
      const renewals: number[] = [];
      const result = await short().runExclusive("reaper", async (lost) => {
        await terminatePool(testDb);
        for (let i = 0; i < 8; i++) {
          await new Promise((r) => setTimeout(r, 100));
          const { rows } = await sql<{ until: string }>`select until from leases where name = 'reaper'`.execute(
            testDb.database.db,
          );
          renewals.push(Number(rows[0].until));
        }
        return lost.aborted ? "lost" : "kept";
      });
      expect(result).toBe("kept");
      expect(new Set(renewals).size).toBeGreaterThan(1);
      expect(await b.runExclusive("reaper", async () => "ran")).toBe("ran");
    });
  }
});

/** Ends every session of this registry's pool (pg's pool lists its clients, each with its backend's pid). */
async function terminatePool({ database }: TestDatabase): Promise<void> {
  const clients = (database.pool as unknown as { _clients: Array<{ processID: number }> })._clients;
  const pids = clients.map((c) => c.processID).filter(Boolean);
  expect(pids.length).toBeGreaterThan(0);
  await adminQuery(`select pg_terminate_backend(pid) from pg_stat_activity where pid in (${pids.join(", ")})`);
}
