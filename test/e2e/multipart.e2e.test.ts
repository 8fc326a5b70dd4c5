import { HeadObjectCommand, ListMultipartUploadsCommand, ListObjectVersionsCommand } from "@aws-sdk/client-s3";
import {
  AbortUploadDocument,
  CompleteUploadDocument,
  ObjectDocument,
  RequestDownloadDocument,
  RequestMultipartUploadDocument,
  SignUploadPartsDocument,
  UploadedPartsDocument,
} from "../../client/generated/graphql";
import { reapAbandonedUploads } from "../../src/objects/reaper";
import { abortStaleMultipartUploads } from "../../src/objects/stale-multipart";
import { createS3Client } from "../../src/storage/s3-client";
import { startTestApp, testConfig, type TestApp } from "../support/harness";
import { putUpload } from "../support/put-upload";
import { tokenFor } from "../support/tokens";
import { asMultipart, pngBytes } from "../support/uploads";

const MiB = 1024 ** 2;
const SIZE = 10 * MiB + 1000; // parts of 5 MiB, 5 MiB and 1000 bytes: S3's minimum part size, as on AWS
const input = (over: Record<string, unknown> = {}) => ({
  profile: "press-kit",
  filename: "poster.png",
  contentType: "image/png",
  size: SIZE,
  method: "MULTIPART" as const,
  ...over,
});

/** A PNG of `SIZE` bytes whose parts differ, so a misplaced part would show in the download. */
function file(): Uint8Array {
  const bytes = pngBytes(SIZE);
  for (let i = 64; i < SIZE; i++) bytes[i] = (i * 31 + (i >> 20)) & 0xff;
  return bytes;
}
const slice = (bytes: Uint8Array, part: { partNumber: number; size: number }) =>
  bytes.slice((part.partNumber - 1) * 5 * MiB, (part.partNumber - 1) * 5 * MiB + part.size);

