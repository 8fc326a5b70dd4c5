import { GetObjectCommand } from "@aws-sdk/client-s3";
import { createS3Client } from "../../src/storage/s3-client";
import { RequestUploadDocument, type RequestUploadInput } from "../../client/generated/graphql";
import { dataOf, startTestApp, testConfig, type TestApp } from "../support/harness";
import { avatarInput } from "../support/operations";
import { tokenFor } from "../support/tokens";
import { asPost, pngBytes, postUpload, replaceField } from "../support/uploads";

// What Ceph RGW (like S3) does with a presigned POST whose policy Valet wrote.
describe("presigned POST policy, enforced by Ceph RGW", () => {
  let t: TestApp;
  let alice: string;

  beforeAll(async () => {
    t = await startTestApp();
    alice = await tokenFor("alice");
  });
  afterAll(() => t.close());

  const grant = async (overrides: Partial<RequestUploadInput> = {}) =>
    asPost(dataOf(await t.gql(RequestUploadDocument, { input: avatarInput(overrides) }, alice)).requestUpload);

  it("stores an upload within the limits (204) under the server-chosen key", async () => {
    const g = await grant({ size: 100 });
    expect(g.key).toMatch(/^users\/alice\/avatar\/[0-9a-f-]{36}\.png$/);
    const body = pngBytes(100);
    expect(await postUpload(g, body)).toMatchObject({ status: 204 });
    const s3 = createS3Client(t.config.s3);
    const stored = await s3.send(new GetObjectCommand({ Bucket: t.config.s3.bucket, Key: g.key }));
    expect(stored.ContentType).toBe("image/png");
    expect(Buffer.from(await stored.Body!.transformToByteArray())).toEqual(Buffer.from(body));
    s3.destroy();
  });

  it("rejects a body one byte over the declared size (400 EntityTooLarge)", async () => {
    const g = await grant({ size: 100 });
    const res = await postUpload(g, pngBytes(101));
    expect(res.status).toBe(400);
    expect(res.text).toContain("EntityTooLarge");
  });

  it("rejects another Content-Type in the form (403)", async () => {
    const g = await grant();
    const res = await postUpload(g, pngBytes(64), replaceField("Content-Type", "text/html"));
    expect(res.status).toBe(403);
  });

  it("rejects the form when the key is changed (403)", async () => {
    const g = await grant();
    const res = await postUpload(g, pngBytes(64), replaceField("key", g.key.replace("alice", "bob")));
    expect(res.status).toBe(403);
  });

  it("rejects an upload after the policy expired (403)", async () => {
    // Issued two hours ago with a one-minute lifetime: expired for RGW now.
    const past = await startTestApp(testConfig(), { now: () => new Date(Date.now() - 2 * 3600_000) });
    try {
      const g = dataOf(await past.gql(RequestUploadDocument, { input: avatarInput({ expiresIn: 60 }) }, alice)).requestUpload;
      const post = await postUpload(g, pngBytes(64));
      expect(post.status).toBe(403);
      expect(post.text).toMatch(/expired/i);
    } finally {
      await past.close();
    }
  });

  it("lets a configured web origin POST to the bucket (CORS on Ceph), and not another", async () => {
    const g = await grant();
    const preflight = (origin: string) =>
      fetch(g.url, { method: "OPTIONS", headers: { origin, "access-control-request-method": "POST" } });
    const allowed = await preflight("http://localhost:5173");
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get("access-control-allow-origin")).toBe("http://localhost:5173");
    const other = await preflight("https://evil.example");
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
  });
});
