import { startTestApp, testConfig, type TestApp } from "../support/harness";
import { REQUEST_DOWNLOAD } from "../support/operations";
import { tokenFor } from "../support/tokens";
import { uploadPng } from "../support/uploads";

const OBJECT_URL = "query($key: String!, $ttl: Int) { object(key: $key) { state downloadUrl(expiresIn: $ttl) } }";
const BATCH = "mutation($keys: [String!]!, $ttl: Int) { requestDownloads(keys: $keys, expiresIn: $ttl) { url issuedAt expiresAt expiresIn } }";
const GRANTS = "query($f: GrantFilter) { grants(filter: $f, first: 500) { nodes { id issuedAt expiresAt revokedAt } } }";
const REVOKE = "mutation($id: ID!) { revokeGrant(id: $id) { id revokedAt } }";

/** What a presigned GET says about itself: its lifetime and signing time. */
function signedParams(url: string) {
  const q = new URL(url).searchParams;
  return { expiresIn: Number(q.get("X-Amz-Expires")), date: q.get("X-Amz-Date") };
}

// 2030-01-01T00:00:00.000Z → 20300101T000000Z, the form X-Amz-Date takes.
const amzDate = (iso: string) => iso.replace(/[-:]|\.\d{3}/g, "");

describe("download grants", () => {
  let t: TestApp;
  let alice: string;
  let admin: string;
  let available: string;
  let unverified: string;

  beforeAll(async () => {
    // A maximum unlike the 3600 s default and the profiles' upload maximum, so the clamp shows which one applied.
    t = await startTestApp(testConfig({ DOWNLOAD_MAX_EXPIRES_IN: "1800" }));
    [alice, admin] = await Promise.all([tokenFor("alice"), tokenFor("root", ["admin"])]);
    available = await uploadPng(t, alice);
    unverified = await uploadPng(t, alice, false);
  });
  afterAll(() => t.close());

  it("clamps a requested lifetime to DOWNLOAD_MAX_EXPIRES_IN, in the answer and in the signature", async () => {
    const g = (await t.gql(REQUEST_DOWNLOAD, { input: { key: available, expiresIn: 86_400 } }, alice)).data.requestDownload;
    expect(g.expiresIn).toBe(t.config.downloads.maxExpiresIn);
    expect(signedParams(g.url).expiresIn).toBe(t.config.downloads.maxExpiresIn);
  });

  describe("an object whose bytes were POSTed but never completed (even for an admin)", () => {
    it.each([
      ["is granted once verified", () => available, true],
      ["is NOT_FOUND while unverified", () => unverified, false],
    ])("requestDownload by an admin %s", async (_label, key, granted) => {
      const res = await t.gql(REQUEST_DOWNLOAD, { input: { key: key() } }, admin);
      expect(res.data?.requestDownload?.key ?? null).toBe(granted ? key() : null);
      expect(res.errors?.[0]?.extensions?.code).toBe(granted ? undefined : "NOT_FOUND");
    });

    it("has a null downloadUrl for an admin, though the admin sees the object", async () => {
      const res = await t.gql(OBJECT_URL, { key: unverified }, admin);
      expect(res.data.object).toEqual({ state: "PENDING", downloadUrl: null });
    });
  });

  it("revokeGrant on a download grant records revokedAt and drops it from the active grants", async () => {
    const g = (await t.gql(REQUEST_DOWNLOAD, { input: { key: available } }, alice)).data.requestDownload;
    const activeIds = async () => {
      const res = await t.gql(GRANTS, { f: { kind: "DOWNLOAD", activeAt: new Date().toISOString() } }, admin);
      return res.data.grants.nodes.map((n: { id: string }) => n.id);
    };
    expect(await activeIds()).toContain(g.id);
    const revoked = (await t.gql(REVOKE, { id: g.id }, admin)).data.revokeGrant;
    expect(revoked.revokedAt).not.toBeNull();
    expect((await t.app.services.store.findGrant(g.id))?.revokedAt).toEqual(new Date(revoked.revokedAt));
    expect(await activeIds()).not.toContain(g.id);
  });
});

// A clock that moves one second per reading: a URL signed at any other reading than the grant's shows it.
describe("download grants sign exactly the lifetime they report", () => {
  let t: TestApp;
  let alice: string;
  let key: string;

  beforeAll(async () => {
    let ticks = 0;
    const start = Date.now();
    t = await startTestApp(testConfig(), { now: () => new Date(start + 1000 * ticks++) });
    alice = await tokenFor("alice");
    key = await uploadPng(t, alice);
  });
  afterAll(() => t.close());

  const recordedGrantFor = async (url: string) => {
    const admin = await tokenFor("root", ["admin"]);
    const nodes = (await t.gql(GRANTS, { f: { kind: "DOWNLOAD", key, viewerId: "alice" } }, admin)).data.grants.nodes;
    const { issuedAt, expiresAt } = nodes[0]; // newest first: the grant this URL was recorded as
    return { url, issuedAt, expiresAt, expiresIn: (new Date(expiresAt).getTime() - new Date(issuedAt).getTime()) / 1000 };
  };
  type Issued = { url: string; issuedAt: string; expiresAt: string; expiresIn: number };
  const paths: Array<[string, () => Promise<Issued>]> = [
    ["requestDownload", async () => (await t.gql(REQUEST_DOWNLOAD, { input: { key, expiresIn: 90 } }, alice)).data.requestDownload],
    ["requestDownloads", async () => (await t.gql(BATCH, { keys: [key], ttl: 90 }, alice)).data.requestDownloads[0]],
    ["StoredObject.downloadUrl", async () => recordedGrantFor((await t.gql(OBJECT_URL, { key, ttl: 90 }, alice)).data.object.downloadUrl)],
  ];

  it.each(paths)("%s: X-Amz-Expires is the grant's lifetime and X-Amz-Date its issuedAt", async (_path, issue) => {
    const g = await issue();
    expect(g.expiresIn).toBe(90);
    expect(new Date(g.expiresAt).getTime() - new Date(g.issuedAt).getTime()).toBe(g.expiresIn * 1000);
    expect(signedParams(g.url)).toEqual({ expiresIn: g.expiresIn, date: amzDate(g.issuedAt) });
  });
});
