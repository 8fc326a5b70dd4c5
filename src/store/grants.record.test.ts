import { ConflictError } from "./errors";
import { createGrantRepository } from "./grants.repo";
import { DIALECTS } from "../../test/support/store/databases";
import { useTestStore } from "../../test/support/store/use-store";
import { at, downloadFixture, uploadFixture } from "../../test/support/store/fixtures";

describe.each(DIALECTS)("recording grants (%s)", (dialect) => {
  const t = useTestStore(dialect);

  it("records an upload grant and its PENDING object together", async () => {
    const { grant, object } = uploadFixture();
    const recorded = await t.store.recordUploadGrant(grant, object);

    expect(await t.store.findGrant(grant.id)).toEqual(grant);
    expect(recorded.grant).toEqual(grant);
    const stored = await t.store.findObject(grant.key);
    expect(stored).toEqual(recorded.object);
    expect(stored).toMatchObject({ state: "PENDING", grantId: grant.id, createdAt: at(0), updatedAt: at(0) });
    expect(stored).toMatchObject({ size: null, etag: null, completedAt: null, declaredSize: 1234 });
  });

  it("rolls the grant back when the object key is taken", async () => {
    const first = uploadFixture({ key: "u/viewer-1/same" });
    await t.store.recordUploadGrant(first.grant, first.object);
    const second = uploadFixture({ key: "u/viewer-1/same", issuedAt: at(60) });

    const error = await t.store.recordUploadGrant(second.grant, second.object).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ entity: "object", id: "u/viewer-1/same" });
    expect(await t.store.findGrant(second.grant.id)).toBeNull();
    expect(await t.store.findObject("u/viewer-1/same")).toMatchObject({ grantId: first.grant.id });
  });

  it("records a batch of uploads with their objects, all or none", async () => {
    const batch = [uploadFixture({ key: "u/b/1" }), uploadFixture({ key: "u/b/2" })];
    await t.store.recordUploadGrants(batch);
    for (const { grant } of batch) {
      expect(await t.store.findGrant(grant.id)).toEqual(grant);
      expect(await t.store.findObject(grant.key)).toMatchObject({ state: "PENDING", grantId: grant.id });
    }

    const clash = [uploadFixture({ key: "u/b/3" }), uploadFixture({ key: "u/b/1" })];
    await expect(t.store.recordUploadGrants(clash)).rejects.toBeInstanceOf(ConflictError);
    expect(await t.store.findGrant(clash[0].grant.id)).toBeNull();
    expect(await t.store.findObject("u/b/3")).toBeNull();
  });

  it("reports a reused grant id as a grant conflict", async () => {
    const first = uploadFixture();
    await t.store.recordUploadGrant(first.grant, first.object);
    const again = uploadFixture({ id: first.grant.id, key: "u/viewer-1/other" });

    await expect(t.store.recordUploadGrant(again.grant, again.object)).rejects.toMatchObject({
      name: "ConflictError",
      entity: "grant",
    });
    expect(await t.store.findObject("u/viewer-1/other")).toBeNull();
  });

  it("refuses grants of the wrong kind or objects of another grant", async () => {
    const { grant, object } = uploadFixture();
    const download = downloadFixture({ id: grant.id, key: grant.key });
    await expect(t.store.recordUploadGrant(download, object)).rejects.toThrow(/expected upload/);
    await expect(t.store.recordUploadGrant(grant, { ...object, key: "x" })).rejects.toThrow(/does not belong/);
    await expect(t.store.recordDownloadGrants([grant])).rejects.toThrow(/expected download/);
  });

  it("records a batch of download grants, all or none", async () => {
    const batch = [1, 2, 3].map((i) => downloadFixture({ key: `k/${i}`, requestId: "req-9" }));
    expect(await t.store.recordDownloadGrants(batch)).toEqual(batch);
    for (const grant of batch) expect(await t.store.findGrant(grant.id)).toEqual(grant);
    expect(await t.store.recordDownloadGrants([])).toEqual([]);

    const clash = [downloadFixture({ key: "k/4" }), { ...downloadFixture(), id: batch[1].id }];
    await expect(t.store.recordDownloadGrants(clash)).rejects.toBeInstanceOf(ConflictError);
    expect(await t.store.findGrant(clash[0].id)).toBeNull();
  });

  it("refuses to read a grant row whose upload-only fields contradict its kind", async () => {
    const grant = downloadFixture();
    await t.store.recordDownloadGrants([grant]);
    await t.testDb.database.db.updateTable("grants").set({ max_bytes: 10 }).where("id", "=", grant.id).execute();
    await expect(t.store.findGrant(grant.id)).rejects.toThrow(/contradict its kind/);
  });

  it("keeps the first revocation time when revoked twice", async () => {
    const grant = downloadFixture();
    await t.store.recordDownloadGrants([grant]);

    expect(await t.store.revokeGrant(grant.id, at(10))).toEqual({ ...grant, revokedAt: at(10) });
    expect(await t.store.revokeGrant(grant.id, at(20))).toEqual({ ...grant, revokedAt: at(10) });
    expect(await t.store.findGrant(grant.id)).toMatchObject({ revokedAt: at(10) });
    expect(await t.store.revokeGrant("no-such-grant", at(30))).toBeNull();
  });

  it("joins a caller's transaction so several grants commit or roll back together", async () => {
    const a = uploadFixture();
    const b = downloadFixture();
    const failed = t.testDb.database.db.transaction().execute(async (trx) => {
      const repo = createGrantRepository(trx, dialect);
      await repo.recordUploadGrant(a.grant, a.object);
      await repo.recordDownloadGrants([b]);
      throw new Error("abort the batch");
    });
    await expect(failed).rejects.toThrow("abort the batch");
    expect(await t.store.findGrant(a.grant.id)).toBeNull();
    expect(await t.store.findGrant(b.id)).toBeNull();

    await t.testDb.database.db.transaction().execute(async (trx) => {
      await createGrantRepository(trx, dialect).recordUploadGrant(a.grant, a.object);
      await createGrantRepository(trx, dialect).recordDownloadGrants([b]);
    });
    expect(await t.store.findObject(a.grant.key)).not.toBeNull();
    expect(await t.store.findGrant(b.id)).toEqual(b);
  });
});
