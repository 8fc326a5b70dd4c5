import { spawnSync } from "node:child_process";
import { DIALECTS } from "../../test/support/store/databases";
import { at, uploadFixture } from "../../test/support/store/fixtures";
import { useTestStore } from "../../test/support/store/use-store";
import { repairUsageCounters } from "./usage-report";

describe.each(DIALECTS)("npm run usage:repair (%s)", (dialect) => {
  const t = useTestStore(dialect);

  async function upload(key: string, viewerId: string, size: number) {
    const { grant, object } = uploadFixture({ key, viewerId, expiresAt: at(900) });
    await t.store.recordUploadGrant(grant, { ...object, declaredSize: size });
  }

  /** Drift as a crash of an older version, or a hand edit, would leave it: counters no object change explains. */
  async function drift(ownerId: string, outstanding: number, pending: number, stored: number) {
    await t.testDb.database.db
      .insertInto("usage_counters")
      .values({ owner_id: ownerId, outstanding_uploads: outstanding, pending_bytes: pending, stored_bytes: stored })
      .onConflict((oc) =>
        oc.column("owner_id").doUpdateSet({ outstanding_uploads: outstanding, pending_bytes: pending, stored_bytes: stored }),
      )
      .execute();
  }

  it("reports nothing and writes nothing when the counters agree with the objects", async () => {
    await upload("k/a", "alice", 100);
    const outcome = await repairUsageCounters(t.store, { check: false });
    expect(outcome).toEqual({ drifted: 0, repaired: false, lines: ["usage counters agree with the objects"] });
  });

  it("--check reports each drifted owner and quota, and writes nothing", async () => {
    await upload("k/a", "alice", 100);
    await upload("k/b", "bob", 50);
    await drift("alice", 5, 100, 7);
    await drift("ghost", 1, 1, 0);
    const outcome = await repairUsageCounters(t.store, { check: true });
    expect(outcome.lines).toEqual([
      '"alice" outstandingUploads: counted 5, objects say 1',
      '"alice" storedBytes: counted 7, objects say 0',
      '"ghost" outstandingUploads: counted 1, objects say 0',
      '"ghost" pendingBytes: counted 1, objects say 0',
      "2 owner(s) drifted (--check: nothing written)",
    ]);
    expect(outcome).toMatchObject({ drifted: 2, repaired: false });
    expect(await t.store.countedUsageOf("alice")).toEqual({ outstandingUploads: 5, pendingBytes: 100, storedBytes: 7 });
  });

  it("repairs drifted counters to the recount, leaving the others as they are", async () => {
    await upload("k/a", "alice", 100);
    await upload("k/b", "bob", 50);
    await drift("alice", 0, 0, 0);
    expect(await repairUsageCounters(t.store, { check: false })).toMatchObject({ drifted: 1, repaired: true });
    expect(await t.store.countedUsageOf("alice")).toEqual({ outstandingUploads: 1, pendingBytes: 100, storedBytes: 0 });
    expect(await t.store.countedUsageOf("bob")).toEqual({ outstandingUploads: 1, pendingBytes: 50, storedBytes: 0 });
    expect(await t.store.findUsageDrift()).toEqual([]);
  });

  it("exits 1 from the command line with --check on drift, 0 once repaired", async () => {
    await upload("k/a", "alice", 100);
    await drift("alice", 9, 9, 9);
    const run = (...args: string[]) =>
      spawnSync(process.execPath, ["-r", "@swc-node/register", "src/cli/usage-repair.ts", ...args], {
        env: { ...process.env, DATABASE_URL: t.testDb.url, NODE_ENV: "test" },
        encoding: "utf8",
      });
    const checked = run("--check");
    expect(checked.stdout).toContain("1 owner(s) drifted (--check: nothing written)");
    expect(checked.status).toBe(1);
    const repaired = run();
    expect(repaired.stdout).toContain("1 owner(s) drifted; counters repaired");
    expect(repaired.status).toBe(0);
    expect(run("--check").status).toBe(0);
  });
});
