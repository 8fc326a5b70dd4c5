import { DIALECTS } from "../../test/support/store/databases";
import { at, downloadFixture, uploadFixture } from "../../test/support/store/fixtures";
import { useTestStore } from "../../test/support/store/use-store";

const DAY = 86_400;

describe.each(DIALECTS)("grant retention (%s)", (dialect) => {
  const t = useTestStore(dialect);
  const download = (expiresAt: Date) => downloadFixture({ issuedAt: new Date(expiresAt.getTime() - 60_000), expiresAt });
  const exists = async (id: string) => (await t.store.findGrant(id)) !== null;

  it("prunes grant rows expired before the cutoff that no object refers to", async () => {
    const old = download(at(-3600));
    const orphaned = uploadFixture({ issuedAt: at(-7200), expiresAt: at(-3600) });
    await t.store.recordDownloadGrants([old]);
    await t.store.recordUploadGrant(orphaned.grant, orphaned.object);
    await t.store.deleteObjectRow(orphaned.grant.key, at(-60));

    const round = await t.store.pruneGrants(at(0), 100);
    expect(round).toEqual({ deleted: 2, droppedPartitions: 0, more: false });
    expect(await exists(old.id)).toBe(false);
    expect(await exists(orphaned.grant.id)).toBe(false);
  });

  it("keeps active rows, rows still within retention, and every upload grant an object refers to", async () => {
    const active = download(at(DAY));
    const withinRetention = download(at(60));
    const needed = uploadFixture({ issuedAt: at(-7200), expiresAt: at(-3600) });
    await t.store.recordDownloadGrants([active, withinRetention]);
    await t.store.recordUploadGrant(needed.grant, needed.object);

    expect(await t.store.pruneGrants(at(0), 100)).toEqual({ deleted: 0, droppedPartitions: 0, more: false });
    for (const id of [active.id, withinRetention.id, needed.grant.id]) expect(await exists(id)).toBe(true);
    expect(await t.store.findObject(needed.grant.key)).toMatchObject({ grantId: needed.grant.id });
  });

  it("deletes at most `limit` rows a round, and says when there is more", async () => {
    const expired = [1, 2, 3, 4, 5].map((i) => download(at(-i)));
    await t.store.recordDownloadGrants(expired);
    expect(await t.store.pruneGrants(at(0), 2)).toMatchObject({ deleted: 2, more: true });
    expect(await t.store.pruneGrants(at(0), 2)).toMatchObject({ deleted: 2, more: true });
    expect(await t.store.pruneGrants(at(0), 2)).toMatchObject({ deleted: 1, more: false });
    for (const { id } of expired) expect(await exists(id)).toBe(false);
  });
});
