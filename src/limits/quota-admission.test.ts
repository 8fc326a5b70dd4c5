import { DIALECTS } from "../../test/support/store/databases";
import { at, uploadFixture } from "../../test/support/store/fixtures";
import { useTestStore } from "../../test/support/store/use-store";
import type { QuotaUsage } from "../domain/quota";
import type { UsageRepository } from "../store/types";
import { createGrantLimits } from "./grant-limits";

const alice = { id: "alice", roles: [] };
const QUOTAS = new Map([["default", { outstandingUploads: 2, pendingBytes: 1000, storedBytes: null }]]);
const NOW = at(600);

describe.each(DIALECTS)("quota admission from the usage counters (%s)", (dialect) => {
  const t = useTestStore(dialect);
  let scans: number;

  /** The limits over the test store, counting the exact scans (usageOf) they run. */
  async function limitsOverStore() {
    scans = 0;
    const store: UsageRepository = {
      ...t.store,
      usageOf: (owner: string, now: Date): Promise<QuotaUsage> => {
        scans++;
        return t.store.usageOf(owner, now);
      },
    };
    const settings = { uploadsPerMinute: 0, downloadsPerMinute: 0, linkAttemptsPerMinute: 0, quotas: QUOTAS };
    const { limits } = await createGrantLimits({ settings, store, now: () => NOW, onBackgroundError: () => undefined });
    return limits;
  }

  /** Records an upload of `size` bytes for alice whose grant expires at `expiresAt`. */
  async function upload(key: string, size: number, expiresAt: Date) {
    const { grant, object } = uploadFixture({ key, viewerId: "alice", expiresAt });
    await t.store.recordUploadGrant(grant, { ...object, declaredSize: size });
  }

  const admit = (limits: Awaited<ReturnType<typeof limitsOverStore>>, size: number) =>
    limits.admitUpload(alice, size, async () => "issued");

  it("admits from the counters alone while they leave room: no scan of the viewer's objects", async () => {
    await upload("k/live", 100, at(900));
    const limits = await limitsOverStore();
    await expect(admit(limits, 900)).resolves.toBe("issued");
    expect(scans).toBe(0);
  });

  it("refuses when the counters are full of live uploads, with the exact usage in the error", async () => {
    await upload("k/live-1", 100, at(900));
    await upload("k/live-2", 200, at(900));
    const limits = await limitsOverStore();
    await expect(admit(limits, 1)).rejects.toMatchObject({
      code: "QUOTA_EXCEEDED",
      details: { quota: "outstandingUploads", limit: 2, usage: 2, requested: 1 },
    });
    expect(scans).toBe(1);
  });

  it("admits when only uploads whose grant expired (not yet reaped) fill the counters: the exact count decides", async () => {
    await upload("k/expired-1", 100, at(300));
    await upload("k/expired-2", 800, at(300));
    expect(await t.store.countedUsageOf("alice")).toEqual({ outstandingUploads: 2, pendingBytes: 900, storedBytes: 0 });
    const limits = await limitsOverStore();
    await expect(admit(limits, 1000)).resolves.toBe("issued");
    expect(scans).toBe(1);
  });

  it("refuses when a live upload and stale ones fill the counters, if the live one leaves too little room", async () => {
    await upload("k/expired", 100, at(300));
    await upload("k/live", 600, at(900));
    const limits = await limitsOverStore();
    await expect(admit(limits, 401)).rejects.toMatchObject({
      code: "QUOTA_EXCEEDED",
      details: { quota: "pendingBytes", limit: 1000, usage: 600, requested: 401 },
    });
    await expect(admit(limits, 400)).resolves.toBe("issued");
  });

  it("frees an upload's share in the counters once it leaves PENDING", async () => {
    await upload("k/a", 100, at(900));
    await upload("k/b", 100, at(900));
    await t.store.markRejected("k/a", { reason: "not a PNG", at: at(500) });
    const limits = await limitsOverStore();
    await expect(admit(limits, 1)).resolves.toBe("issued");
    expect(scans).toBe(0);
  });
});
