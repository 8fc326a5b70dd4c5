import pg from "pg";
import { RequestUploadDocument } from "../../client/generated/graphql";
import { startTestApp, testConfig, type TestApp } from "../support/harness";
import { avatarInput } from "../support/operations";
import { openTestDatabase, type TestDatabase } from "../support/store/databases";
import { tokenFor } from "../support/tokens";

// A migration or an operator's LOCK TABLE holds `objects` past the store's lock_timeout: every
// statement that needs it (the quota read first) fails. That is a registry that cannot answer now,
// which the README promises as the retryable SERVICE_UNAVAILABLE, and /readyz must say so too.
describe("a PostgreSQL registry whose objects table another session holds locked (on Ceph)", () => {
  let tdb: TestDatabase;
  let t: TestApp;
  let alice: string;
  beforeAll(async () => {
    tdb = await openTestDatabase("postgres");
    t = await startTestApp(testConfig({ DATABASE_URL: tdb.url, READINESS_TIMEOUT_MS: "500" }));
    alice = await tokenFor("alice");
  });
  afterAll(async () => {
    await t?.close();
    await tdb?.dispose();
  });

  const readyz = async () => {
    const res = await fetch(t.url.replace("/graphql", "/readyz"));
    return { status: res.status, body: (await res.json()) as { checks: Record<string, string> } };
  };
  const upload = () => t.gql(RequestUploadDocument, { input: avatarInput() }, alice);

  it("answers an upload SERVICE_UNAVAILABLE (retryable) and /readyz 503 while the lock is held, and recovers when it is released", async () => {
    expect((await upload()).errors).toBeUndefined();
    const holder = new pg.Client({ connectionString: tdb.url });
    await holder.connect();
    try {
      await holder.query("begin");
      await holder.query("lock table objects in access exclusive mode");
      const refused = await upload();
      expect(refused.errors).toEqual([
        expect.objectContaining({ extensions: expect.objectContaining({ code: "SERVICE_UNAVAILABLE", retryable: true }) }),
      ]);
      const unready = await readyz();
      expect(unready.status).toBe(503);
      expect(["down", "timeout"]).toContain(unready.body.checks.registry);
    } finally {
      await holder.query("rollback");
      await holder.end();
    }
    expect(await readyz()).toMatchObject({ status: 200, body: { checks: { registry: "ok" } } });
    expect((await upload()).errors).toBeUndefined();
  });
});
