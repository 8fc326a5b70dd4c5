import {
  CreateShareLinkDocument,
  DeleteObjectDocument,
  ObjectLinksDocument,
  RequestDownloadDocument,
  RevokeShareLinkDocument,
} from "../../client/generated/graphql";
import { dataOf } from "../support/harness";
import { startInProcessApp, type InProcessApp } from "../support/in-process";
import { bannerInput, getRoute, linkPath, profilesWithPublic } from "../support/links";
import { tokenFor } from "../support/tokens";
import { pngBytes, uploadDocument, uploadFile } from "../support/uploads";

// GET /s/<token> and GET /o/<objectId> in process: what Valet answers (S3's side is in test/e2e/share-links.e2e.test.ts).
describe("link routes", () => {
  let t: InProcessApp;
  let alice: string;
  let doc: string;
  let clock = () => Date.now();
  let client = 0;
  // Each test gets its own client address (behind one trusted proxy), so each has a whole attempt budget.
  const address = () => `198.51.100.${++client}`;

  beforeAll(async () => {
    t = await startInProcessApp(
      { PROFILES_FILE: profilesWithPublic(), TRUST_PROXY_HOPS: "1", SHARE_LINK_ATTEMPTS_PER_MINUTE: "10" },
      { now: () => new Date(clock()) },
    );
    alice = await tokenFor("alice");
    doc = await uploadDocument(t, alice);
  });
  afterAll(() => t.close());

  const link = async (input: { maxDownloads?: number; expiresIn?: number } = {}, key = doc) =>
    dataOf(await t.gql(CreateShareLinkDocument, { input: { key, ...input } }, alice)).createShareLink;
  const open = (url: string, from: string) => getRoute(t, linkPath(url), from);
  /** Everything a refusal shows a client: status, headers but Date, body. */
  const shown = async (res: Response) => {
    const headers = [...res.headers].filter(([name]) => name !== "date" && name !== "connection" && name !== "keep-alive");
    return { status: res.status, headers, body: await res.text() };
  };

  it("redirects to a presigned GET of the verified version for SHARE_LINK_URL_TTL, no-store and no-referrer", async () => {
    const res = await open((await link()).url!, address());
    expect(res.status).toBe(302);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    const target = new URL(res.headers.get("location")!);
    expect(target.pathname).toBe(`/${t.storage.bucket}/${doc}`);
    expect(target.searchParams.get("X-Amz-Expires")).toBe("60");
    expect(target.searchParams.get("versionId")).toBe((await t.app.services.store.findObject(doc))!.versionId);
    expect(target.searchParams.get("response-content-disposition")).toMatch(/^attachment;/);
  });

  it("records each use as a download grant to the link's creator, via the link, and counts it", async () => {
    const made = await link();
    expect((await open(made.url!, address())).status).toBe(302);
    const grants = await t.app.services.store.listGrants({ filter: { key: doc, kind: "download" }, first: 100 });
    expect(grants.items.filter((g) => g.via === `link:${made.id}`)).toMatchObject([{ viewerId: "alice" }]);
    const listed = dataOf(await t.gql(ObjectLinksDocument, { key: doc }, alice)).object?.shareLinks;
    expect(listed?.find((l) => l.id === made.id)?.downloads).toBe(1);
  });

  it("serves maxDownloads uses, then refuses the link as it refuses an unknown token", async () => {
    const from = address();
    const made = await link({ maxDownloads: 2 });
    expect([(await open(made.url!, from)).status, (await open(made.url!, from)).status]).toEqual([302, 302]);
    const exhausted = await shown(await open(made.url!, from));
    const unknown = await shown(await getRoute(t, `/s/${"A".repeat(43)}`, from));
    expect(exhausted).toEqual(unknown);
    expect(unknown).toMatchObject({ status: 404, body: '{"error":"not found"}' });
  });

  it("gives the last download to exactly one of two uses at once", async () => {
    const made = await link({ maxDownloads: 2 });
    expect((await open(made.url!, address())).status).toBe(302);
    const both = await Promise.all([open(made.url!, address()), open(made.url!, address())]);
    expect(both.map((r) => r.status).sort()).toEqual([302, 404]);
  });

  it("refuses a revoked link, an expired one and one whose object was deleted exactly as an unknown token", async () => {
    const from = address();
    const unknown = await shown(await getRoute(t, "/s/not-a-token", from));
    const revoked = await link();
    await t.gql(RevokeShareLinkDocument, { id: revoked.id }, alice);
    const expiring = await link({ expiresIn: 60 });
    const key = await uploadDocument(t, alice);
    const orphaned = await link({}, key);
    await t.gql(DeleteObjectDocument, { key }, alice);
    const now = Date.now();
    clock = () => now + 61_000;
    try {
      for (const made of [revoked, expiring, orphaned]) expect(await shown(await open(made.url!, from))).toEqual(unknown);
    } finally {
      clock = () => Date.now();
    }
  });

  it("answers 429 with Retry-After once a client address has spent its attempts, and not another address", async () => {
    const guesser = address();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await getRoute(t, `/s/guess-${i}`, guesser)).status);
    expect(statuses).toEqual([...Array(10).fill(404), 429]);
    const limited = await getRoute(t, "/s/guess-11", guesser);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect((await getRoute(t, "/s/guess-12", address())).status).toBe(404);
  });

  it("answers other methods on the routes with the same 404", async () => {
    const made = await link();
    const res = await fetch(new URL(linkPath(made.url!), t.url), { method: "POST", redirect: "manual" });
    expect(res.status).toBe(404);
  });

  describe("public objects", () => {
    let banner: string;
    beforeAll(async () => {
      banner = await uploadFile(t, alice, bannerInput(), pngBytes(64));
    });

    it("serves an AVAILABLE object of a public profile at its publicUrl: a cacheable, public redirect", async () => {
      const object = dataOf(await t.gql(ObjectLinksDocument, { key: banner }, alice)).object!;
      expect(object.publicUrl).toBe(`${new URL(t.url).origin}/o/${object.id}`);
      const at = Date.now();
      clock = () => at; // both requests in one URL window
      const res = await getRoute(t, new URL(object.publicUrl!).pathname);
      expect(res.status).toBe(302);
      expect(res.headers.get("cache-control")).toMatch(/^public, max-age=\d+$/);
      const target = new URL(res.headers.get("location")!);
      expect(target.searchParams.get("response-cache-control")).toMatch(/^public, max-age=\d+$/);
      const again = await getRoute(t, new URL(object.publicUrl!).pathname);
      clock = () => Date.now();
      expect(again.headers.get("location")).toBe(res.headers.get("location"));
    });

    it("signs a cacheable requestDownload of a public object public, and of any other object private", async () => {
      const cacheControl = async (key: string) => {
        const grant = dataOf(await t.gql(RequestDownloadDocument, { input: { key, cacheable: true } }, alice)).requestDownload;
        return new URL(grant.url).searchParams.get("response-cache-control");
      };
      expect(await cacheControl(banner)).toMatch(/^public, max-age=\d+$/);
      expect(await cacheControl(doc)).toMatch(/^private, max-age=\d+$/);
    });

    it("answers the same 404 for a private object's id, an unknown id and a PENDING public object", async () => {
      const unknown = await shown(await getRoute(t, "/o/00000000-0000-7000-8000-000000000000"));
      const privateId = dataOf(await t.gql(ObjectLinksDocument, { key: doc }, alice)).object!.id;
      const pending = await pendingBannerId();
      for (const id of [privateId, pending]) expect(await shown(await getRoute(t, `/o/${id}`))).toEqual(unknown);
      expect(unknown.status).toBe(404);
    });

    async function pendingBannerId(): Promise<string> {
      const key = await uploadFile(t, alice, bannerInput(), pngBytes(64), false);
      return (await t.app.services.store.findObject(key))!.grantId;
    }
  });
});

// §5 of the sharing issue: a link's downloads count against its creator's download budget like any other.
describe("link downloads and the creator's download budget", () => {
  let t: InProcessApp;
  let alice: string;

  beforeAll(async () => {
    t = await startInProcessApp({ RATE_LIMIT_DOWNLOADS_PER_MINUTE: "2" });
    alice = await tokenFor("alice");
  });
  afterAll(() => t.close());

  it("answers 429 with Retry-After once the creator's budget is spent, without counting the refused use", async () => {
    const doc = await uploadDocument(t, alice);
    const made = dataOf(await t.gql(CreateShareLinkDocument, { input: { key: doc } }, alice)).createShareLink;
    expect((await getRoute(t, linkPath(made.url!))).status).toBe(302);
    expect((await t.gql(RequestDownloadDocument, { input: { key: doc } }, alice)).errors).toBeUndefined();
    const refused = await getRoute(t, linkPath(made.url!));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    const listed = dataOf(await t.gql(ObjectLinksDocument, { key: doc }, alice)).object?.shareLinks;
    expect(listed?.[0]?.downloads).toBe(1);
  });
});
