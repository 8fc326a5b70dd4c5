import { DIALECTS } from "../../test/support/store/databases";
import { at, uploadFixture } from "../../test/support/store/fixtures";
import { useTestStore } from "../../test/support/store/use-store";
import type { QuotaLimits } from "../domain/quota";
import { createGrantLimits } from "../limits/grant-limits";
import { openDatabase } from "../store/database";
import { createGroupCommit } from "../store/group-commit";
import { createStore } from "../store/store";
import type { NewUpload, Store, UploadOutcome } from "../store/types";
import { recordWithinQuota } from "./record-upload";

const QUOTA: QuotaLimits = { outstandingUploads: 2, pendingBytes: 1000, storedBytes: null };
const NOW = at(600);

/** recordWithinQuota's dependencies over a store, counting the exact-usage records it falls back to. */
function depsOver(store: Store) {
  const deps = {
    recordUploads: createGroupCommit<NewUpload, UploadOutcome>((uploads) => store.recordUploadGrants(uploads)),
    recordUploadAlone: (...args: Parameters<Store["recordUploadGrantWithinUsage"]>) => {
      deps.exactChecks++;
      return store.recordUploadGrantWithinUsage(...args);
    },
    now: () => NOW,
    exactChecks: 0,
  };
  return deps;
}

/** An upload of `size` bytes for alice whose grant expires at `expiresAt`. */
function upload(key: string, size: number, expiresAt = at(900)) {
  const { grant, object } = uploadFixture({ key, viewerId: "alice", expiresAt });
  return { grant, object: { ...object, declaredSize: size } };
}

