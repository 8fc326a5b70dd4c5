import {
  ObjectDocument,
  RequestMultipartUploadDocument,
  RequestUploadDocument,
  RevokeGrantDocument,
  type RequestUploadInput,
} from "../../client/generated/graphql";
import { reapAbandonedUploads } from "../../src/objects/reaper";
import { dataOf } from "../support/harness";
import { startInProcessApp, type InProcessApp } from "../support/in-process";
import { avatarInput } from "../support/operations";
import { tokenFor } from "../support/tokens";
import { asMultipart, pngBytes } from "../support/uploads";

// A client that crashes right after sending its bytes never calls completeUpload. Before the
// reaper expires such an upload it looks in the bucket, and verifies what it finds exactly as
// completeUpload would: the upload ends AVAILABLE or REJECTED, never EXPIRED.
describe("the reaper completes what a client never did", () => {
  let t: InProcessApp;
  let alice: string;
  let admin: string;
  let clock = Date.now();
  const SIZE = 2500; // parts of 1024, 1024, 452 with MULTIPART_MIN_PART_SIZE=1024

  beforeAll(async () => {
    t = await startInProcessApp({ MULTIPART_MIN_PART_SIZE: "1024", REAP_GRACE_SECONDS: "60" }, { now: () => new Date(clock) });
    [alice, admin] = await Promise.all([tokenFor("alice"), tokenFor("root", ["admin"])]);
  });
  afterAll(() => t.close());

  const grant = async (input: Partial<RequestUploadInput> = {}) =>
    dataOf(await t.gql(RequestUploadDocument, { input: avatarInput({ expiresIn: 60, ...input }) }, alice)).requestUpload;
  const stateOf = async (key: string) => dataOf(await t.gql(ObjectDocument, { key }, alice)).object;
  /** Past every grant's expiry and the grace, then one reaper run. */
  async function reap() {
    clock += 3600_000;
    return reapAbandonedUploads(t.app.services);
  }

  it("makes an uncompleted upload of the granted bytes AVAILABLE, keeping them", async () => {
    const g = await grant({ metadata: { postId: "p1" } });
    t.upload(g, pngBytes(64));
    expect(await reap()).not.toContain(g.key);
    expect(await stateOf(g.key)).toMatchObject({ state: "AVAILABLE", size: 64, metadata: { postId: "p1" } });
    expect(t.storage.has(g.key)).toBe(true);
  });

  it("makes an uncompleted upload of other bytes REJECTED, removing them", async () => {
    const g = await grant();
    t.upload(g, "<html>not a png</html>".padEnd(64, " "));
    await reap();
    expect(await stateOf(g.key)).toMatchObject({ state: "REJECTED", rejectReason: expect.stringMatching(/not image\/png/) });
    expect(t.storage.has(g.key)).toBe(false);
  });

  it("expires an upload whose bytes never came", async () => {
    const g = await grant();
    expect(await reap()).toContain(g.key);
    expect(await stateOf(g.key)).toMatchObject({ state: "EXPIRED" });
  });

  /** A multipart grant and its S3 upload id. */
  async function multipart() {
    const g = asMultipart(
      dataOf(
        await t.gql(
          RequestMultipartUploadDocument,
          { input: avatarInput({ method: "MULTIPART", size: SIZE, expiresIn: 60 }), first: 3 },
          alice,
        ),
      ).requestUpload,
    );
    return { g, uploadId: new URL(g.parts[0].url).searchParams.get("uploadId")! };
  }

  it("assembles and verifies a multipart upload whose every part landed", async () => {
    const { g, uploadId } = await multipart();
    const file = pngBytes(SIZE);
    for (const n of [1, 2, 3]) t.storage.multipart.uploadPart(uploadId, n, file.slice((n - 1) * 1024, n * 1024));
    await reap();
    expect(await stateOf(g.key)).toMatchObject({ state: "AVAILABLE", size: SIZE });
  });

  it("expires a multipart upload with a part missing, and aborts it at S3", async () => {
    const { g, uploadId } = await multipart();
    t.storage.multipart.uploadPart(uploadId, 1, pngBytes(SIZE).slice(0, 1024));
    expect(await reap()).toContain(g.key);
    expect(await stateOf(g.key)).toMatchObject({ state: "EXPIRED" });
    expect(t.storage.multipart.isOpen(uploadId)).toBe(false);
  });

  it("leaves a revoked grant's upload as revoking settled it", async () => {
    const g = await grant();
    t.upload(g, pngBytes(64));
    await t.gql(RevokeGrantDocument, { id: g.id }, admin);
    await reap();
    expect(await stateOf(g.key)).toMatchObject({ state: "REJECTED", rejectReason: "the upload grant was revoked" });
  });
});
