import { ListObjectVersionsCommand } from "@aws-sdk/client-s3";
import {
  CompleteUploadDocument,
  DeleteObjectDocument,
  RequestDownloadDocument,
  RequestUploadDocument,
  RevokeGrantDocument,
} from "../../client/generated/graphql";
import { sweepStrayVersions } from "../../src/objects/reaper";
import { createS3Client } from "../../src/storage/s3-client";
import { startTestApp, testConfig, type TestApp } from "../support/harness";
import { avatarInput } from "../support/operations";
import { tokenFor } from "../support/tokens";
import { pngBytes, postUpload } from "../support/uploads";

// Class: form reuse. A presigned POST stays valid at S3 until it expires, whatever Valet records;
// these show that no use of it can change what a verified object's downloads serve, and that
// whatever it writes after the object is settled is swept away once the grant has expired.
const HTML = new TextEncoder().encode("<html><script>alert(document.cookie)</script></html>");

describe("replayed upload forms (on Ceph)", () => {
  let t: TestApp;
  let alice: string;
  let admin: string;
  const s3 = () => createS3Client(t.config.s3);

  beforeAll(async () => {
    t = await startTestApp(testConfig());
    alice = await tokenFor("alice");
    admin = await tokenFor("root", ["admin"]);
  });
  afterAll(() => t.close());

  async function grant() {
    const res = await t.gql(RequestUploadDocument, { input: avatarInput({ size: 64 }) }, alice);
    return res.data!.requestUpload;
  }
  async function versions(key: string): Promise<number> {
    const client = s3();
    try {
      const out = await client.send(new ListObjectVersionsCommand({ Bucket: t.config.s3.bucket, Prefix: key }));
      return [...(out.Versions ?? []), ...(out.DeleteMarkers ?? [])].filter((v) => v.Key === key).length;
    } finally {
      client.destroy();
    }
  }
  async function download(key: string): Promise<{ status: number; bytes?: Uint8Array }> {
    const res = await t.gql(RequestDownloadDocument, { input: { key } }, alice);
    if (!res.data?.requestDownload) return { status: 404 };
    const get = await fetch(res.data.requestDownload.url);
    return { status: get.status, bytes: new Uint8Array(await get.arrayBuffer()) };
  }
  // The sweep runs as if the grants had long expired (from the start: each such run moves its
  // mark a day ahead, and a mark never moves back); S3 itself still holds whatever landed.
  const sweepLater = async () => {
    const { services } = t.app;
    const fromTheStart = { ...services.store, readMark: async () => null };
    return sweepStrayVersions({ ...services, store: fromTheStart, now: () => new Date(Date.now() + 86_400_000) });
  };

  it("a form replayed after completeUpload lands at S3, yet every download serves the verified bytes", async () => {
    const g = await grant();
    const png = pngBytes(64);
    expect((await postUpload(g, png)).status).toBe(204);
    expect((await t.gql(CompleteUploadDocument, { grantId: g.id }, alice)).data?.completeUpload.state).toBe("AVAILABLE");

    expect((await postUpload(g, HTML)).status).toBe(204); // S3 accepts it: the form is still valid
    const served = await download(g.key);
    expect(served.status).toBe(200);
    expect(Buffer.from(served.bytes!).equals(Buffer.from(png))).toBe(true);

    expect(await versions(g.key)).toBe(2);
    expect(await sweepLater()).toBeGreaterThanOrEqual(1);
    expect(await versions(g.key)).toBe(1);
    expect(Buffer.from((await download(g.key)).bytes!).equals(Buffer.from(png))).toBe(true);
  });

  it("bytes POSTed after revokeGrant are never downloadable, and the sweep removes them", async () => {
    const g = await grant();
    await t.gql(RevokeGrantDocument, { id: g.id }, admin);
    expect((await postUpload(g, pngBytes(64))).status).toBe(204);
    expect((await t.gql(CompleteUploadDocument, { grantId: g.id }, alice)).errors?.[0].extensions?.code).toBe("FORBIDDEN");
    expect((await download(g.key)).status).toBe(404);
    await sweepLater();
    expect(await versions(g.key)).toBe(0);
  });

  it("bytes POSTed after deleteObject are never downloadable, and the sweep removes them", async () => {
    const g = await grant();
    await postUpload(g, pngBytes(64));
    await t.gql(CompleteUploadDocument, { grantId: g.id }, alice);
    expect((await t.gql(DeleteObjectDocument, { key: g.key }, alice)).data?.deleteObject).toBe(true);
    expect(await versions(g.key)).toBe(0);

    expect((await postUpload(g, pngBytes(64))).status).toBe(204);
    expect((await download(g.key)).status).toBe(404);
    await sweepLater();
    expect(await versions(g.key)).toBe(0);
  });

  // The next reaper pass as it runs: every grant here is still valid at S3, its form replayable.
  const sweepNow = () => sweepStrayVersions(t.app.services);

  it("a form replayed after deleteObject, while still valid, leaves no version at the key after the next sweep", async () => {
    const g = await grant();
    await postUpload(g, pngBytes(64));
    await t.gql(CompleteUploadDocument, { grantId: g.id }, alice);
    expect((await t.gql(DeleteObjectDocument, { key: g.key }, alice)).data?.deleteObject).toBe(true);

    expect((await postUpload(g, HTML)).status).toBe(204); // S3 accepts it: the form is still valid
    expect(await versions(g.key)).toBe(1);
    expect(await sweepNow()).toBeGreaterThanOrEqual(1);
    expect(await versions(g.key)).toBe(0);
    expect((await postUpload(g, HTML)).status).toBe(204); // and again: each pass removes what landed since
    await sweepNow();
    expect(await versions(g.key)).toBe(0);
  });

  it("a form replayed after revokeGrant of a PENDING upload leaves no version at the key after the next sweep", async () => {
    const g = await grant();
    await t.gql(RevokeGrantDocument, { id: g.id }, admin);
    expect((await postUpload(g, pngBytes(64))).status).toBe(204);
    await sweepNow();
    expect(await versions(g.key)).toBe(0);
  });

  it("a form replayed after revoking an AVAILABLE object's grant: the next sweep keeps only the verified version", async () => {
    const g = await grant();
    const png = pngBytes(64);
    await postUpload(g, png);
    await t.gql(CompleteUploadDocument, { grantId: g.id }, alice);
    await t.gql(RevokeGrantDocument, { id: g.id }, admin);
    expect((await postUpload(g, HTML)).status).toBe(204);
    expect(await versions(g.key)).toBe(2);
    await sweepNow();
    expect(await versions(g.key)).toBe(1);
    expect(Buffer.from((await download(g.key)).bytes!).equals(Buffer.from(png))).toBe(true);
  });

  it("a replay under a live grant of an AVAILABLE object waits for the grant to expire (downloads serve the verified version meanwhile)", async () => {
    const g = await grant();
    await postUpload(g, pngBytes(64));
    await t.gql(CompleteUploadDocument, { grantId: g.id }, alice);
    await postUpload(g, HTML);
    await sweepNow();
    expect(await versions(g.key)).toBe(2);
  });

  it("earlier POSTs under one grant are removed when it completes: only the verified version stays", async () => {
    const g = await grant();
    await postUpload(g, HTML);
    const png = pngBytes(64);
    await postUpload(g, png);
    expect(await versions(g.key)).toBe(2);
    expect((await t.gql(CompleteUploadDocument, { grantId: g.id }, alice)).data?.completeUpload.state).toBe("AVAILABLE");
    expect(await versions(g.key)).toBe(1);
    expect(Buffer.from((await download(g.key)).bytes!).equals(Buffer.from(png))).toBe(true);
  });

  test.each([
    ["a bad upload: every caller gets the same rejection", HTML, "REJECTED"],
    ["a good upload: every caller gets the same AVAILABLE object", pngBytes(64), "AVAILABLE"],
  ])("8 concurrent completeUpload calls on %s (class: completion race)", async (_label, body, outcome) => {
    const g = await grant();
    await postUpload(g, body);
    const answers = await Promise.all(Array.from({ length: 8 }, () => t.gql(CompleteUploadDocument, { grantId: g.id }, alice)));
    const shapes = answers.map((a) => JSON.stringify({ data: a.data, errors: a.errors ?? null }));
    expect(new Set(shapes).size).toBe(1);
    expect(answers[0].errors).toBeUndefined();
    if (outcome === "AVAILABLE") expect(answers[0].data?.completeUpload).toMatchObject({ state: "AVAILABLE", size: 64 });
    else expect(answers[0].data?.completeUpload).toMatchObject({ state: "REJECTED", rejectReason: expect.any(String) });
    expect(await versions(g.key)).toBe(outcome === "AVAILABLE" ? 1 : 0);
  });
});
