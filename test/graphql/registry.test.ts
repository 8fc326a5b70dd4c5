import { rmSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createStore } from "../../src/store/store";
import { openDatabase } from "../../src/store/database";
import { startTestApp, testConfig, type TestApp } from "../support/harness";
import { COMPLETE_UPLOAD, REQUEST_DOWNLOAD, REQUEST_UPLOAD, avatarInput } from "../support/operations";
import { tokenFor } from "../support/tokens";
import { pngBytes, postUpload } from "../support/uploads";

describe("the grant registry", () => {
  const dir = mkdtempSync(join(tmpdir(), "valet-registry-"));
  const databaseUrl = join(dir, "valet.sqlite");
  const config = testConfig({ DATABASE_URL: databaseUrl });
  let t: TestApp;
  let alice: string;
  let admin: string;
  let available: { id: string; key: string };

  beforeAll(async () => {
    t = await startTestApp(config);
    [alice, admin] = await Promise.all([tokenFor("alice"), tokenFor("root", ["admin"])]);
    available = (await t.gql(REQUEST_UPLOAD, { input: avatarInput() }, alice)).data.requestUpload;
    await postUpload(available as any, pngBytes(64));
    await t.gql(COMPLETE_UPLOAD, { grantId: available.id }, alice);
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe("StoredObject.owner (admin only)", () => {
    const q = "query($key: String!) { object(key: $key) { key owner { id } } }";
    it("is shown to an admin", async () => {
      const res = await t.gql(q, { key: available.key }, admin);
      expect(res.errors).toBeUndefined();
      expect(res.data.object.owner).toEqual({ id: "alice" });
    });
    it("is null with FORBIDDEN for the owner", async () => {
      const res = await t.gql(q, { key: available.key }, alice);
      expect(res.data.object).toEqual({ key: available.key, owner: null });
      expect(res.errors?.[0]).toMatchObject({ path: ["object", "owner"], extensions: { code: "FORBIDDEN" } });
    });
  });

  describe("DownloadGrant.issuedTo (admin only)", () => {
    const q = "mutation($key: String!) { requestDownload(input: { key: $key }) { key issuedTo } }";
    it("is shown to an admin", async () => {
      const res = await t.gql(q, { key: available.key }, admin);
      expect(res.errors).toBeUndefined();
      expect(res.data.requestDownload.issuedTo).toBe("root");
    });
    it("is null with FORBIDDEN for the owner, whose grant still arrives", async () => {
      const res = await t.gql(q, { key: available.key }, alice);
      expect(res.data.requestDownload).toEqual({ key: available.key, issuedTo: null });
      expect(res.errors?.[0]).toMatchObject({ path: ["requestDownload", "issuedTo"], extensions: { code: "FORBIDDEN" } });
    });
  });

  describe("StoredObject.downloadUrl (readers only)", () => {
    const q = "query($key: String!) { object(key: $key) { downloadUrl(expiresIn: 30) } }";
    it("is a working URL for the owner", async () => {
      const url = (await t.gql(q, { key: available.key }, alice)).data.object.downloadUrl;
      expect((await fetch(url)).status).toBe(200);
    });
    it("is null for a PENDING object", async () => {
      const g = (await t.gql(REQUEST_UPLOAD, { input: avatarInput() }, alice)).data.requestUpload;
      const res = await t.gql(q, { key: g.key }, alice);
      expect(res.data.object).toEqual({ downloadUrl: null });
    });
    it("is out of reach for another viewer: the object itself is null", async () => {
      const res = await t.gql(q, { key: available.key }, await tokenFor("mallory"));
      expect(res.data.object).toBeNull();
    });
  });

  describe("grants (admin only)", () => {
    const q = "query($f: GrantFilter) { grants(filter: $f, first: 500) { nodes { id kind viewerId key } pageInfo { hasNextPage } } }";
    it("lists recorded grants for an admin, with their viewer", async () => {
      const res = await t.gql(q, { f: { viewerId: "alice", kind: "UPLOAD" } }, admin);
      expect(res.errors).toBeUndefined();
      expect(res.data.grants.nodes).toEqual(expect.arrayContaining([{ id: available.id, kind: "UPLOAD", viewerId: "alice", key: available.key }]));
    });
    it("is FORBIDDEN to anyone else", async () => {
      const res = await t.gql(q, {}, alice);
      expect(res.data).toBeNull();
      expect(res.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    });
    it("revokeGrant is FORBIDDEN to anyone else", async () => {
      const res = await t.gql("mutation($id: ID!) { revokeGrant(id: $id) { id } }", { id: available.id }, alice);
      expect(res.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
      expect((await t.app.services.store.findGrant(available.id))?.revokedAt).toBeNull();
    });
  });

  describe("myObjects", () => {
    const q = "query($first: Int, $after: String) { myObjects(first: $first, after: $after) { nodes { key } pageInfo { hasNextPage endCursor } } }";
    it("returns only the viewer's own objects, page by page", async () => {
      const bob = await tokenFor("bob");
      for (let i = 0; i < 3; i++) await t.gql(REQUEST_UPLOAD, { input: avatarInput() }, bob);
      const first = (await t.gql(q, { first: 2 }, bob)).data.myObjects;
      expect(first.nodes).toHaveLength(2);
      expect(first.pageInfo.hasNextPage).toBe(true);
      const second = (await t.gql(q, { first: 2, after: first.pageInfo.endCursor }, bob)).data.myObjects;
      const keys = [...first.nodes, ...second.nodes].map((n: any) => n.key);
      expect(new Set(keys).size).toBe(3);
      expect(keys.every((k: string) => k.startsWith("users/bob/"))).toBe(true);
    });
    it("answers BAD_USER_INPUT for a forged cursor", async () => {
      const res = await t.gql(q, { after: "not-a-cursor" }, alice);
      expect(res.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    });
  });

  it("keeps every grant and object across a restart on the same SQLite file", async () => {
    const before = await t.app.services.store.listGrants({ first: 100 });
    const objectsBefore = await t.app.services.store.listObjects({ first: 100 });
    const again = await startTestApp({ ...config });
    try {
      expect(await again.app.services.store.listGrants({ first: 100 })).toEqual(before);
      expect(await again.app.services.store.listObjects({ first: 100 })).toEqual(objectsBefore);
      const d = await again.gql(REQUEST_DOWNLOAD, { input: { key: available.key } }, alice);
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
    const broken = await startTestApp({ ...config }, { store: failing, logger: { debug() {}, info() {}, warn() {}, error() {} } });
    try {
      for (const res of [
        await broken.gql(REQUEST_UPLOAD, { input: avatarInput() }, alice),
        await broken.gql(REQUEST_DOWNLOAD, { input: { key: available.key } }, alice),
      ]) {
        expect(res.data).toBeNull();
        expect(res.errors?.[0]?.extensions?.code).toBe("INTERNAL_SERVER_ERROR");
        expect(JSON.stringify(res)).not.toMatch(/X-Amz-Signature|Policy/);
      }
      // A field, not a root: the object still arrives, its URL does not.
      const object = await broken.gql("query($key: String!) { object(key: $key) { key downloadUrl } }", { key: available.key }, alice);
      expect(object.data.object).toEqual({ key: available.key, downloadUrl: null });
      expect(object.errors?.[0]).toMatchObject({ path: ["object", "downloadUrl"], extensions: { code: "INTERNAL_SERVER_ERROR" } });
      expect(JSON.stringify(object)).not.toMatch(/X-Amz-Signature/);
    } finally {
      await broken.close();
      await database.close();
    }
  });
});
