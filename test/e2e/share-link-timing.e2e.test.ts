import { randomBytes } from "node:crypto";
import { CreateShareLinkDocument, RevokeShareLinkDocument } from "../../client/generated/graphql";
import { dataOf, startTestApp, testConfig, type TestApp } from "../support/harness";
import { getRoute, linkPath } from "../support/links";
import { openTestDatabase, type TestDatabase } from "../support/store/databases";
import { tokenFor } from "../support/tokens";
import { uploadDocument } from "../support/uploads";

const ROUNDS = Number(process.env.LINK_TIMING_ROUNDS ?? 60);

const median = (xs: number[]) => {
  const sorted = [...xs].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

// No oracle in the time of a 404: an unknown token, a revoked link and a used-up one cost the same
// hash and the same one registry lookup. Measured on PostgreSQL (the registry of a deployment
// with several instances), the kinds interleaved so that load on a shared machine hits all alike.
describe("share-link 404 timing", () => {
  let testDb: TestDatabase;
  let t: TestApp;

  beforeAll(async () => {
    testDb = await openTestDatabase("postgres");
    t = await startTestApp(testConfig({ DATABASE_URL: testDb.url, SHARE_LINK_ATTEMPTS_PER_MINUTE: "0" }));
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await testDb?.dispose();
  });

  it("takes about as long for an unknown, a revoked and a used-up token (medians logged)", async () => {
    const alice = await tokenFor("alice");
    const doc = await uploadDocument(t, alice);
    const create = async (maxDownloads?: number) =>
      dataOf(await t.gql(CreateShareLinkDocument, { input: { key: doc, maxDownloads } }, alice)).createShareLink;
    const revoked = await create();
    await t.gql(RevokeShareLinkDocument, { id: revoked.id }, alice);
    const used = await create(1);
    expect((await getRoute(t, linkPath(used.url!))).status).toBe(302);
    const paths: Record<string, () => string> = {
      unknown: () => `/s/${randomBytes(32).toString("base64url")}`,
      revoked: () => linkPath(revoked.url!),
      "used up": () => linkPath(used.url!),
    };
    const times: Record<string, number[]> = { unknown: [], revoked: [], "used up": [] };
    const kinds = Object.keys(paths);
    for (let round = 0; round < ROUNDS + 5; round++) {
      for (const kind of round % 2 ? kinds : [...kinds].reverse()) {
        const path = paths[kind]();
        const started = performance.now();
        const res = await getRoute(t, path);
        await res.text();
        const ms = performance.now() - started;
        expect(res.status).toBe(404);
        if (round >= 5) times[kind].push(ms); // the first rounds warm connections and statement plans
      }
    }
    const medians = Object.fromEntries(kinds.map((k) => [k, Number(median(times[k]).toFixed(3))]));
    console.log(`share-link 404 medians over ${ROUNDS} rounds (ms): ${JSON.stringify(medians)}`);
    // Generous on purpose (a shared 2-core machine): a difference an attacker could use would be a
    // second query or a signing step, several times the lookup, not a fraction of a millisecond.
    const values = Object.values(medians);
    expect(Math.max(...values)).toBeLessThan(2 * Math.min(...values) + 2);
  });
});
