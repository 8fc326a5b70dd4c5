import { DIALECTS } from "../../test/support/store/databases";
import { useTestStore } from "../../test/support/store/use-store";
import { at, downloadFixture, uploadFixture } from "../../test/support/store/fixtures";

describe.each(DIALECTS)("stray sweep reads (%s)", (dialect) => {
  const t = useTestStore(dialect);

  async function upload(key: string, expiresAt: Date): Promise<string> {
    const { grant, object } = uploadFixture({ key, expiresAt });
    await t.store.recordUploadGrant(grant, object);
    return grant.id;
  }

  const from = (seconds: number, grantId = "") => ({ expiresAt: at(seconds), grantId });

  it("lists upload grants that ended after the cursor and by `until`, by expiry, never download grants", async () => {
    const early = await upload("k/early", at(100));
    const late = await upload("k/late", at(200));
    await upload("k/before", at(40));
    await upload("k/future", at(400));
    await t.store.recordDownloadGrants([downloadFixture({ key: "k/early", expiresAt: at(150) })]);

    const ended = await t.store.findEndedUploads(from(50), at(300), 10);
    expect(ended).toEqual([
      { grantId: early, key: "k/early", expiresAt: at(100) },
      { grantId: late, key: "k/late", expiresAt: at(200) },
    ]);
    expect((await t.store.findEndedUploads(from(50), at(300), 1)).map((e) => e.key)).toEqual(["k/early"]);
  });

  it("pages through grants that expire in the same millisecond by id", async () => {
    const ids = [await upload("k/a", at(100)), await upload("k/b", at(100)), await upload("k/c", at(100))].sort();
    const first = await t.store.findEndedUploads(from(0), at(300), 2);
    expect(first.map((e) => e.grantId)).toEqual(ids.slice(0, 2));
    const rest = await t.store.findEndedUploads(first[1], at(300), 2);
    expect(rest.map((e) => e.grantId)).toEqual(ids.slice(2));
  });

  it("lists upload grants past the cursor that were revoked or whose object was deleted, by expiry, never others", async () => {
    const revoked = await upload("k/revoked", at(200));
    const deleted = await upload("k/deleted", at(300));
    const both = await upload("k/both", at(300));
    await upload("k/live", at(250));
    const early = await upload("k/early", at(50));
    const [download] = await t.store.recordDownloadGrants([downloadFixture({ key: "k/live", expiresAt: at(400) })]);
    for (const id of [revoked, both, early, download.id]) await t.store.revokeGrant(id, at(10));
    await t.store.deleteObjectRow("k/deleted", at(10));
    await t.store.deleteObjectRow("k/both", at(10));

    const withdrawn = await t.store.findWithdrawnUploads(from(100), 10);
    const sameSecond = [
      { grantId: deleted, key: "k/deleted", expiresAt: at(300) },
      { grantId: both, key: "k/both", expiresAt: at(300) },
    ].sort((a, b) => a.grantId.localeCompare(b.grantId));
    expect(withdrawn).toEqual([{ grantId: revoked, key: "k/revoked", expiresAt: at(200) }, ...sameSecond]);
    const [first] = await t.store.findWithdrawnUploads(from(100), 1);
    expect(first.key).toBe("k/revoked");
    expect(await t.store.findWithdrawnUploads(sameSecond[0], 10)).toEqual([sameSecond[1]]);
  });

  it("reads upload grants by id in one call, each once, as findGrant reads each; never a download grant", async () => {
    const a = await upload("k/a", at(100));
    const b = await upload("k/b", at(200));
    await t.store.revokeGrant(b, at(150));
    const [download] = await t.store.recordDownloadGrants([downloadFixture({ key: "k/a", expiresAt: at(150) })]);
    const found = await t.store.findUploadGrants([a, b, a, "no-such-grant", download.id]);
    expect([...found.keys()].sort()).toEqual([a, b].sort());
    expect(found.get(a)).toEqual(await t.store.findGrant(a));
    expect(found.get(b)).toEqual(await t.store.findGrant(b));
    expect(found.get(b)?.revokedAt).toEqual(at(150));
    expect(await t.store.findUploadGrants([])).toEqual(new Map());
  });

  it("keeps a mark per sweep, absent until first written, then moved forward", async () => {
    expect(await t.store.readMark("strays")).toBeNull();
    await t.store.writeMark("strays", at(10));
    await t.store.writeMark("strays", at(20));
    await t.store.writeMark("other", at(5));
    expect(await t.store.readMark("strays")).toEqual(at(20));
    expect(await t.store.readMark("other")).toEqual(at(5));
  });

  it("never moves a mark back: an instance with a longer grace writes an earlier one", async () => {
    await t.store.writeMark("strays", at(20));
    await t.store.writeMark("strays", at(10));
    expect(await t.store.readMark("strays")).toEqual(at(20));
    await t.store.writeMark("strays", at(30));
    expect(await t.store.readMark("strays")).toEqual(at(30));
  });
});
