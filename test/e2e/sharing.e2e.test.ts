import {
  DeleteObjectDocument,
  GrantsDocument,
  ObjectDocument,
  RequestDownloadDocument,
  RevokeShareDocument,
  ShareObjectDocument,
  SharedWithMeDocument,
  type ShareObjectInput,
} from "../../client/generated/graphql";
import { uuidv7 } from "../../src/domain/uuidv7";
import { dataOf, startTestApp, testConfig, type TestApp } from "../support/harness";
import { uploadUnder, writeReadRuleProfiles } from "../support/read-rules";
import { openTestDatabase, type TestDatabase } from "../support/store/databases";
import { tokenFor } from "../support/tokens";
import { pngBytes } from "../support/uploads";

// Issue 20 on the real RGW, with two instances over one PostgreSQL registry: what a share or a
// read rule grants is bytes served by S3, and a revocation on one instance holds on the other.
describe("sharing, served by Ceph RGW across two instances", () => {
  let testDb: TestDatabase;
  let a: TestApp;
  let b: TestApp;
  // Instance a's key {uuid}s, so a test can upload a new object at a deleted object's very key.
  let nextUuid: string | undefined;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    testDb = await openTestDatabase("postgres");
    const config = testConfig({ DATABASE_URL: testDb.url, PROFILES_FILE: writeReadRuleProfiles() });
    a = await startTestApp(config, { uuid: () => nextUuid ?? uuidv7() });
    b = await startTestApp({ ...config, s3: { ...config.s3, ensureBucket: false } });
    Object.assign(tokens, {
      alice: await tokenFor("alice", ["user"], { claims: { org: "acme" } }),
      bob: await tokenFor("bob"),
      carol: await tokenFor("carol", ["staff"]),
      dave: await tokenFor("dave", [], { claims: { org: "acme" } }),
      admin: await tokenFor("root", ["admin"]),
    });
  }, 60_000);
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await testDb?.dispose();
  });

  // A PNG whose length tells each object from the others (its bytes after the header are zeros).
  let sizes = 100;
  const bytes = () => pngBytes(sizes++);
  const share = (on: TestApp, input: ShareObjectInput, as = "alice") => on.gql(ShareObjectDocument, { input }, tokens[as]);
  const codes = (res: { errors?: Array<{ extensions?: { code?: string } }> }) => res.errors?.map((e) => e.extensions?.code);

  /** Asks `on` for a download as `as` (a name in `tokens`, or a token); the bytes S3 serves at the URL, or the error code. */
  async function download(on: TestApp, key: string, as: string): Promise<Uint8Array | string> {
    const res = await on.gql(RequestDownloadDocument, { input: { key, expiresIn: 60 } }, tokens[as] ?? as);
    if (!res.data) return codes(res)?.join() ?? "no answer";
    const served = await fetch(res.data.requestDownload.url);
    expect(served.status).toBe(200);
    return new Uint8Array(await served.arrayBuffer());
  }

  it("lets the viewer a share names download the object's bytes, on either instance", async () => {
    const body = bytes();
    const key = await uploadUnder(a, tokens.alice, "private", body);
    expect(await download(b, key, "bob")).toBe("NOT_FOUND");
    dataOf(await share(a, { key, viewer: "bob", expiresIn: 600 }));
    expect(await download(b, key, "bob")).toEqual(body);
    expect(await download(a, key, "bob")).toEqual(body);
    expect(await download(b, key, "carol")).toBe("NOT_FOUND");
  });

  it("stops a share revoked on one instance at the next request on the other", async () => {
    const key = await uploadUnder(a, tokens.alice, "private");
    const { id } = dataOf(await share(a, { key, viewer: "bob" })).shareObject;
    expect(await download(b, key, "bob")).toBeInstanceOf(Uint8Array);
    dataOf(await a.gql(RevokeShareDocument, { id }, tokens.alice));
    expect(await download(b, key, "bob")).toBe("NOT_FOUND");
    expect(dataOf(await b.gql(ObjectDocument, { key }, tokens.bob)).object).toBeNull();
    const listed = dataOf(await b.gql(SharedWithMeDocument, { first: 100 }, tokens.bob)).sharedWithMe.nodes;
    expect(listed.map((n) => n.key)).not.toContain(key);
  });

  it("lets a role share reach a role its sharer lacks: owners decide", async () => {
    const body = bytes();
    const key = await uploadUnder(a, tokens.alice, "private", body);
    dataOf(await share(a, { key, role: "staff" }));
    expect(await download(b, key, "carol")).toEqual(body);
    expect(await download(b, key, "bob")).toBe("NOT_FOUND");
  });

  it("answers NOT_FOUND to a viewer sharing someone else's object, and shares nothing", async () => {
    const key = await uploadUnder(a, tokens.alice, "private");
    expect(codes(await share(b, { key, viewer: "bob" }, "bob"))).toEqual(["NOT_FOUND"]);
    expect(codes(await share(b, { key: `${key}.missing`, viewer: "bob" }, "bob"))).toEqual(["NOT_FOUND"]);
    expect(await download(a, key, "bob")).toBe("NOT_FOUND");
  });

  describe("sameClaim", () => {
    let key: string;
    let body: Uint8Array;
    beforeAll(async () => {
      body = bytes();
      key = await uploadUnder(a, tokens.alice, "org", body);
    });

    it("serves a member of the uploader's org", async () => expect(await download(b, key, "dave")).toEqual(body));

    test.each<[string, unknown]>([
      ["no org claim", undefined],
      ["a numeric org claim", 42],
      ["a list holding the org", ["acme"]],
      ["an object org claim", { name: "acme" }],
      ["another org", "globex"],
    ])("denies a viewer with %s", async (_label, org) => {
      const token = await tokenFor("erin", ["user"], { claims: { org } });
      expect(await download(b, key, token)).toBe("NOT_FOUND");
    });
  });

  describe("a share of an object that is then deleted", () => {
    it("does not apply to a new object uploaded at a similar key", async () => {
      const old = await uploadUnder(a, tokens.alice, "private");
      dataOf(await share(a, { key: old, viewer: "bob" }));
      expect(dataOf(await a.gql(DeleteObjectDocument, { key: old }, tokens.alice)).deleteObject).toBe(true);
      const fresh = await uploadUnder(a, tokens.alice, "private");
      expect(fresh.slice(0, fresh.lastIndexOf("/"))).toBe(old.slice(0, old.lastIndexOf("/")));
      expect(await download(b, old, "bob")).toBe("NOT_FOUND");
      expect(await download(b, fresh, "bob")).toBe("NOT_FOUND");
    });

    it("does not apply to a new object uploaded at the very same key", async () => {
      nextUuid = uuidv7();
      try {
        const old = await uploadUnder(a, tokens.alice, "private");
        dataOf(await share(a, { key: old, viewer: "bob" }));
        dataOf(await a.gql(DeleteObjectDocument, { key: old }, tokens.alice));
        const body = bytes();
        const fresh = await uploadUnder(a, tokens.alice, "private", body);
        expect(fresh).toBe(old);
        expect(await download(b, fresh, "bob")).toBe("NOT_FOUND");
        expect(await download(b, fresh, "alice")).toEqual(body);
      } finally {
        nextUuid = undefined;
      }
    });
  });

  it("shows the admin which share each download came through", async () => {
    const key = await uploadUnder(a, tokens.alice, "private");
    const { id } = dataOf(await share(a, { key, viewer: "bob" })).shareObject;
    await download(b, key, "bob");
    await download(a, key, "alice");
    const nodes = dataOf(await b.gql(GrantsDocument, { filter: { key, kind: "DOWNLOAD" } }, tokens.admin)).grants.nodes;
    expect(nodes.map((g) => [g.viewerId, g.via]).sort()).toEqual([
      ["alice", null],
      ["bob", `share:${id}`],
    ]);
  });
});
