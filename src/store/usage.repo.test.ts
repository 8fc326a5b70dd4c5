import { DIALECTS } from "../../test/support/store/databases";
import { at, uploadFixture } from "../../test/support/store/fixtures";
import { useTestStore } from "../../test/support/store/use-store";

const GiB = 1024 ** 3;

describe.each(DIALECTS)("usage of one owner (%s)", (dialect) => {
  const t = useTestStore(dialect);

  /** Records an upload grant issued at 0 s and valid until `expiresAt`, declaring `size` bytes. */
  async function upload(key: string, size: number, { ownerId = "alice", expiresAt = at(900) } = {}) {
    const { grant, object } = uploadFixture({ key, viewerId: ownerId, expiresAt });
    await t.store.recordUploadGrant(grant, { ...object, declaredSize: size });
  }

  async function available(key: string, size: number) {
    await upload(key, size);
    await t.store.markAvailable(key, { size, contentType: "image/png", etag: '"e"', versionId: "v1", at: at(10) });
  }

  it("is zero for an owner with no objects", async () => {
    expect(await t.store.usageOf("nobody", at(0))).toEqual({ outstandingUploads: 0, pendingBytes: 0, storedBytes: 0 });
  });

  it("counts PENDING objects with a valid grant, and sums AVAILABLE objects' verified sizes", async () => {
    await upload("k/pending-1", 100);
    await upload("k/pending-2", 250);
    await available("k/stored", 999);
    expect(await t.store.usageOf("alice", at(60))).toEqual({ outstandingUploads: 2, pendingBytes: 350, storedBytes: 999 });
  });

  it("leaves out uploads whose grant has expired, rejected and expired objects, and other owners", async () => {
    await upload("k/live", 10);
    await upload("k/grant-over", 20, { expiresAt: at(60) });
    await upload("k/rejected", 30);
    await t.store.markRejected("k/rejected", { reason: "not a PNG", at: at(5) });
    await upload("k/expired", 40);
    await t.store.markExpired("k/expired", at(5));
    await upload("k/bobs", 50, { ownerId: "bob" });
    expect(await t.store.usageOf("alice", at(60))).toEqual({ outstandingUploads: 1, pendingBytes: 10, storedBytes: 0 });
    expect(await t.store.usageOf("alice", at(59))).toMatchObject({ outstandingUploads: 2, pendingBytes: 30 });
  });

  it("sums sizes beyond 32 bits as exact numbers", async () => {
    await available("k/big-1", 3 * GiB + 1);
    await available("k/big-2", 3 * GiB + 2);
    await upload("k/big-pending", 5 * GiB);
    const usage = await t.store.usageOf("alice", at(60));
    expect(usage).toEqual({ outstandingUploads: 1, pendingBytes: 5 * GiB, storedBytes: 6 * GiB + 3 });
    expect(typeof usage.storedBytes).toBe("number");
  });
});
