import { sql } from "kysely";
import { at, downloadFixture, uploadFixture } from "../../test/support/store/fixtures";
import { useTestStore } from "../../test/support/store/use-store";
import { listGrantPartitions } from "./grant-partitions";

const DAY = 86_400;

// PostgreSQL only (jest.config.js): SQLite has no partitions.
describe("grant partitions (postgres)", () => {
  const t = useTestStore("postgres");
  const partitionOf = async (id: string) => {
    const { rows } = await sql<{ name: string }>`select tableoid::regclass::text as name from grants where id = ${id}`.execute(
      t.testDb.database.db,
    );
    return rows[0]?.name;
  };

  it("files download grants in the day partition of their expiry, and the rest in the default", async () => {
    await t.store.prepareGrantPartitions(at(-2 * DAY), at(DAY));
    expect((await listGrantPartitions(t.testDb.database.db)).map((p) => p.name)).toEqual([
      "grants_download_p20291230",
      "grants_download_p20291231",
      "grants_download_p20300101",
    ]);
    const [inDay, beyond] = [downloadFixture({ expiresAt: at(-DAY / 2) }), downloadFixture({ expiresAt: at(3 * DAY) })];
    await t.store.recordDownloadGrants([inDay, beyond]);
    expect(await partitionOf(inDay.id)).toBe("grants_download_p20291231");
    expect(await partitionOf(beyond.id)).toBe("grants_download_default");
  });

  it("drops a partition wholly expired before the cutoff, and keeps the one the cutoff falls in", async () => {
    await t.store.prepareGrantPartitions(at(-2 * DAY), at(DAY));
    const [gone, straddling] = [downloadFixture({ expiresAt: at(-1.5 * DAY) }), downloadFixture({ expiresAt: at(-DAY / 2) })];
    await t.store.recordDownloadGrants([gone, straddling]);

    expect(await t.store.pruneGrants(at(-DAY / 4), 100)).toEqual({ deleted: 0, droppedPartitions: 1, more: false });
    expect(await t.store.findGrant(gone.id)).toBeNull();
    // Its partition ends after the cutoff: the row waits for the whole day to pass (at most a day more).
    expect(await t.store.findGrant(straddling.id)).not.toBeNull();
    expect((await listGrantPartitions(t.testDb.database.db)).map((p) => p.name)).toEqual([
      "grants_download_p20291231",
      "grants_download_p20300101",
    ]);
  });

  it("refuses, in the database itself, to delete an upload grant an object refers to", async () => {
    const { grant, object } = uploadFixture({ issuedAt: at(-7200), expiresAt: at(-3600) });
    await t.store.recordUploadGrant(grant, object);
    await expect(sql`delete from grants where id = ${grant.id}`.execute(t.testDb.database.db)).rejects.toHaveProperty(
      "message",
      expect.stringMatching(/foreign key/),
    );
  });

  it("leaves a day the default partition already holds rows of to the default", async () => {
    const early = downloadFixture({ expiresAt: at(DAY / 2) });
    await t.store.recordDownloadGrants([early]);
    await t.store.prepareGrantPartitions(at(0), at(2 * DAY));
    expect((await listGrantPartitions(t.testDb.database.db)).map((p) => p.name)).toEqual(["grants_download_p20300102"]);
    expect(await partitionOf(early.id)).toBe("grants_download_default");
    expect(await t.store.pruneGrants(at(DAY), 100)).toEqual({ deleted: 1, droppedPartitions: 0, more: false });
  });
});
