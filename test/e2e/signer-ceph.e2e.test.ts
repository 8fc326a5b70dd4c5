import { createSigner } from "../../src/storage/signer";
import { createS3Client } from "../../src/storage/s3-client";
import { ensureBucket } from "../../src/storage/bucket";
import { testConfig } from "../support/harness";

// The fast signer's URLs, taken to a real Ceph RGW: what the differential test proves equal to
// the SDK, this proves accepted (and tampering refused) by an S3 implementation.
describe("fast signer against Ceph RGW", () => {
  const config = testConfig();
  const signer = createSigner({
    endpoint: config.s3.endpoint!,
    region: config.s3.region,
    bucket: config.s3.bucket,
    forcePathStyle: true,
    credentials: config.s3.credentials!,
    responseChecksumValidation: "WHEN_REQUIRED",
  });
  const now = () => new Date();

  beforeAll(async () => {
    const s3 = createS3Client(config.s3);
    await ensureBucket(s3, config.s3.bucket, []);
    s3.destroy();
  });

  const keys = [
    "users/a/plain.txt",
    "users/a/spaces and + plus/%percent~tilde.txt",
    "users/a/!*'()&=?#.txt",
    "users/a/ünïcödé/日本語/😀.txt",
    `users/a/${"deep/".repeat(40)}leaf.txt`,
  ];

  it.each(keys)("PUTs then GETs %j with signed URLs", async (key) => {
    const body = `body of ${key}`;
    const put = await fetch(signer.presignPut({ key, expiresIn: 60, now: now(), contentType: "text/plain" }), {
      method: "PUT",
      headers: { "content-type": "text/plain" },
      body,
    });
    expect(put.status).toBe(200);
    const url = signer.presignGet({ key, expiresIn: 60, now: now(), responseContentDisposition: `attachment; filename="x.txt"` });
    const get = await fetch(url);
    expect(get.status).toBe(200);
    expect(await get.text()).toBe(body);
    expect(get.headers.get("content-disposition")).toBe('attachment; filename="x.txt"');
  });

  it("refuses a PUT whose Content-Type differs from the signed one", async () => {
    const url = signer.presignPut({ key: "users/a/typed.txt", expiresIn: 60, now: now(), contentType: "text/plain" });
    const res = await fetch(url, { method: "PUT", headers: { "content-type": "text/html" }, body: "<p>" });
    expect(res.status).toBe(403);
  });

  it("refuses a GET whose signature or key was altered", async () => {
    const url = signer.presignGet({ key: keys[0], expiresIn: 60, now: now() });
    const flipped = url.replace(/X-Amz-Signature=([0-9a-f])/, (_, c: string) => `X-Amz-Signature=${c === "0" ? "1" : "0"}`);
    expect((await fetch(flipped)).status).toBe(403);
    expect((await fetch(url.replace("plain.txt", "other.txt"))).status).toBe(403);
  });
});
