import { DIALECTS } from "../../test/support/store/databases";
import { at, downloadFixture, uploadFixture } from "../../test/support/store/fixtures";
import { shareFixture } from "../../test/support/store/shares";
import { useTestStore } from "../../test/support/store/use-store";
import type { ObjectRecord } from "./types";

const grantee = { viewerId: "viewer-2", roles: ["staff"] };

describe.each(DIALECTS)("shares in the registry (%s)", (dialect) => {
  const t = useTestStore(dialect);

  async function availableObject(key: string, ownerId = "viewer-1", createdAt = at(0)): Promise<ObjectRecord> {
    const { grant, object } = uploadFixture({ key, viewerId: ownerId, issuedAt: createdAt });
    await t.store.recordUploadGrant(grant, { ...object, claims: { org: "acme" } });
    await t.store.markAvailable(key, { size: 1, contentType: "image/png", etag: "e", versionId: "v1", at: createdAt });
    return (await t.store.findObject(key))!;
  }

  it("records, finds and lists a share", async () => {
    const object = await availableObject("k/a");
    const share = shareFixture({ objectId: object.grantId, key: object.key });
    expect(await t.store.recordShare(share)).toEqual(share);
    expect(await t.store.findShare(share.id)).toEqual(share);
    expect(await t.store.listShares(object.grantId)).toEqual([share]);
    expect(await t.store.findShare("nope")).toBeNull();
  });

  it("keeps an object's recorded claims", async () => {
    expect((await availableObject("k/c")).claims).toEqual({ org: "acme" });
  });

  it("lists an object's shares newest first, ended ones too", async () => {
    const object = await availableObject("k/a");
    const older = shareFixture({ objectId: object.grantId, key: object.key, createdAt: at(1), revokedAt: at(2) });
    const newer = shareFixture({ objectId: object.grantId, key: object.key, createdAt: at(5), role: "staff", viewerId: null });
    await t.store.recordShare(older);
    await t.store.recordShare(newer);
    expect((await t.store.listShares(object.grantId)).map((s) => s.id)).toEqual([newer.id, older.id]);
  });

  it("refuses a share naming both a viewer and a role, or neither", async () => {
    const object = await availableObject("k/a");
    for (const over of [{ role: "staff" }, { viewerId: null }]) {
      await expect(
        t.store.recordShare(shareFixture({ objectId: object.grantId, key: object.key, ...over })),
      ).rejects.toHaveProperty("message", expect.stringMatching(/check constraint.*shares_grantee_check/i));
    }
  });

  it("revokes once: a second revocation keeps the first time", async () => {
    const object = await availableObject("k/a");
    const share = await t.store.recordShare(shareFixture({ objectId: object.grantId, key: object.key }));
    expect(await t.store.revokeShare(share.id, at(10))).toMatchObject({ revokedAt: at(10) });
    expect(await t.store.revokeShare(share.id, at(20))).toMatchObject({ revokedAt: at(10) });
    expect(await t.store.revokeShare("nope", at(20))).toBeNull();
  });

  describe("findActiveShares", () => {
    test.each<[string, Record<string, unknown>, boolean]>([
      ["a share naming the viewer", {}, true],
      ["a share naming one of its roles", { viewerId: null, role: "staff" }, true],
      ["a share naming another viewer", { viewerId: "viewer-3" }, false],
      ["a share naming another role", { viewerId: null, role: "press" }, false],
      ["a revoked share", { revokedAt: at(1) }, false],
      ["a share expiring at that instant", { expiresAt: at(100) }, false],
      ["a share expiring just after", { expiresAt: new Date(at(100).getTime() + 1) }, true],
    ])("finds %s: %p", async (_label, over, found) => {
      const object = await availableObject("k/a");
      const share = await t.store.recordShare(shareFixture({ objectId: object.grantId, key: object.key, ...over }));
      const active = await t.store.findActiveShares([object.grantId], grantee, at(100));
      expect(active.map((s) => s.id)).toEqual(found ? [share.id] : []);
    });

    it("finds no role share for a viewer without roles, and nothing for no objects", async () => {
      const object = await availableObject("k/a");
      await t.store.recordShare(shareFixture({ objectId: object.grantId, key: object.key, viewerId: null, role: "staff" }));
      expect(await t.store.findActiveShares([object.grantId], { viewerId: "viewer-2", roles: [] }, at(1))).toEqual([]);
      expect(await t.store.findActiveShares([], grantee, at(1))).toEqual([]);
    });

    it("finds only the named objects' shares", async () => {
      const [a, b] = [await availableObject("k/a"), await availableObject("k/b")];
      const onA = await t.store.recordShare(shareFixture({ objectId: a.grantId, key: a.key }));
      await t.store.recordShare(shareFixture({ objectId: b.grantId, key: b.key }));
      expect((await t.store.findActiveShares([a.grantId, a.grantId], grantee, at(1))).map((s) => s.id)).toEqual([onA.id]);
    });
  });

  it("deletes an object's shares with it, and none of another object's", async () => {
    const [a, b] = [await availableObject("k/a"), await availableObject("k/b")];
    const onA = await t.store.recordShare(shareFixture({ objectId: a.grantId, key: a.key }));
    const onB = await t.store.recordShare(shareFixture({ objectId: b.grantId, key: b.key }));
    expect(await t.store.deleteObjectRow("k/a", at(50))).toBe(true);
    expect(await t.store.findShare(onA.id)).toBeNull();
    expect(await t.store.findShare(onB.id)).toEqual(onB);
  });

  it("gives a new object at a deleted object's key none of the old shares", async () => {
    const old = await availableObject("k/a");
    await t.store.recordShare(shareFixture({ objectId: old.grantId, key: old.key }));
    await t.store.deleteObjectRow("k/a", at(50));
    const fresh = await availableObject("k/a");
    expect(fresh.grantId).not.toBe(old.grantId);
    expect(await t.store.findActiveShares([fresh.grantId], grantee, at(1))).toEqual([]);
    expect(await t.store.listShares(fresh.grantId)).toEqual([]);
  });

  describe("objects shared with a viewer", () => {
    it("lists AVAILABLE objects with an active share naming the viewer or its role, newest first, once each", async () => {
      const byId = await availableObject("k/by-id", "viewer-1", at(1));
      const byRole = await availableObject("k/by-role", "viewer-3", at(2));
      const both = await availableObject("k/both", "viewer-1", at(3));
      const revoked = await availableObject("k/revoked", "viewer-1", at(4));
      const unshared = await availableObject("k/unshared", "viewer-1", at(5));
      await t.store.recordShare(shareFixture({ objectId: byId.grantId, key: byId.key }));
      await t.store.recordShare(shareFixture({ objectId: byRole.grantId, key: byRole.key, viewerId: null, role: "staff" }));
      await t.store.recordShare(shareFixture({ objectId: both.grantId, key: both.key }));
      await t.store.recordShare(shareFixture({ objectId: both.grantId, key: both.key, viewerId: null, role: "staff" }));
      await t.store.recordShare(shareFixture({ objectId: revoked.grantId, key: revoked.key, revokedAt: at(6) }));
      void unshared;
      const page = await t.store.listObjects({ sharedWith: { ...grantee, at: at(10) }, first: 10 });
      expect(page.items.map((o) => o.key)).toEqual(["k/both", "k/by-role", "k/by-id"]);
      const firstTwo = await t.store.listObjects({ sharedWith: { ...grantee, at: at(10) }, first: 2 });
      expect(firstTwo.hasNextPage).toBe(true);
      const rest = await t.store.listObjects({ sharedWith: { ...grantee, at: at(10) }, first: 2, after: firstTwo.endCursor });
      expect(rest.items.map((o) => o.key)).toEqual(["k/by-id"]);
    });

    it("leaves out a shared object that is not AVAILABLE", async () => {
      const { grant, object } = uploadFixture({ key: "k/pending" });
      await t.store.recordUploadGrant(grant, object);
      await t.store.recordShare(shareFixture({ objectId: grant.id, key: grant.key }));
      expect((await t.store.listObjects({ sharedWith: { ...grantee, at: at(1) }, first: 20 })).items).toEqual([]);
    });
  });

  it("records which share or link a download came through", async () => {
    const viaShare = downloadFixture({ via: "share:s-1" });
    const own = downloadFixture();
    await t.store.recordDownloadGrants([viaShare, own]);
    expect(await t.store.findGrant(viaShare.id)).toMatchObject({ via: "share:s-1" });
    expect(await t.store.findGrant(own.id)).toMatchObject({ via: null });
  });
});
