import { PutObjectCommand } from "@aws-sdk/client-s3";
import { createS3Client } from "../../src/storage/s3-client";
import { DIALECTS, openTestDatabase, type TestDatabase } from "../support/store/databases";
import { reapAbandonedUploads } from "../../src/objects/reaper";
import {
  CompleteUploadDocument,
  DeleteObjectDocument,
  RequestDownloadDocument,
  RequestUploadDocument,
  RevokeGrantDocument,
  type RequestDownloadInput,
  type RequestUploadInput,
} from "../../client/generated/graphql";
import { dataOf, startTestApp, testConfig, type TestApp } from "../support/harness";
import { avatarInput } from "../support/operations";
import { tokenFor } from "../support/tokens";
import { pngBytes, postUpload } from "../support/uploads";

describe.each(DIALECTS)("object lifecycle on Ceph with %s", (dialect) => {
  let tdb: TestDatabase;
  let t: TestApp;
  let alice: string;
  let bob: string;
  let admin: string;

  beforeAll(async () => {
    tdb = await openTestDatabase(dialect);
    t = await startTestApp(testConfig({ DATABASE_URL: tdb.url, REAP_GRACE_SECONDS: "0" }));
    [alice, bob, admin] = await Promise.all([tokenFor("alice"), tokenFor("bob"), tokenFor("root", ["admin"])]);
  });
  afterAll(async () => {
    await t.close();
    await tdb.dispose();
  });

  const grant = async (input: Partial<RequestUploadInput> = {}, token = alice) =>
    dataOf(await t.gql(RequestUploadDocument, { input: avatarInput(input) }, token)).requestUpload;
  const complete = (grantId: string, token = alice) => t.gql(CompleteUploadDocument, { grantId }, token);
  const download = (key: string, token = alice, extra: Partial<RequestDownloadInput> = {}) =>
    t.gql(RequestDownloadDocument, { input: { key, ...extra } }, token);

  it("completes a real upload to AVAILABLE, then serves the same bytes", async () => {
    const g = await grant({ filename: "Ünïcode avatar.png", size: 200 });
    const body = pngBytes(200);
    expect((await postUpload(g, body)).status).toBe(204);
    const done = await complete(g.id);
    expect(done.errors).toBeUndefined();
    expect(done.data?.completeUpload).toMatchObject({ key: g.key, size: 200, contentType: "image/png", state: "AVAILABLE" });
    expect((await complete(g.id)).data?.completeUpload.state).toBe("AVAILABLE"); // twice is harmless

    const d = dataOf(await download(g.key)).requestDownload;
    const res = await fetch(d.url);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(Buffer.from(body));
    expect(res.headers.get("content-disposition")).toBe(
      `attachment; filename="_n_code avatar.png"; filename*=UTF-8''%C3%9Cn%C3%AFcode%20avatar.png`,
    );
  });

  it("refuses an expired download URL (403)", async () => {
    const g = await grant();
    await postUpload(g, pngBytes(64));
    await complete(g.id);
    const past = await startTestApp(testConfig({ DATABASE_URL: tdb.url, S3_BUCKET: t.config.s3.bucket }), {
      now: () => new Date(Date.now() - 3600_000),
    });
    try {
      const d = dataOf(await past.gql(RequestDownloadDocument, { input: { key: g.key, expiresIn: 60 } }, alice)).requestDownload;
      expect((await fetch(d.url)).status).toBe(403);
    } finally {
      await past.close();
    }
  });

  it("rejects HTML declared as image/png, deletes it, and answers the REJECTED object saying why", async () => {
    const g = await grant({ size: 100 });
    const html = "<!doctype html><html><script>alert(1)</script></html>".padEnd(100, " ");
    expect((await postUpload(g, html)).status).toBe(204);
    const res = await complete(g.id);
    expect(res.errors).toBeUndefined();
    expect(res.data?.completeUpload).toMatchObject({ state: "REJECTED", rejectReason: expect.stringMatching(/not image\/png/) });
    expect(await t.app.services.objects.head(g.key)).toBeNull();
    const row = await t.app.services.store.findObject(g.key);
    expect(row?.state).toBe("REJECTED");
    expect((await complete(g.id)).data).toEqual(res.data);
  });

  it("answers UPLOAD_INCOMPLETE when completing too early, and completes once the file is POSTed", async () => {
    const g = await grant();
    const res = await complete(g.id);
    expect(res.errors?.[0]).toMatchObject({
      extensions: { code: "UPLOAD_INCOMPLETE" },
      message: expect.stringMatching(/POST the file, then complete again/),
    });
    expect((await t.app.services.store.findObject(g.key))?.state).toBe("PENDING");
    expect((await postUpload(g, pngBytes(64))).status).toBe(204);
    expect((await complete(g.id)).data?.completeUpload.state).toBe("AVAILABLE");
  });

  it("answers NOT_FOUND for completing someone else's grant", async () => {
    const g = await grant({}, bob);
    await postUpload(g, pngBytes(64));
    expect((await complete(g.id, alice)).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    expect((await complete(g.id, bob)).data?.completeUpload.state).toBe("AVAILABLE");
  });

  it("answers NOT_FOUND for downloading a PENDING object, even for its owner", async () => {
    const g = await grant();
    await postUpload(g, pngBytes(64));
    expect((await download(g.key)).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
  });

  it("lets an admin read any available object, and another viewer not an owner-only one", async () => {
    const text = new TextEncoder().encode("bob's notes\n");
    const g = await grant({ profile: "document", contentType: "text/plain", filename: "n.txt", size: text.length }, bob);
    await postUpload(g, text);
    await complete(g.id, bob);
    expect((await download(g.key, admin)).data?.requestDownload.key).toBe(g.key);
    expect((await download(g.key, alice)).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
  });

  it("refuses to complete a revoked upload grant, and removes what was uploaded", async () => {
    const g = await grant();
    await postUpload(g, pngBytes(64));
    const revoked = await t.gql(RevokeGrantDocument, { id: g.id }, admin);
    expect(revoked.data?.revokeGrant.revokedAt).toEqual(expect.any(String));
    expect((await complete(g.id)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(await t.app.services.objects.head(g.key)).toBeNull();
    expect(await t.app.services.store.findObject(g.key)).toMatchObject({
      state: "REJECTED",
      rejectReason: "the upload grant was revoked",
    });
  });

  /** A PENDING upload whose grant expired an hour ago (granted by an app whose clock is an hour behind). */
  async function expiredGrantKey(): Promise<string> {
    const past = await startTestApp(testConfig({ DATABASE_URL: tdb.url, S3_BUCKET: t.config.s3.bucket }), {
      now: () => new Date(Date.now() - 3600_000),
    });
    try {
      return dataOf(await past.gql(RequestUploadDocument, { input: avatarInput({ expiresIn: 60 }) }, alice)).requestUpload.key;
    } finally {
      await past.close();
    }
  }
  // The expired POST would be refused; objects are put at the key directly, as a client's late bytes.
  async function putAt(key: string, body: Uint8Array | string, contentType: string) {
    const s3 = createS3Client(t.config.s3);
    await s3.send(new PutObjectCommand({ Bucket: t.config.s3.bucket, Key: key, Body: body, ContentType: contentType }));
    s3.destroy();
  }

  it("reaps an expired pending upload with nothing in the bucket: row EXPIRED", async () => {
    const key = await expiredGrantKey();
    expect(await reapAbandonedUploads(t.app.services)).toContain(key);
    expect((await t.app.services.store.findObject(key))?.state).toBe("EXPIRED");
    expect(await reapAbandonedUploads(t.app.services)).not.toContain(key);
  });

  it("verifies what an expired pending upload left in the bucket instead of expiring it: junk is REJECTED and removed", async () => {
    const key = await expiredGrantKey();
    await putAt(key, "late", "image/png");
    expect(await reapAbandonedUploads(t.app.services)).not.toContain(key);
    expect(await t.app.services.store.findObject(key)).toMatchObject({ state: "REJECTED" });
    expect(await t.app.services.objects.head(key)).toBeNull();
  });

  it("verifies what an expired pending upload left in the bucket instead of expiring it: the granted bytes are AVAILABLE", async () => {
    const key = await expiredGrantKey();
    await putAt(key, pngBytes(64), "image/png");
    expect(await reapAbandonedUploads(t.app.services)).not.toContain(key);
    const object = await t.app.services.store.findObject(key);
    expect(object).toMatchObject({ state: "AVAILABLE", size: 64, versionId: expect.any(String) });
    expect(await t.app.services.objects.head(key, { versionId: object!.versionId! })).toMatchObject({ size: 64 });
  });

  it("does not reap a pending upload whose grant is still valid", async () => {
    const g = await grant();
    expect(await reapAbandonedUploads(t.app.services)).not.toContain(g.key);
  });

  it("deletes an object for its owner, and answers NOT_FOUND to others", async () => {
    const g = await grant();
    await postUpload(g, pngBytes(64));
    await complete(g.id);
    expect((await t.gql(DeleteObjectDocument, { key: g.key }, bob)).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    expect((await t.gql(DeleteObjectDocument, { key: g.key }, alice)).data?.deleteObject).toBe(true);
    expect(await t.app.services.objects.head(g.key)).toBeNull();
    expect(await t.app.services.store.findObject(g.key)).toBeNull();
  });
});
