import { HeadObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { crc32, deflateSync } from "node:zlib";
import { createS3Client } from "../../src/storage/s3-client";
import {
  CompleteUploadDocument,
  RequestDownloadDocument,
  RequestUploadDocument,
  type Disposition,
  type RequestUploadInput,
} from "../../client/generated/graphql";
import { dataOf, startTestApp, type TestApp } from "../support/harness";
import { avatarInput } from "../support/operations";
import { tokenFor } from "../support/tokens";
import { postUpload } from "../support/uploads";

// A valid 1×1 PNG whose tEXt chunk is an HTML page: a browser told text/html would run the script.
function pngHtmlPolyglot(): Uint8Array {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]);
  const html = Buffer.from("comment\0<html><body><script>document.title='pwned'</script></body></html>", "latin1");
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("tEXt", html),
    chunk("IDAT", deflateSync(Buffer.from([0, 0, 0, 0, 0]))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

describe("download safety on Ceph", () => {
  let t: TestApp;
  let alice: string;
  beforeAll(async () => {
    t = await startTestApp();
    alice = await tokenFor("alice");
  });
  afterAll(() => t.close());

  /** Grants, POSTs and completes one upload; returns its key once AVAILABLE. */
  const store = async (input: Partial<RequestUploadInput>, body: Uint8Array): Promise<string> => {
    const g = dataOf(
      await t.gql(RequestUploadDocument, { input: avatarInput({ ...input, size: body.length }) }, alice),
    ).requestUpload;
    expect((await postUpload(g, body)).status).toBe(204);
    expect((await t.gql(CompleteUploadDocument, { grantId: g.id }, alice)).data?.completeUpload.state).toBe("AVAILABLE");
    return g.key;
  };
  const downloadUrl = async (key: string, disposition: Disposition) =>
    dataOf(await t.gql(RequestDownloadDocument, { input: { key, disposition } }, alice)).requestDownload.url;

  it("serves a PNG/HTML polyglot named x.html asked INLINE as image/png, inline, under a .png name", async () => {
    const body = pngHtmlPolyglot();
    const key = await store({ filename: "x.html" }, body);
    const url = await downloadUrl(key, "INLINE");
    expect(new URL(url).searchParams.get("response-content-type")).toBe("image/png");
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(res.headers.get("content-disposition")).toBe('inline; filename="x.html.png"');
    expect(Buffer.from(await res.arrayBuffer())).toEqual(Buffer.from(body));
  });

  it("serves a text/plain document asked INLINE as an attachment with Content-Type text/plain", async () => {
    const body = new TextEncoder().encode("<script>alert(document.cookie)</script>\n");
    const key = await store({ profile: "document", filename: "page.html", contentType: "text/plain" }, body);
    const res = await fetch(await downloadUrl(key, "INLINE"));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/plain");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="page.html.txt"');
  });

  it("serves the verified type even after the stored Content-Type was changed to text/html", async () => {
    const body = pngHtmlPolyglot();
    const key = await store({ filename: "y.png" }, body);
    const s3 = createS3Client(t.config.s3);
    try {
      await s3.send(new PutObjectCommand({ Bucket: t.config.s3.bucket, Key: key, Body: body, ContentType: "text/html" }));
      expect((await s3.send(new HeadObjectCommand({ Bucket: t.config.s3.bucket, Key: key }))).ContentType).toBe("text/html");
    } finally {
      s3.destroy();
    }
    const res = await fetch(await downloadUrl(key, "ATTACHMENT"));
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="y.png"');
  });
});
