import { InvalidCursorError } from "./errors";
import { DIALECTS } from "../../test/support/store/databases";
import { useTestStore } from "../../test/support/store/use-store";
import { at, collectPages, downloadFixture, uploadFixture } from "../../test/support/store/fixtures";
import type { GrantRecord, ListGrantsArgs } from "./types";

describe.each(DIALECTS)("listing grants (%s)", (dialect) => {
  const t = useTestStore(dialect);

  const listAll = (args: Partial<ListGrantsArgs>): Promise<GrantRecord[]> =>
    collectPages((after) => t.store.listGrants({ first: 20, ...args, after }));

  it("records a download batch larger than one insert statement", async () => {
    const batch = Array.from({ length: 1203 }, (_, i) => downloadFixture({ key: `k/${i}` }));
    await t.store.recordDownloadGrants(batch);
    const page = await t.store.listGrants({ first: 100 });
    expect(page.items).toHaveLength(100);
    expect(await listAll({ first: 100 })).toHaveLength(1203);
  });

  it("paginates without duplicates or gaps when timestamps tie", async () => {
    // Groups of four grants share an issue time, so only the id tie-break orders them.
    const grants = Array.from({ length: 45 }, (_, i) => downloadFixture({ issuedAt: at(Math.floor(i / 4)) }));
    await t.store.recordDownloadGrants(grants);

    const paged = await listAll({ first: 7 });
    const oneShot = await t.store.listGrants({ first: 100 });
    expect(paged.map((g) => g.id)).toEqual(oneShot.items.map((g) => g.id));
    expect(new Set(paged.map((g) => g.id))).toEqual(new Set(grants.map((g) => g.id)));
    const times = paged.map((g) => g.issuedAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it("describes the last page and an empty page", async () => {
    await t.store.recordDownloadGrants([downloadFixture(), downloadFixture()]);
    const page = await t.store.listGrants({ first: 2 });
    expect(page.hasNextPage).toBe(false);
    const empty = await t.store.listGrants({ first: 2, after: page.endCursor });
    expect(empty).toEqual({ items: [], hasNextPage: false, endCursor: null });
  });

  it("returns as many grants as first asks for, however many", async () => {
    await t.store.recordDownloadGrants(Array.from({ length: 105 }, () => downloadFixture()));
    expect((await t.store.listGrants({ first: 1 })).items).toHaveLength(1);
    expect((await t.store.listGrants({ first: 103 })).items).toHaveLength(103);
  });

  it("filters by viewer, kind and key", async () => {
    const upload = uploadFixture({ viewerId: "alice", key: "u/alice/a" });
    await t.store.recordUploadGrant(upload.grant, upload.object);
    await t.store.recordDownloadGrants([
      downloadFixture({ viewerId: "alice", key: "u/alice/a" }),
      downloadFixture({ viewerId: "bob", key: "u/alice/a" }),
      downloadFixture({ viewerId: "alice", key: "u/alice/b" }),
    ]);

    expect(await listAll({ filter: { viewerId: "alice" } })).toHaveLength(3);
    expect(await listAll({ filter: { viewerId: "alice", kind: "download" } })).toHaveLength(2);
    expect(await listAll({ filter: { key: "u/alice/a" } })).toHaveLength(3);
    expect(await listAll({ filter: { viewerId: "bob", key: "u/alice/b" } })).toHaveLength(0);
  });

  it("filters grants active at an instant", async () => {
    const live = downloadFixture({ issuedAt: at(0), expiresAt: at(100) });
    const notYet = downloadFixture({ issuedAt: at(60), expiresAt: at(200) });
    const expired = downloadFixture({ issuedAt: at(0), expiresAt: at(50) });
    const revokedEarly = downloadFixture({ issuedAt: at(0), expiresAt: at(100) });
    const revokedLater = downloadFixture({ issuedAt: at(0), expiresAt: at(100) });
    await t.store.recordDownloadGrants([live, notYet, expired, revokedEarly, revokedLater]);
    await t.store.revokeGrant(revokedEarly.id, at(40));
    await t.store.revokeGrant(revokedLater.id, at(90));

    const active = await listAll({ filter: { activeAt: at(50) } });
    expect(active.map((g) => g.id).sort()).toEqual([live.id, revokedLater.id].sort());
  });

  it("rejects cursors it did not issue for grants", async () => {
    await expect(t.store.listGrants({ first: 20, after: "not-a-cursor" })).rejects.toBeInstanceOf(InvalidCursorError);
    const objectsCursor = Buffer.from(JSON.stringify(["o", 0, "k"])).toString("base64url");
    await expect(t.store.listGrants({ first: 20, after: objectsCursor })).rejects.toBeInstanceOf(InvalidCursorError);
  });
});
