import { resolve } from "node:path";
import { sql } from "kysely";
import { RequestUploadDocument } from "../../client/generated/graphql";
import { runReaper, type ReaperPass } from "../../src/objects/reaper";
import type { ServiceDeps } from "../../src/services/deps";
import { startInProcessApp, type InProcessApp } from "../support/in-process";
import { createMemoryStorage } from "../support/memory-storage";
import { avatarInput } from "../support/operations";
import { openTestDatabase, type TestDatabase } from "../support/store/databases";
import { downloadFixture } from "../support/store/fixtures";
import { tokenFor } from "../support/tokens";

// Two instances over one PostgreSQL registry (and one bucket), each with its own pool of 2
// connections, as two servers would be; both reapers start at the same moment over the same
// expired uploads, and each claims its own batches of them.
describe("two reapers over one PostgreSQL registry", () => {
  let testDb: TestDatabase;
  let apps: InProcessApp[];
  // Far enough on that today's partition of download grants lies wholly behind the retention cutoff.
  const TWO_DAYS = 2 * 86_400;
  const RETENTION = 3600;
  const UPLOADS = 250;
  const listed = new Map<string, number>();

  beforeAll(async () => {
    testDb = await openTestDatabase("postgres");
    const storage = createMemoryStorage({ bucket: "valet-reaper-race" });
    const removeVersions = storage.objects.removeVersions.bind(storage.objects);
    // Each S3 clean-up takes a while, so the two passes overlap as they would on a real bucket.
    storage.objects.removeVersions = async (key, options) => {
      listed.set(key, (listed.get(key) ?? 0) + 1);
      await new Promise((r) => setTimeout(r, 20));
      return removeVersions(key, options);
    };
    const env = {
      DATABASE_URL: testDb.url,
      REAP_GRACE_SECONDS: "0",
      GRANT_RETENTION_SECONDS: String(RETENTION),
      PG_POOL_MAX: "2",
      REAP_CONCURRENCY: "4",
      RATE_LIMIT_UPLOADS_PER_MINUTE: "0",
      QUOTAS_FILE: resolve(__dirname, "../../bench/servers/unlimited-quotas.json"),
    };
    apps = [await startInProcessApp(env, { storage }), await startInProcessApp(env, { storage })];
  });
  afterAll(async () => {
    await Promise.all(apps.map((a) => a.close()));
    await testDb.dispose();
  });

  const later = (app: InProcessApp, seconds: number): ServiceDeps => ({
    ...app.app.services,
    now: () => new Date(Date.now() + seconds * 1000),
  });

  it("both reap, each expired upload exactly once; each key is cleaned once; each expired row is pruned once", async () => {
    const alice = await tokenFor("alice");
    const keys: string[] = [];
    for (let i = 0; i < UPLOADS; i++) {
      const app = apps[i % 2];
      const res = await app.gql(RequestUploadDocument, { input: avatarInput({ expiresIn: 60 }) }, alice);
      keys.push(res.data!.requestUpload.key);
    }
    // Download grants that expired an hour ago, for the pruning half of the pass.
    const expired = Array.from({ length: 30 }, () =>
      downloadFixture({ issuedAt: new Date(Date.now() - 7_200_000), expiresAt: new Date(Date.now() - 3_600_000) }),
    );
    await apps[0].app.services.store.recordDownloadGrants(expired);

    const passes: ReaperPass[] = await Promise.all(apps.map((app) => runReaper(later(app, TWO_DAYS))));

    const reaped = passes.flatMap((p) => p.reaped);
    expect(reaped.sort()).toEqual([...keys].sort());
    expect(new Set(reaped).size).toBe(keys.length);
    // Claimed in batches of 100: both instances reaped a share.
    expect(passes.map((p) => p.reaped.length > 0)).toEqual([true, true]);
    expect(passes.filter((p) => p.skipped).length).toBeLessThanOrEqual(1);
    // One pass touches each reaped key once: nothing landed (the reaper saw it empty, and nothing
    // lands after the expiry), so only the stray sweep lists its versions.
    for (const key of keys) expect(listed.get(key)).toBe(1);
    const { rows } = await sql<{
      kind: string;
      n: string;
    }>`select kind, count(*) as n from grants group by kind order by kind`.execute(testDb.database.db);
    // The uploads' rows stay with their (EXPIRED) objects, younger than the retention; every expired download row is gone.
    expect(rows.map((r) => [r.kind, Number(r.n)])).toEqual([["upload", UPLOADS]]);
    const pruned = passes.reduce((n, p) => n + p.prunedGrants, 0) + passes.reduce((n, p) => n + p.droppedPartitions, 0);
    expect(pruned).toBeGreaterThanOrEqual(1);

    // Once the EXPIRED objects are past the retention they go, with their grants, once.
    const again = await Promise.all(apps.map((app) => runReaper(later(app, TWO_DAYS + RETENTION + 1))));
    expect(again.flatMap((p) => p.reaped)).toEqual([]);
    expect(again.reduce((n, p) => n + p.prunedObjects, 0)).toBe(UPLOADS);
    expect(again.reduce((n, p) => n + p.prunedGrants, 0)).toBe(UPLOADS);
    for (const key of keys) expect(listed.get(key)).toBe(1);

    // Then either instance's pass finds nothing left to do.
    const last = await Promise.all(apps.map((app) => runReaper(later(app, TWO_DAYS + RETENTION + 2))));
    expect(last.reduce((n, p) => n + p.reaped.length + p.prunedObjects + p.prunedGrants + p.droppedPartitions, 0)).toBe(0);
  });
});
