import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  CompleteUploadDocument,
  ObjectDocument,
  RequestDownloadDocument,
  RequestUploadDocument,
  type RequestUploadMutation,
} from "../../client/generated/graphql";
import { openDatabase } from "../../src/store/database";
import { createStore } from "../../src/store/store";
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
  let available: RequestUploadMutation["requestUpload"];

  beforeAll(async () => {
    t = await startInProcessApp(env);
    alice = await tokenFor("alice");
    available = dataOf(await t.gql(RequestUploadDocument, { input: avatarInput() }, alice)).requestUpload;
    t.upload(available, pngBytes(64));
    await t.gql(CompleteUploadDocument, { grantId: available.id }, alice);
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
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
    const broken = await startInProcessApp(env, {
      store: failing,
      storage: t.storage,
      logger: { debug() {}, info() {}, warn() {}, error() {} },
    });
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
      expect(object.errors?.[0]).toMatchObject({
        path: ["object", "downloadUrl"],
        extensions: { code: "INTERNAL_SERVER_ERROR" },
      });
      expect(JSON.stringify(object)).not.toMatch(/X-Amz-Signature/);
    } finally {
      await broken.close();
      await database.close();
    }
  });
});