describe.each(DIALECTS)("recording an upload within its quota (%s)", (dialect) => {
  const t = useTestStore(dialect);
  const keys = async () => [...(await t.store.findObjects(["k/a", "k/b", "k/c", "k/new"])).keys()].sort();

  it("records from the counters alone while they leave room: no exact check", async () => {
    const live = upload("k/a", 100);
    await t.store.recordUploadGrant(live.grant, live.object);
    const deps = depsOver(t.store);
    await recordWithinQuota(deps, upload("k/new", 900), QUOTA);
    expect(deps.exactChecks).toBe(0);
    expect(await t.store.countedUsageOf("alice")).toEqual({ outstandingUploads: 2, pendingBytes: 1000, storedBytes: 0 });
  });

  it("refuses when live uploads fill the quota, with the exact usage in the error, and records nothing", async () => {
    for (const [key, size] of [
      ["k/a", 100],
      ["k/b", 200],
    ] as const) {
      const u = upload(key, size);
      await t.store.recordUploadGrant(u.grant, u.object);
    }
    const deps = depsOver(t.store);
    await expect(recordWithinQuota(deps, upload("k/new", 1), QUOTA)).rejects.toMatchObject({
      code: "QUOTA_EXCEEDED",
      details: { quota: "outstandingUploads", limit: 2, usage: 2, requested: 1 },
    });
    expect(deps.exactChecks).toBe(1);
    expect(await keys()).toEqual(["k/a", "k/b"]);
    expect(await t.store.countedUsageOf("alice")).toEqual({ outstandingUploads: 2, pendingBytes: 300, storedBytes: 0 });
  });

  it("records when only uploads whose grant expired (not yet reaped) fill the counters: the exact usage decides", async () => {
    for (const [key, size] of [
      ["k/a", 100],
      ["k/b", 800],
    ] as const) {
      const u = upload(key, size, at(300));
      await t.store.recordUploadGrant(u.grant, u.object);
    }
    const deps = depsOver(t.store);
    await recordWithinQuota(deps, upload("k/new", 1000), QUOTA);
    expect(deps.exactChecks).toBe(1);
    expect(await keys()).toEqual(["k/a", "k/b", "k/new"]);
    // The counters still count the expired ones (the reaper settles them) and now the new one too.
    expect(await t.store.countedUsageOf("alice")).toEqual({ outstandingUploads: 3, pendingBytes: 1900, storedBytes: 0 });
  });

  it("refuses past a live upload and admits up to it, when stale uploads fill the counters", async () => {
    for (const [key, size, expires] of [
      ["k/a", 100, at(300)],
      ["k/b", 600, at(900)],
    ] as const) {
      const u = upload(key, size, expires);
      await t.store.recordUploadGrant(u.grant, u.object);
    }
    const deps = depsOver(t.store);
    await expect(recordWithinQuota(deps, upload("k/c", 401), QUOTA)).rejects.toMatchObject({
      code: "QUOTA_EXCEEDED",
      details: { quota: "pendingBytes", limit: 1000, usage: 600, requested: 401 },
    });
    await recordWithinQuota(deps, upload("k/c", 400), QUOTA);
    expect(await keys()).toEqual(["k/a", "k/b", "k/c"]);
  });

  it("records without any check when no quota limits the viewer", async () => {
    const deps = depsOver(t.store);
    for (const key of ["k/a", "k/b", "k/c"]) await recordWithinQuota(deps, upload(key, 10_000), null);
    expect(deps.exactChecks).toBe(0);
    expect(await keys()).toEqual(["k/a", "k/b", "k/c"]);
  });

  it("admits exactly the quota when 12 uploads of one viewer race, none refused that fitted", async () => {
    const deps = depsOver(t.store);
    const quota = { outstandingUploads: 5, pendingBytes: null, storedBytes: null };
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) => recordWithinQuota(deps, upload(`race/${i}`, 10), quota)),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(5);
    const refused = results.flatMap((r) => (r.status === "rejected" ? [r.reason as { code: string }] : []));
    expect(refused.map((e) => e.code)).toEqual(Array(7).fill("QUOTA_EXCEEDED"));
    expect(await t.store.countedUsageOf("alice")).toEqual({ outstandingUploads: 5, pendingBytes: 50, storedBytes: 0 });
  });

  it("admits exactly the quota across two instances (two stores on one database) racing", async () => {
    const second = await openDatabase(t.testDb.url);
    try {
      const instances = [depsOver(t.store), depsOver(createStore(second))];
      const quota = { outstandingUploads: 4, pendingBytes: null, storedBytes: null };
      const results = await Promise.allSettled(
        Array.from({ length: 16 }, (_, i) => recordWithinQuota(instances[i % 2], upload(`race/${i}`, 10), quota)),
      );
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(4);
      expect(await t.store.countedUsageOf("alice")).toEqual({ outstandingUploads: 4, pendingBytes: 40, storedBytes: 0 });
    } finally {
      await second.close();
    }
  });

  it("admits exactly what the exact usage leaves room for when stale uploads fill the counters and two instances race", async () => {
    for (const key of ["k/a", "k/b"]) {
      const stale = upload(key, 10, at(300));
      await t.store.recordUploadGrant(stale.grant, stale.object);
    }
    const second = await openDatabase(t.testDb.url);
    try {
      const instances = [depsOver(t.store), depsOver(createStore(second))];
      const results = await Promise.allSettled(
        Array.from({ length: 12 }, (_, i) => recordWithinQuota(instances[i % 2], upload(`race/${i}`, 10), QUOTA)),
      );
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(2);
      expect(instances[0].exactChecks + instances[1].exactChecks).toBe(12);
      expect(await t.store.usageOf("alice", NOW)).toEqual({ outstandingUploads: 2, pendingBytes: 20, storedBytes: 0 });
    } finally {
      await second.close();
    }
  });
});

describe("admitting an upload before it is signed", () => {
  it("refuses an upload no usage leaves room for, with the viewer's exact usage, and hands out the quotas otherwise", async () => {
    const store = { usageOf: async () => ({ outstandingUploads: 1, pendingBytes: 300, storedBytes: 0 }) } as unknown as Store;
    const settings = {
      uploadsPerMinute: 0,
      downloadsPerMinute: 0,
      linkAttemptsPerMinute: 0,
      quotas: new Map([["default", QUOTA]]),
    };
    const { limits } = await createGrantLimits({ settings, store, now: () => NOW, onBackgroundError: () => undefined });
    const alice = { id: "alice", roles: [] };
    await expect(limits.admitUpload(alice, 1001)).rejects.toMatchObject({
      code: "QUOTA_EXCEEDED",
      details: { quota: "pendingBytes", limit: 1000, usage: 300, requested: 1001 },
    });
    await expect(limits.admitUpload(alice, 1000)).resolves.toEqual(QUOTA);
  });
});
