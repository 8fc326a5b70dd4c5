import {
  GrantsDocument,
  ObjectDocument,
  RequestDownloadDocument,
  RequestDownloadsDocument,
  RevokeGrantDocument,
  type GrantFilter,
} from "../../client/generated/graphql";
import { dataOf } from "../support/harness";
import { startInProcessApp, type InProcessApp } from "../support/in-process";
import { tokenFor } from "../support/tokens";
import { uploadPng } from "../support/uploads";

/** What a presigned GET says about itself: its lifetime and signing time. */
function signedParams(url: string) {
  const q = new URL(url).searchParams;
  return { expiresIn: Number(q.get("X-Amz-Expires")), date: q.get("X-Amz-Date") };
}

// 2030-01-01T00:00:00.000Z → 20300101T000000Z, the form X-Amz-Date takes.
const amzDate = (iso: string) => iso.replace(/[-:]|\.\d{3}/g, "");

describe("download grants", () => {
  let t: InProcessApp;
  let alice: string;
  let admin: string;
  let available: string;
  let unverified: string;

  beforeAll(async () => {
    // A maximum unlike the 3600 s default and the profiles' upload maximum, so the clamp shows which one applied.
    t = await startInProcessApp({ DOWNLOAD_MAX_EXPIRES_IN: "1800" });
    [alice, admin] = await Promise.all([tokenFor("alice"), tokenFor("root", ["admin"])]);
    available = await uploadPng(t, alice);
    unverified = await uploadPng(t, alice, false);
  });
  afterAll(() => t.close());

  it("clamps a requested lifetime to DOWNLOAD_MAX_EXPIRES_IN, in the answer and in the signature", async () => {
    const g = dataOf(
      await t.gql(RequestDownloadDocument, { input: { key: available, expiresIn: 86_400 } }, alice),
    ).requestDownload;
    expect(g.expiresIn).toBe(t.config.downloads.maxExpiresIn);
    expect(signedParams(g.url).expiresIn).toBe(t.config.downloads.maxExpiresIn);
  });

  describe("an object whose bytes were POSTed but never completed (even for an admin)", () => {
    it.each([
      ["is granted once verified", () => available, true],
      ["is NOT_FOUND while unverified", () => unverified, false],
    ])("requestDownload by an admin %s", async (_label, key, granted) => {
      const res = await t.gql(RequestDownloadDocument, { input: { key: key() } }, admin);
      expect(res.data?.requestDownload?.key ?? null).toBe(granted ? key() : null);
      expect(res.errors?.[0]?.extensions?.code).toBe(granted ? undefined : "NOT_FOUND");
    });

    it("has a null downloadUrl for an admin, though the admin sees the object", async () => {
      const res = await t.gql(ObjectDocument, { key: unverified }, admin);
      expect(res.data?.object).toMatchObject({ state: "PENDING", downloadUrl: null });
    });
  });

  it("revokeGrant on a download grant records revokedAt and drops it from the active grants", async () => {
    const g = dataOf(await t.gql(RequestDownloadDocument, { input: { key: available } }, alice)).requestDownload;
    const activeIds = async () => {
      const res = await t.gql(
        GrantsDocument,
        { filter: { kind: "DOWNLOAD", activeAt: new Date().toISOString() }, first: 500 },
        admin,
      );
      return dataOf(res).grants.nodes.map((n) => n.id);
    };
    expect(await activeIds()).toContain(g.id);
    const { revokedAt } = dataOf(await t.gql(RevokeGrantDocument, { id: g.id }, admin)).revokeGrant;
    expect(revokedAt).not.toBeNull();
    expect((await t.app.services.store.findGrant(g.id))?.revokedAt).toEqual(new Date(revokedAt!));
    expect(await activeIds()).not.toContain(g.id);
  });

  it("revokeGrant answers NOT_FOUND, naming the id, for a grant that does not exist", async () => {
    const id = "00000000-0000-4000-8000-000000000000";
    expect((await t.gql(RevokeGrantDocument, { id }, admin)).errors?.[0]).toMatchObject({
      extensions: { code: "NOT_FOUND" },
      message: `no grant '${id}'`,
    });
  });
});

// A clock that moves one second per reading: a URL signed at any other reading than the grant's shows it.
describe("download grants sign exactly the lifetime they report", () => {
  let t: InProcessApp;
  let alice: string;
  let key: string;

  beforeAll(async () => {
    let ticks = 0;
    const start = Date.now();
    t = await startInProcessApp({}, { now: () => new Date(start + 1000 * ticks++) });
    alice = await tokenFor("alice");
    key = await uploadPng(t, alice);
  });
  afterAll(() => t.close());

  const recordedGrantFor = async (url: string | null | undefined) => {
    if (!url) throw new Error("no downloadUrl");
    const admin = await tokenFor("root", ["admin"]);
    const filter: GrantFilter = { kind: "DOWNLOAD", key, viewerId: "alice" };
    const nodes = dataOf(await t.gql(GrantsDocument, { filter, first: 500 }, admin)).grants.nodes;
    const { issuedAt, expiresAt } = nodes[0]; // newest first: the grant this URL was recorded as
    return { url, issuedAt, expiresAt, expiresIn: (new Date(expiresAt).getTime() - new Date(issuedAt).getTime()) / 1000 };
  };
  type Issued = { url: string; issuedAt: string; expiresAt: string; expiresIn: number };
  const paths: Array<[string, () => Promise<Issued>]> = [
    [
      "requestDownload",
      async () => dataOf(await t.gql(RequestDownloadDocument, { input: { key, expiresIn: 90 } }, alice)).requestDownload,
    ],
    [
      "requestDownloads",
      async () => dataOf(await t.gql(RequestDownloadsDocument, { keys: [key], expiresIn: 90 }, alice)).requestDownloads[0]!,
    ],
    [
      "StoredObject.downloadUrl",
      async () => recordedGrantFor(dataOf(await t.gql(ObjectDocument, { key, expiresIn: 90 }, alice)).object?.downloadUrl),
    ],
  ];

  it.each(paths)("%s: X-Amz-Expires is the grant's lifetime and X-Amz-Date its issuedAt", async (_path, issue) => {
    const g = await issue();
    expect(g.expiresIn).toBe(90);
    expect(new Date(g.expiresAt).getTime() - new Date(g.issuedAt).getTime()).toBe(g.expiresIn * 1000);
    expect(signedParams(g.url)).toEqual({ expiresIn: g.expiresIn, date: amzDate(g.issuedAt) });
  });
});
