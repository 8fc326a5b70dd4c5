import {
  DeleteObjectDocument,
  GrantsDocument,
  ObjectDocument,
  ObjectSharesDocument,
  RequestDownloadDocument,
  RequestDownloadsDocument,
  RevokeShareDocument,
  ShareObjectDocument,
  SharedWithMeDocument,
  type ShareObjectInput,
} from "../../client/generated/graphql";
import { dataOf } from "../support/harness";
import { startInProcessApp, type InProcessApp } from "../support/in-process";
import { tokenFor } from "../support/tokens";
import { uploadDocument, uploadPng } from "../support/uploads";

const HOUR = 3600;

// Issue 20 §2 in process: who may share, what a share lets its holder do, and when it stops.
describe("shares", () => {
  let t: InProcessApp;
  let clock = Date.now();
  const tokens: Record<string, string> = {};
  let doc: string;

  beforeAll(async () => {
    t = await startInProcessApp({ SHARE_MAX_EXPIRES_IN: String(24 * HOUR) }, { now: () => new Date(clock) });
    Object.assign(tokens, {
      alice: await tokenFor("alice"),
      bob: await tokenFor("bob"),
      carol: await tokenFor("carol", ["staff"]),
      dan: await tokenFor("dan", ["user"]),
      admin: await tokenFor("root", ["admin"]),
    });
  });
  beforeEach(async () => {
    doc = await uploadDocument(t, tokens.alice);
  });
  afterAll(() => t.close());

  const share = (input: Partial<ShareObjectInput>, as = "alice") =>
    t.gql(ShareObjectDocument, { input: { key: doc, ...input } }, tokens[as]);
  const shareId = async (input: Partial<ShareObjectInput>, as = "alice") => dataOf(await share(input, as)).shareObject.id;
  const codes = (res: { errors?: Array<{ extensions?: { code?: string } }> }) => res.errors?.map((e) => e.extensions?.code);
  const canDownload = async (as: string, key = doc) =>
    (await t.gql(RequestDownloadDocument, { input: { key } }, tokens[as])).data?.requestDownload.key === key;

  describe("a viewer share lets exactly that viewer read, through every read path", () => {
    beforeEach(() => shareId({ viewer: "bob" }));
    test.each([
      ["bob", true],
      ["dan", false],
    ])("%s: %p", async (as, allowed) => {
      expect(await canDownload(as)).toBe(allowed);
      const batch = await t.gql(RequestDownloadsDocument, { keys: [doc] }, tokens[as]);
      expect(dataOf(batch).requestDownloads[0]?.key ?? null).toBe(allowed ? doc : null);
      const object = dataOf(await t.gql(ObjectDocument, { key: doc }, tokens[as])).object;
      expect(object?.key ?? null).toBe(allowed ? doc : null);
      expect(typeof object?.downloadUrl).toBe(allowed ? "string" : "undefined");
    });
  });

  test.each([
    ["carol, who holds the role", "carol", true],
    ["dan, who does not", "dan", false],
    ["alice's own id as a role name", "bob", false],
  ])("a role share admits %s", async (_label, as, allowed) => {
    await shareId({ role: "staff" });
    expect(await canDownload(as)).toBe(allowed);
  });

  it("lets the owner share with a role she lacks: owners decide", async () => {
    const res = await share({ role: "staff" });
    expect(dataOf(res).shareObject).toMatchObject({ key: doc, viewer: null, role: "staff", revokedAt: null });
  });

  it("lets an admin share someone's object", async () => {
    await shareId({ viewer: "bob" }, "admin");
    expect(await canDownload("bob")).toBe(true);
  });

  describe("NOT_FOUND for anyone but the owner or an admin, exactly as for a key that holds nothing", () => {
    const answer = async (key: string, as: string) => {
      const res = await t.gql(ShareObjectDocument, { input: { key, viewer: as } }, tokens[as]);
      return { ...res, errors: res.errors?.map((e) => ({ ...e, message: e.message.replaceAll(key, "<key>") })) };
    };
    it("for a viewer sharing someone else's object with herself", async () => {
      expect(codes(await answer(doc, "bob"))).toEqual(["NOT_FOUND"]);
      expect(await answer(doc, "bob")).toEqual(await answer(`${doc}.missing`, "bob"));
      expect(await canDownload("bob")).toBe(false);
    });
    it("for a share holder passing the object on", async () => {
      await shareId({ viewer: "bob" });
      expect(codes(await t.gql(ShareObjectDocument, { input: { key: doc, viewer: "dan" } }, tokens.bob))).toEqual(["NOT_FOUND"]);
      expect(await canDownload("dan")).toBe(false);
    });
    it("for an object that is not AVAILABLE, even its owner", async () => {
      const pending = await uploadPng(t, tokens.alice, false);
      expect(codes(await t.gql(ShareObjectDocument, { input: { key: pending, viewer: "bob" } }, tokens.alice))).toEqual([
        "NOT_FOUND",
      ]);
    });
  });

  test.each<[string, Partial<ShareObjectInput>]>([
    ["neither viewer nor role", {}],
    ["both viewer and role", { viewer: "bob", role: "staff" }],
    ["an empty viewer", { viewer: "" }],
    ["a zero lifetime", { viewer: "bob", expiresIn: 0 }],
  ])("refuses %s with BAD_USER_INPUT", async (_label, input) => {
    expect(codes(await share(input))).toEqual(["BAD_USER_INPUT"]);
  });

  test.each([
    ["no lifetime: the maximum", undefined, 24 * HOUR],
    ["more than the maximum: clamped", 48 * HOUR, 24 * HOUR],
    ["an hour", HOUR, HOUR],
  ])("lasts %s", async (_label, expiresIn, seconds) => {
    const { createdAt, expiresAt } = dataOf(await share({ viewer: "bob", expiresIn })).shareObject;
    expect(Date.parse(expiresAt) - Date.parse(createdAt)).toBe(seconds * 1000);
  });

  it("stops granting once expired", async () => {
    await shareId({ viewer: "bob", expiresIn: 60 });
    clock += 59_000;
    expect(await canDownload("bob")).toBe(true);
    clock += 1_000;
    expect(await canDownload("bob")).toBe(false);
  });

  describe("revokeShare", () => {
    it("ends the share at once and keeps the first revocation time", async () => {
      const id = await shareId({ viewer: "bob" });
      expect(await canDownload("bob")).toBe(true);
      const first = dataOf(await t.gql(RevokeShareDocument, { id }, tokens.alice)).revokeShare;
      expect(first).toMatchObject({ id, key: doc, revokedAt: new Date(clock).toISOString() });
      expect(await canDownload("bob")).toBe(false);
      clock += 1000;
      expect(dataOf(await t.gql(RevokeShareDocument, { id }, tokens.alice)).revokeShare.revokedAt).toBe(first.revokedAt);
    });
    it("is open to an admin", async () => {
      const id = await shareId({ viewer: "bob" });
      expect(dataOf(await t.gql(RevokeShareDocument, { id }, tokens.admin)).revokeShare.revokedAt).not.toBeNull();
    });
    test.each(["bob", "dan"])("is NOT_FOUND for %s, and the share holds", async (as) => {
      const id = await shareId({ viewer: "bob" });
      expect(codes(await t.gql(RevokeShareDocument, { id }, tokens[as]))).toEqual(["NOT_FOUND"]);
      expect(await canDownload("bob")).toBe(true);
    });
    it("is NOT_FOUND for an unknown id", async () => {
      expect(codes(await t.gql(RevokeShareDocument, { id: "no-such-share" }, tokens.alice))).toEqual(["NOT_FOUND"]);
    });
  });

  describe("StoredObject.shares", () => {
    it("lists the owner's shares newest first, ended ones too", async () => {
      const older = await shareId({ viewer: "bob" });
      clock += 1000;
      const newer = await shareId({ role: "staff" });
      await t.gql(RevokeShareDocument, { id: older }, tokens.alice);
      const shares = dataOf(await t.gql(ObjectSharesDocument, { key: doc }, tokens.alice)).object?.shares;
      expect(shares?.map((s) => [s.id, s.viewer, s.role, s.revokedAt !== null])).toEqual([
        [newer, null, "staff", false],
        [older, "bob", null, true],
      ]);
      expect(dataOf(await t.gql(ObjectSharesDocument, { key: doc }, tokens.admin)).object?.shares).toHaveLength(2);
    });
    it("is null for a share holder, who still sees the object", async () => {
      await shareId({ viewer: "bob" });
      const res = await t.gql(ObjectSharesDocument, { key: doc }, tokens.bob);
      expect(res.errors).toBeUndefined();
      expect(dataOf(res).object).toMatchObject({ key: doc, shares: null });
    });
  });

  describe("sharedWithMe", () => {
    const listed = async (as: string) =>
      dataOf(await t.gql(SharedWithMeDocument, { first: 100 }, tokens[as])).sharedWithMe.nodes.map((n) => n.key);

    it("lists objects shared by id or by role, newest first, once each, only while active", async () => {
      const first = doc;
      await shareId({ viewer: "carol" });
      clock += 1000;
      const second = await uploadDocument(t, tokens.alice);
      await t.gql(ShareObjectDocument, { input: { key: second, role: "staff" } }, tokens.alice);
      await t.gql(ShareObjectDocument, { input: { key: second, viewer: "carol" } }, tokens.alice);
      const seen = await listed("carol");
      expect(seen.indexOf(second)).toBeLessThan(seen.indexOf(first));
      expect(seen.filter((k) => k === second)).toHaveLength(1);
      const revoked = await uploadDocument(t, tokens.alice);
      const id = dataOf(await t.gql(ShareObjectDocument, { input: { key: revoked, viewer: "carol" } }, tokens.alice)).shareObject
        .id;
      await t.gql(RevokeShareDocument, { id }, tokens.alice);
      expect(await listed("carol")).not.toContain(revoked);
      expect(await listed("dan")).not.toContain(first);
    });

    it("signs a downloadUrl for each listed object", async () => {
      await shareId({ viewer: "dan" });
      const nodes = dataOf(await t.gql(SharedWithMeDocument, { first: 5 }, tokens.dan)).sharedWithMe.nodes;
      expect(nodes.find((n) => n.key === doc)?.downloadUrl).toMatch(/^http/);
    });
  });

  describe("shares grant reads only", () => {
    it("does not let a share holder delete the object", async () => {
      await shareId({ viewer: "bob" });
      expect(codes(await t.gql(DeleteObjectDocument, { key: doc }, tokens.bob))).toEqual(["NOT_FOUND"]);
      expect(await canDownload("alice")).toBe(true);
    });
  });

  it("ends with its object: deleting it leaves nothing shared", async () => {
    const id = await shareId({ viewer: "dan" });
    expect(dataOf(await t.gql(DeleteObjectDocument, { key: doc }, tokens.alice)).deleteObject).toBe(true);
    expect(await canDownload("dan")).toBe(false);
    expect(codes(await t.gql(RevokeShareDocument, { id }, tokens.alice))).toEqual(["NOT_FOUND"]);
    expect(
      dataOf(await t.gql(SharedWithMeDocument, { first: 100 }, tokens.dan)).sharedWithMe.nodes.map((n) => n.key),
    ).not.toContain(doc);
  });

  it("records the share a download came through, for the admin audit", async () => {
    const id = await shareId({ viewer: "bob" });
    await canDownload("bob");
    await canDownload("alice");
    const grants = dataOf(await t.gql(GrantsDocument, { filter: { key: doc, kind: "DOWNLOAD" } }, tokens.admin)).grants.nodes;
    expect(grants.map((g) => [g.viewerId, g.via]).sort()).toEqual([
      ["alice", null],
      ["bob", `share:${id}`],
    ]);
  });
});

describe("share downloads against the limits", () => {
  let t: InProcessApp;
  let alice: string;
  let bob: string;
  let doc: string;
  beforeAll(async () => {
    t = await startInProcessApp({ RATE_LIMIT_DOWNLOADS_PER_MINUTE: "2", GRANTS_PER_REQUEST_MAX: "3" });
    [alice, bob] = [await tokenFor("alice"), await tokenFor("bob")];
    doc = await uploadDocument(t, alice);
    await t.gql(ShareObjectDocument, { input: { key: doc, viewer: "bob" } }, alice);
  });
  afterAll(() => t.close());

  it("counts them in the grant budget of a request", async () => {
    const res = await t.gql(SharedWithMeDocument, { first: 4 }, bob);
    expect(res.errors?.[0]?.extensions?.code).toBe("REQUEST_TOO_LARGE");
  });

  it("counts them against the reader's rate limit", async () => {
    const keys = [doc, doc];
    expect(dataOf(await t.gql(RequestDownloadsDocument, { keys }, bob)).requestDownloads.filter(Boolean)).toHaveLength(2);
    const refused = await t.gql(RequestDownloadDocument, { input: { key: doc } }, bob);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: "RATE_LIMITED", limit: 2 });
  });
});
