import { rmSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createStore } from "../../src/store/store";
import { openDatabase } from "../../src/store/database";
import {
  CompleteUploadDocument,
  GrantsDocument,
  MyObjectsDocument,
  ObjectDocument,
  RequestDownloadDocument,
  RequestUploadDocument,
  RevokeGrantDocument,
} from "../../client/generated/graphql";
import { dataOf } from "../support/harness";
import { startInProcessApp, type InProcessApp } from "../support/in-process";
import { avatarInput } from "../support/operations";
import { tokenFor } from "../support/tokens";
import { pngBytes } from "../support/uploads";

describe("the grant registry", () => {
  const dir = mkdtempSync(join(tmpdir(), "valet-registry-"));
  const databaseUrl = join(dir, "valet.sqlite");
  // Shared with the restarted and the failing app below: the same SQLite file, the same bucket.
  const env = { DATABASE_URL: databaseUrl, S3_BUCKET: "valet-registry" };
  let t: InProcessApp;
  let alice: string;
  let admin: string;
  let available: { id: string; key: string };

  beforeAll(async () => {
    t = await startInProcessApp(env);
    [alice, admin] = await Promise.all([tokenFor("alice"), tokenFor("root", ["admin"])]);
    const grant = dataOf(await t.gql(RequestUploadDocument, { input: avatarInput() }, alice)).requestUpload;
    t.upload(grant, pngBytes(64));
    await t.gql(CompleteUploadDocument, { grantId: grant.id }, alice);
    available = grant;
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

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
    it("is out of reach for another viewer: the object itself is null", async () => {
      const res = await urlOf(available.key, await tokenFor("mallory"));
      expect(res.data?.object).toBeNull();
    });
  });

  describe("grants (admin only)", () => {
    it("lists recorded grants for an admin, with their viewer", async () => {
      const res = await t.gql(GrantsDocument, { filter: { viewerId: "alice", kind: "UPLOAD" }, first: 500 }, admin);
      expect(res.errors).toBeUndefined();
      expect(res.data?.grants.nodes).toEqual(
        expect.arrayContaining([expect.objectContaining({ id: available.id, kind: "UPLOAD", viewerId: "alice", key: available.key })]),
      );
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

  it("keeps every grant and object across a restart on the same SQLite file", async () => {
    const before = await t.app.services.store.listGrants({ first: 100 });
    const objectsBefore = await t.app.services.store.listObjects({ first: 100 });
    const again = await startInProcessApp(env, { storage: t.storage });
    try {
      expect(await again.app.services.store.listGrants({ first: 100 })).toEqual(before);
      expect(await again.app.services.store.listObjects({ first: 100 })).toEqual(objectsBefore);
      const d = await again.gql(RequestDownloadDocument, { input: { key: available.key } }, alice);
      expect(d.errors).toBeUndefined();
    } finally {
      await again.close();
    }
  });

  it("returns no URL when the grant cannot be recorded (fail closed)", async () => {
    const database = await openDatabase(databaseUrl);
    const store = createStore(database);
    const failing = {
      ...store,
      recordUploadGrant: async () => Promise.reject(new Error("disk full")),
      recordUploadGrants: async () => Promise.reject(new Error("disk full")),
      recordDownloadGrants: async () => Promise.reject(new Error("disk full")),
    };
    const broken = await startInProcessApp(env, { store: failing, storage: t.storage, logger: { debug() {}, info() {}, warn() {}, error() {} } });
    try {
      for (const res of [
        await broken.gql(RequestUploadDocument, { input: avatarInput() }, alice),
        await broken.gql(RequestDownloadDocument, { input: { key: available.key } }, alice),
      ]) {
        expect(res.data).toBeNull();
        expect(res.errors?.[0]?.extensions?.code).toBe("INTERNAL_SERVER_ERROR");
        expect(JSON.stringify(res)).not.toMatch(/X-Amz-Signature|Policy/);
      }
      // A field, not a root: the object still arrives, its URL does not.
      const object = await broken.gql(ObjectDocument, { key: available.key }, alice);
      expect(object.data?.object).toMatchObject({ key: available.key, downloadUrl: null });
      expect(object.errors?.[0]).toMatchObject({ path: ["object", "downloadUrl"], extensions: { code: "INTERNAL_SERVER_ERROR" } });
      expect(JSON.stringify(object)).not.toMatch(/X-Amz-Signature/);
    } finally {
      await broken.close();
      await database.close();
    }
  });
});