// What S3 (Ceph RGW) enforces on part URLs, and multipart completion against it.
describe("multipart uploads (on Ceph)", () => {
  let t: TestApp;
  let sam: string;
  let eve: string;
  const s3 = () => createS3Client(t.config.s3);
  const bytes = file();

  beforeAll(async () => {
    t = await startTestApp(testConfig());
    [sam, eve] = await Promise.all([tokenFor("sam", ["staff"]), tokenFor("eve", ["staff"])]);
  });
  afterAll(() => t.close());

  async function grant(first = 100, over: Record<string, unknown> = {}) {
    const res = await t.gql(RequestMultipartUploadDocument, { input: input(over), first }, sam);
    expect(res.errors).toBeUndefined();
    return asMultipart(res.data!.requestUpload);
  }
  type Part = { partNumber: number; size: number; url: string; headers: Array<{ name: string; value: string }> };
  const send = (part: Part, body = slice(bytes, part)) => putUpload(part, body);
  const complete = (grantId: string, token = sam) => t.gql(CompleteUploadDocument, { grantId }, token);
  const sign = (grantId: string, partNumbers: number[], extra: Record<string, unknown> = {}, token = sam) =>
    t.gql(SignUploadPartsDocument, { grantId, partNumbers, ...extra }, token);
  async function openUploads(key: string): Promise<string[]> {
    const client = s3();
    try {
      const out = await client.send(new ListMultipartUploadsCommand({ Bucket: t.config.s3.bucket, Prefix: key }));
      return (out.Uploads ?? []).filter((u) => u.Key === key).map((u) => u.UploadId!);
    } finally {
      client.destroy();
    }
  }

  it("uploads 3 parts and completes them: AVAILABLE, and the download is byte-identical", async () => {
    const g = await grant();
    expect(g.parts.map((p) => p.size)).toEqual([5 * MiB, 5 * MiB, 1000]);
    for (const part of g.parts) expect(await send(part)).toMatchObject({ status: 200 });
    expect((await complete(g.id)).data?.completeUpload).toMatchObject({
      state: "AVAILABLE",
      size: SIZE,
      contentType: "image/png",
    });
    const url = (await t.gql(RequestDownloadDocument, { input: { key: g.key } }, sam)).data!.requestDownload.url;
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(Buffer.from(bytes))).toBe(true);
  });

  it("settles concurrent completions on one version, which every call answers", async () => {
    const g = await grant();
    for (const part of g.parts) await send(part);
    const results = await Promise.all(Array.from({ length: 4 }, () => complete(g.id)));
    for (const res of results) expect(res.errors ?? res.data?.completeUpload).toMatchObject({ state: "AVAILABLE", size: SIZE });
    const client = s3();
    try {
      const versions = await client.send(new ListObjectVersionsCommand({ Bucket: t.config.s3.bucket, Prefix: g.key }));
      expect(versions.Versions?.filter((v) => v.Key === g.key)).toHaveLength(1);
    } finally {
      client.destroy();
    }
  });

  test.each([
    ["one byte longer", 1],
    ["one byte shorter", -1],
  ])("refuses a part %s than its URL was signed for (403)", async (_label, delta) => {
    const [part] = (await grant(1)).parts;
    const body = bytes.slice(0, part.size + delta);
    expect(await putUpload(part, body, { omit: ["Content-Length"] })).toMatchObject({
      status: 403,
      code: "SignatureDoesNotMatch",
    });
  });

  it("refuses a part URL used for another part number (403)", async () => {
    const [, second] = (await grant(2)).parts;
    const url = new URL(second.url);
    url.searchParams.set("partNumber", "1"); // same size as part 2
    expect(await putUpload({ ...second, url: url.toString() }, slice(bytes, second))).toMatchObject({ status: 403 });
    expect(await send(second)).toMatchObject({ status: 200 }); // the same bytes under the signed part number
  });

  it("refuses an expired part URL (403)", async () => {
    const g = await grant(0);
    const [expiring] = (await sign(g.id, [3], { expiresIn: 1 })).data!.signUploadParts;
    const [lasting] = (await sign(g.id, [3], { expiresIn: 60 })).data!.signUploadParts;
    await new Promise((r) => setTimeout(r, 2200));
    expect(await send(expiring)).toMatchObject({ status: 403 });
    expect(await send(lasting)).toMatchObject({ status: 200 });
  });

  it("resumes: two parts uploaded, uploadedParts lists them, signUploadParts for the third, complete → AVAILABLE", async () => {
    const g = await grant(2);
    const etags = [];
    for (const part of g.parts) etags.push((await send(part)).etag);
    const listed = (await t.gql(UploadedPartsDocument, { grantId: g.id }, sam)).data!.uploadedParts;
    expect(listed).toEqual([
      { partNumber: 1, size: 5 * MiB, etag: etags[0] },
      { partNumber: 2, size: 5 * MiB, etag: etags[1] },
    ]);
    const [third] = (await sign(g.id, [3])).data!.signUploadParts;
    expect(await send(third)).toMatchObject({ status: 200 });
    expect((await complete(g.id)).data?.completeUpload.state).toBe("AVAILABLE");
  });

  it("refuses to complete with a missing part: UPLOAD_INCOMPLETE naming it, and nothing AVAILABLE", async () => {
    const g = await grant();
    await send(g.parts[0]);
    await send(g.parts[2]);
    const res = await complete(g.id);
    expect(res.errors?.[0]).toMatchObject({ extensions: { code: "UPLOAD_INCOMPLETE", missingParts: [2] } });
    expect((await t.gql(ObjectDocument, { key: g.key }, sam)).data?.object).toMatchObject({
      state: "PENDING",
      downloadUrl: null,
    });
    expect(await openUploads(g.key)).toHaveLength(1);
  });

  it("abortUpload: S3 no longer knows the upload, and the object is ABORTED", async () => {
    const g = await grant();
    await send(g.parts[0]);
    const uploadId = new URL(g.parts[0].url).searchParams.get("uploadId");
    expect(await openUploads(g.key)).toEqual([uploadId]);
    expect((await t.gql(AbortUploadDocument, { grantId: g.id }, sam)).data?.abortUpload.state).toBe("ABORTED");
    expect(await openUploads(g.key)).toEqual([]);
    expect((await send(g.parts[1])).status).toBe(404); // NoSuchUpload
  });

  it("another viewer's grant is NOT_FOUND for sign, list, complete and abort; its owner's is not", async () => {
    const g = await grant(0);
    const denied = await Promise.all([
      sign(g.id, [1], {}, eve),
      t.gql(UploadedPartsDocument, { grantId: g.id }, eve),
      complete(g.id, eve),
      t.gql(AbortUploadDocument, { grantId: g.id }, eve),
    ]);
    for (const res of denied) expect(res.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    expect((await sign(g.id, [1])).data?.signUploadParts).toHaveLength(1);
    expect((await t.gql(UploadedPartsDocument, { grantId: g.id }, sam)).data?.uploadedParts).toEqual([]);
    expect((await t.gql(AbortUploadDocument, { grantId: g.id }, sam)).data?.abortUpload.state).toBe("ABORTED");
  });

  it("the reaper aborts the multipart upload of an expired PENDING grant", async () => {
    const g = await grant(1, { expiresIn: 60 });
    await send(g.parts[0]);
    expect(await openUploads(g.key)).toHaveLength(1);
    const later = { ...t.app.services, now: () => new Date(Date.now() + (60 + t.config.reaper.graceSeconds + 1) * 1000) };
    expect(await reapAbandonedUploads(later)).toContain(g.key);
    expect(await openUploads(g.key)).toEqual([]);
    expect((await t.gql(ObjectDocument, { key: g.key }, sam)).data?.object?.state).toBe("EXPIRED");
  });

  it("the reaper's backstop aborts an old open upload that no PENDING grant holds", async () => {
    const key = "users/sam/press-kit/orphan.png";
    const orphan = await t.app.services.multipart.create(key, { contentType: "image/png" });
    const longest = Math.max(...[...t.config.profiles.values()].map((p) => p.maxExpiresIn));
    const soon = { ...t.app.services, now: () => new Date(Date.now() + 60_000) };
    expect(await abortStaleMultipartUploads(soon)).toBe(0); // younger than any grant could be: kept
    expect(await openUploads(key)).toEqual([orphan]);
    const later = { ...t.app.services, now: () => new Date(Date.now() + (longest + t.config.reaper.graceSeconds + 60) * 1000) };
    expect(await abortStaleMultipartUploads(later)).toBeGreaterThanOrEqual(1);
    expect(await openUploads(key)).toEqual([]);
  });

  it("rejects and deletes a multipart file whose first bytes are not its type", async () => {
    const g = await grant();
    const html = new TextEncoder().encode("<!doctype html><script>alert(1)</script>".padEnd(SIZE, " "));
    for (const part of g.parts) expect((await send(part, slice(html, part))).status).toBe(200);
    const res = await complete(g.id);
    expect(res.errors).toBeUndefined();
    expect(res.data?.completeUpload).toMatchObject({ state: "REJECTED", rejectReason: expect.stringMatching(/not image\/png/) });
    expect((await t.gql(ObjectDocument, { key: g.key }, sam)).data?.object?.state).toBe("REJECTED");
    const client = s3();
    try {
      await expect(client.send(new HeadObjectCommand({ Bucket: t.config.s3.bucket, Key: g.key }))).rejects.toMatchObject({
        $metadata: { httpStatusCode: 404 },
      });
      const versions = await client.send(new ListObjectVersionsCommand({ Bucket: t.config.s3.bucket, Prefix: g.key }));
      expect([...(versions.Versions ?? []), ...(versions.DeleteMarkers ?? [])]).toHaveLength(0);
    } finally {
      client.destroy();
    }
  });
});
