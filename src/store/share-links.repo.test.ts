import { DIALECTS } from "../../test/support/store/databases";
import { at, downloadFixture, uploadFixture } from "../../test/support/store/fixtures";
import { shareLinkFixture } from "../../test/support/store/share-links";
import { useTestStore } from "../../test/support/store/use-store";
import type { ObjectRecord, ShareLinkRecord } from "./types";

describe.each(DIALECTS)("share links in the registry (%s)", (dialect) => {
  const t = useTestStore(dialect);

  async function availableObject(key: string): Promise<ObjectRecord> {
    const { grant, object } = uploadFixture({ key });
    await t.store.recordUploadGrant(grant, object);
    await t.store.markAvailable(key, { size: 1, contentType: "image/png", etag: "e", versionId: "v1", at: at(0) });
    return (await t.store.findObject(key))!;
  }
  async function linkTo(object: ObjectRecord, over: Partial<ShareLinkRecord> = {}): Promise<ShareLinkRecord> {
    return t.store.recordShareLink(shareLinkFixture({ objectId: object.grantId, key: object.key, ...over }));
  }
  const grantFor = (link: ShareLinkRecord) =>
    downloadFixture({ key: link.key, viewerId: link.createdBy, via: `link:${link.id}` });

  it("records a link and finds it by id and by its token's digest, listing an object's links newest first", async () => {
    const object = await availableObject("k/a");
    const older = await linkTo(object, { createdAt: at(1) });
    const newer = await linkTo(object, { createdAt: at(5), maxDownloads: 3, disposition: "inline" });
    expect(await t.store.findShareLink(newer.id)).toEqual(newer);
    expect(await t.store.findShareLinkByDigest(older.tokenSha256)).toEqual(older);
    expect((await t.store.listShareLinks(object.grantId)).map((l) => l.id)).toEqual([newer.id, older.id]);
    expect(await t.store.findShareLink("nope")).toBeNull();
    expect(await t.store.findShareLinkByDigest("0".repeat(64))).toBeNull();
  });

  it("refuses a second link with the same token digest", async () => {
    const object = await availableObject("k/a");
    const link = await linkTo(object);
    // Not rejects.toThrow(): better-sqlite3's error class belongs to the first test file's realm that
    // loaded the addon, so in a later file of the same worker it is no `instanceof Error`.
    await expect(linkTo(object, { tokenSha256: link.tokenSha256 })).rejects.toHaveProperty(
      "message",
      expect.stringMatching(/unique|duplicate key/i),
    );
  });

  it("revokes once: a second revocation keeps the first time", async () => {
    const link = await linkTo(await availableObject("k/a"));
    expect((await t.store.revokeShareLink(link.id, at(10)))?.revokedAt).toEqual(at(10));
    expect((await t.store.revokeShareLink(link.id, at(20)))?.revokedAt).toEqual(at(10));
    expect(await t.store.revokeShareLink("nope", at(20))).toBeNull();
  });

  it("counts a use and records its download grant in the same transaction", async () => {
    const object = await availableObject("k/a");
    const link = await linkTo(object, { maxDownloads: 2 });
    let grantId = "";
    const used = await t.store.useShareLink(link, at(60), (l) => {
      const grant = grantFor(l);
      grantId = grant.id;
      return grant;
    });
    expect(used?.link.downloads).toBe(1);
    expect(used?.object).toEqual(object);
    expect(await t.store.findGrant(grantId)).toMatchObject({ key: "k/a", viewerId: "viewer-1", via: `link:${link.id}` });
    expect((await t.store.findShareLink(link.id))?.downloads).toBe(1);
  });

  it("refuses the use after the last download, and counts nothing more", async () => {
    const link = await linkTo(await availableObject("k/a"), { maxDownloads: 1 });
    expect(await t.store.useShareLink(link, at(60), grantFor)).not.toBeNull();
    expect(await t.store.useShareLink(link, at(61), grantFor)).toBeNull();
    expect((await t.store.findShareLink(link.id))?.downloads).toBe(1);
  });

  test.each([
    ["a revoked", { revokedAt: at(30) }, at(60)],
    ["an expired", { expiresAt: at(60) }, at(60)],
  ])("refuses %s link, counting and recording nothing", async (_label, over, now) => {
    const link = await linkTo(await availableObject("k/a"), over);
    let built = 0;
    expect(await t.store.useShareLink(link, now, (l) => (built++, grantFor(l)))).toBeNull();
    expect(built).toBe(0);
    expect((await t.store.findShareLink(link.id))?.downloads).toBe(0);
  });

  it("refuses a link whose object is gone, or was replaced by another object at its key", async () => {
    const object = await availableObject("k/a");
    const link = await linkTo(object);
    await t.store.deleteObjectRow("k/a", at(50));
    expect(await t.store.findShareLink(link.id)).toBeNull();
    await availableObject("k/a");
    expect(await t.store.useShareLink(link, at(60), grantFor)).toBeNull();
  });

  it("refuses a link to an object that is not AVAILABLE", async () => {
    const { grant, object } = uploadFixture({ key: "k/p" });
    await t.store.recordUploadGrant(grant, object);
    const link = await linkTo((await t.store.findObject("k/p"))!);
    expect(await t.store.useShareLink(link, at(60), grantFor)).toBeNull();
  });

  it("gives the last download to exactly one of many uses racing for it", async () => {
    const link = await linkTo(await availableObject("k/a"), { maxDownloads: 3, downloads: 2 });
    const uses = await Promise.all(Array.from({ length: 8 }, () => t.store.useShareLink(link, at(60), grantFor)));
    expect(uses.filter((u) => u !== null)).toHaveLength(1);
    expect((await t.store.findShareLink(link.id))?.downloads).toBe(3);
  });

  it("prunes links expired before the horizon, at most a batch a round, and no other link", async () => {
    const object = await availableObject("k/a");
    const old = [await linkTo(object, { expiresAt: at(10) }), await linkTo(object, { expiresAt: at(20) })];
    const live = await linkTo(object, { expiresAt: at(100) });
    const first = await t.store.pruneGrants(at(50), 1);
    expect(first).toMatchObject({ more: true });
    await t.store.pruneGrants(at(50), 1);
    expect(await Promise.all(old.map((l) => t.store.findShareLink(l.id)))).toEqual([null, null]);
    expect(await t.store.findShareLink(live.id)).toEqual(live);
  });
});
