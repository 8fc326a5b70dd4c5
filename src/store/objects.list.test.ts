import { InvalidCursorError } from "./errors";
import { DIALECTS } from "../../test/support/store/databases";
import { useTestStore } from "../../test/support/store/use-store";
import { at, collectPages, seedUploads, uploadFixture } from "../../test/support/store/fixtures";
import type { ListObjectsArgs, ObjectRecord } from "./types";

describe.each(DIALECTS)("listing objects (%s)", (dialect) => {
  const t = useTestStore(dialect);

  const listAll = (args: Partial<ListObjectsArgs>): Promise<ObjectRecord[]> =>
    collectPages((after) => t.store.listObjects({ first: 20, ...args, after }));

  async function seed(): Promise<void> {
    // Alice's objects share creation times in groups of three; only the key breaks ties.
    const alice = Array.from({ length: 31 }, (_, i) => {
      const key = `u/alice/${String(i).padStart(2, "0")}`;
      return uploadFixture({ viewerId: "alice", key, issuedAt: at(Math.floor(i / 3)) });
    });
    const bob = Array.from({ length: 4 }, (_, i) => uploadFixture({ viewerId: "bob", issuedAt: at(i) }));
    await seedUploads(t.testDb.database.db, [...alice, ...bob]);
  }

  it("pages one owner's objects newest first without duplicates or gaps", async () => {
    await seed();
    const paged = await listAll({ ownerId: "alice", first: 4 });
    expect(paged).toHaveLength(31);
    expect(paged.every((o) => o.ownerId === "alice")).toBe(true);
    const newestFirst = (a: ObjectRecord, b: ObjectRecord) =>
      b.createdAt.getTime() - a.createdAt.getTime() || (a.key < b.key ? 1 : -1);
    expect(paged.map((o) => o.key)).toEqual([...paged].sort(newestFirst).map((o) => o.key));
    expect(new Set(paged.map((o) => o.key)).size).toBe(31);
  });

  it("lists every owner's objects when no owner is given", async () => {
    await seed();
    const all = await listAll({ first: 10 });
    expect(all).toHaveLength(35);
    expect(new Set(all.map((o) => o.ownerId))).toEqual(new Set(["alice", "bob"]));
    expect((await t.store.listObjects({ ownerId: "carol", first: 20 })).items).toEqual([]);
  });

  it("reports whether another page follows", async () => {
    await seed();
    const page = await t.store.listObjects({ ownerId: "bob", first: 3 });
    expect(page).toMatchObject({ hasNextPage: true });
    const rest = await t.store.listObjects({ ownerId: "bob", first: 3, after: page.endCursor });
    expect(rest.items).toHaveLength(1);
    expect(rest.hasNextPage).toBe(false);
  });

  it("rejects a grants cursor", async () => {
    const grantsCursor = Buffer.from(JSON.stringify(["g", 0, "id"])).toString("base64url");
    await expect(t.store.listObjects({ first: 20, after: grantsCursor })).rejects.toBeInstanceOf(InvalidCursorError);
  });
});
