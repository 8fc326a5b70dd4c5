import {
  CompleteUploadDocument,
  GrantsDocument,
  MyObjectsDocument,
  ObjectDocument,
  RequestUploadDocument,
  RevokeGrantDocument,
  type RequestUploadMutation,
} from "../../client/generated/graphql";
import { dataOf } from "../support/harness";
import { startInProcessApp, type InProcessApp } from "../support/in-process";
import { avatarInput } from "../support/operations";
import { downloadFixture } from "../support/store/fixtures";
import { tokenFor } from "../support/tokens";
import { pngBytes, uploadDocument } from "../support/uploads";

// Who sees what of the registry; that it survives restarts and fails closed is in registry-durability.
describe("the grant registry", () => {
  let t: InProcessApp;
  let alice: string;
  let admin: string;
  let available: RequestUploadMutation["requestUpload"];

  beforeAll(async () => {
    t = await startInProcessApp();
    [alice, admin] = await Promise.all([tokenFor("alice"), tokenFor("root", ["admin"])]);
    available = dataOf(await t.gql(RequestUploadDocument, { input: avatarInput() }, alice)).requestUpload;
    t.upload(available, pngBytes(64));
    await t.gql(CompleteUploadDocument, { grantId: available.id }, alice);
  });
  afterAll(() => t.close());

  describe("StoredObject.owner (admin only)", () => {
    const q = "query($key: String!) { object(key: $key) { key owner { id } } }";
    type Owner = { object: { key: string; owner: { id: string } | null } | null };
    it("is shown to an admin", async () => {
      const res = await t.gql<Owner>(q, { key: available.key }, admin);
      expect(res.errors).toBeUndefined();
      expect(res.data?.object?.owner).toEqual({ id: "alice" });
    });
    it("is null with FORBIDDEN for the owner", async () => {
      const res = await t.gql<Owner>(q, { key: available.key }, alice);
      expect(res.data?.object).toEqual({ key: available.key, owner: null });
      expect(res.errors?.[0]).toMatchObject({ path: ["object", "owner"], extensions: { code: "FORBIDDEN" } });
    });
  });

  describe("DownloadGrant.issuedTo (admin only)", () => {
    const q = "mutation($key: String!) { requestDownload(input: { key: $key }) { key issuedTo } }";
    type IssuedTo = { requestDownload: { key: string; issuedTo: string | null } };
    it("is shown to an admin", async () => {
      const res = await t.gql<IssuedTo>(q, { key: available.key }, admin);
      expect(res.errors).toBeUndefined();
      expect(res.data?.requestDownload.issuedTo).toBe("root");
    });
    it("is null with FORBIDDEN for the owner, whose grant still arrives", async () => {
      const res = await t.gql<IssuedTo>(q, { key: available.key }, alice);
      expect(res.data?.requestDownload).toEqual({ key: available.key, issuedTo: null });
      expect(res.errors?.[0]).toMatchObject({ path: ["requestDownload", "issuedTo"], extensions: { code: "FORBIDDEN" } });
    });
  });

  describe("StoredObject.downloadUrl (readers only)", () => {
    const urlOf = (key: string, token: string) => t.gql(ObjectDocument, { key, expiresIn: 30 }, token);
    // That S3 serves it is proven on the RGW (test/e2e/served-downloads).
    it("is a URL signed for the object's key for the owner", async () => {
      const url = new URL(dataOf(await urlOf(available.key, alice)).object?.downloadUrl ?? "");
      expect(url.pathname).toBe(`/${t.storage.bucket}/${available.key}`);
      expect(url.searchParams.get("X-Amz-Expires")).toBe("30");
    });
    it("is null for a PENDING object", async () => {
      const g = dataOf(await t.gql(RequestUploadDocument, { input: avatarInput() }, alice)).requestUpload;
      const res = await urlOf(g.key, alice);
      expect(res.data?.object).toMatchObject({ downloadUrl: null });
    });
    it("is out of reach for another viewer of an owner-only object: the object itself is null", async () => {
      const doc = await uploadDocument(t, alice);
      expect(dataOf(await urlOf(doc, alice)).object?.downloadUrl).toMatch(/^http/);
      const res = await urlOf(doc, await tokenFor("mallory"));
      expect(res.data?.object).toBeNull();
    });
  });

  describe("grants (admin only)", () => {
    it("lists recorded grants for an admin, with their viewer", async () => {
      const res = await t.gql(GrantsDocument, { filter: { viewerId: "alice", kind: "UPLOAD" }, first: 500 }, admin);
      expect(res.errors).toBeUndefined();
      expect(res.data?.grants.nodes).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ id: available.id, kind: "UPLOAD", viewerId: "alice", key: available.key }),
        ]),
      );
    });
    it.each([
      [undefined, 20],
      [0, 1],
      [-5, 1],
      [3, 3],
      [500, 100],
    ])("pages first=%p as %p grants (the page-size policy)", async (first, expected) => {
      const filter = { viewerId: "paged" };
      if ((await t.app.services.store.listGrants({ filter, first: 1 })).items.length === 0) {
        await t.app.services.store.recordDownloadGrants(
          Array.from({ length: 105 }, () => downloadFixture({ viewerId: "paged" })),
        );
      }
      expect(dataOf(await t.gql(GrantsDocument, { filter, first }, admin)).grants.nodes).toHaveLength(expected);
    });
    it("is FORBIDDEN to anyone else", async () => {
      const res = await t.gql(GrantsDocument, { first: 500 }, alice);
      expect(res.data).toBeNull();
      expect(res.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    });
    it("revokeGrant is FORBIDDEN to anyone else", async () => {
      const res = await t.gql(RevokeGrantDocument, { id: available.id }, alice);
      expect(res.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
      expect((await t.app.services.store.findGrant(available.id))?.revokedAt).toBeNull();
    });
  });

  describe("myObjects", () => {
    it("returns only the viewer's own objects, page by page", async () => {
      const bob = await tokenFor("bob");
      for (let i = 0; i < 3; i++) await t.gql(RequestUploadDocument, { input: avatarInput() }, bob);
      const first = dataOf(await t.gql(MyObjectsDocument, { first: 2 }, bob)).myObjects;
      expect(first.nodes).toHaveLength(2);
      expect(first.pageInfo.hasNextPage).toBe(true);
      const second = dataOf(await t.gql(MyObjectsDocument, { first: 2, after: first.pageInfo.endCursor }, bob)).myObjects;
      const keys = [...first.nodes, ...second.nodes].map((n) => n.key);
      expect(new Set(keys).size).toBe(3);
      expect(keys.every((k) => k.startsWith("users/bob/"))).toBe(true);
    });
    it("answers BAD_USER_INPUT for a forged cursor", async () => {
      const res = await t.gql(MyObjectsDocument, { after: "not-a-cursor" }, alice);
      expect(res.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    });
  });
});
