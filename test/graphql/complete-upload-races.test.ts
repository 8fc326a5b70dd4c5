import {
  CompleteUploadDocument,
  RequestMultipartUploadDocument,
  RequestUploadDocument,
  type RequestUploadInput,
} from "../../client/generated/graphql";
import { createLogger } from "../../src/observability/logger";
import type { ObjectStore } from "../../src/storage/types";
import { dataOf } from "../support/harness";
import { startInProcessApp, type InProcessApp } from "../support/in-process";
import { avatarInput } from "../support/operations";
import { tokenFor } from "../support/tokens";
import { asMultipart, pngBytes } from "../support/uploads";

// completeUpload while the bucket changes under it: what it verifies is one version, and what it
// records is that version. Each case makes the in-memory bucket do, at one step of a completion,
// what S3 may do there: another write lands at the key, a new version is not visible yet, a
// racing call settles the object first, a reply lacks a field.
describe("completeUpload while the bucket changes", () => {
  let t: InProcessApp;
  let alice: string;
  let original: ObjectStore;
  const lines: string[] = [];
  const SIZE = 2500; // multipart: parts of 1024, 1024, 452 with MULTIPART_MIN_PART_SIZE=1024

  beforeAll(async () => {
    const logger = createLogger({ level: "error", format: "json", destination: { write: (line) => lines.push(line) } });
    t = await startInProcessApp({ MULTIPART_MIN_PART_SIZE: "1024" }, { logger });
    alice = await tokenFor("alice");
    original = { ...t.storage.objects };
  });
  afterEach(() => Object.assign(t.storage.objects, original));
  afterAll(() => t.close());

  const grant = async (input: Partial<RequestUploadInput> = {}) =>
    dataOf(await t.gql(RequestUploadDocument, { input: avatarInput(input) }, alice)).requestUpload;
  const complete = (grantId: string) => t.gql(CompleteUploadDocument, { grantId }, alice);
  const currentBytes = async (key: string) => original.readStart(key, 1 << 20);
  const NOT_A_PNG = "<html>not a png</html>".padEnd(64, " ");

  async function multipart() {
    const g = asMultipart(
      dataOf(
        await t.gql(RequestMultipartUploadDocument, { input: avatarInput({ method: "MULTIPART", size: SIZE }), first: 3 }, alice),
      ).requestUpload,
    );
    const uploadId = new URL(g.parts[0].url).searchParams.get("uploadId")!;
    const file = pngBytes(SIZE);
    for (const n of [1, 2, 3]) t.storage.multipart.uploadPart(uploadId, n, file.slice((n - 1) * 1024, n * 1024));
    return { g, uploadId, file };
  }

  it("verifies the version it looked at, when another write lands between HEAD and the read", async () => {
    const g = await grant();
    t.upload(g, pngBytes(64));
    t.storage.objects.head = async (key, o) => {
      const head = await original.head(key, o);
      t.storage.put(key, NOT_A_PNG, "image/png"); // a replayed form, say
      return head;
    };
    expect(dataOf(await complete(g.id)).completeUpload).toMatchObject({ state: "AVAILABLE", size: 64 });
    expect(t.storage.versions(g.key)).toBe(1);
    expect(await currentBytes(g.key)).toEqual(pngBytes(64));
  });

  it("verifies the version S3 assembled from the parts, not a later write at the key", async () => {
    const { g, file } = await multipart();
    const assemble = t.storage.multipart.complete;
    t.storage.multipart.complete = async (...args) => {
      const done = await assemble(...args);
      t.storage.put(g.key, NOT_A_PNG, "image/png");
      return done;
    };
    try {
      expect(dataOf(await complete(g.id)).completeUpload).toMatchObject({ state: "AVAILABLE", size: SIZE });
    } finally {
      t.storage.multipart.complete = assemble;
    }
    expect(t.storage.versions(g.key)).toBe(1);
    expect(await currentBytes(g.key)).toEqual(file);
  });

  it("looks again when the version S3 just assembled is not visible yet", async () => {
    const { g } = await multipart();
    let heads = 0;
    t.storage.objects.head = async (key, o) => (++heads === 1 ? null : original.head(key, o));
    expect(dataOf(await complete(g.id)).completeUpload).toMatchObject({ state: "AVAILABLE", size: SIZE });
    expect(heads).toBe(2);
  });

  it("answers what a racing call settled, when its own look found nothing", async () => {
    const g = await grant();
    let racing: ReturnType<typeof complete> | undefined;
    t.storage.objects.head = async (key, o) => {
      if (racing) return original.head(key, o);
      // Between this call's HEAD (nothing there yet) and its next read of the registry, the bytes
      // land and another call completes the upload.
      t.upload(g, pngBytes(64));
      racing = complete(g.id);
      await racing;
      return null;
    };
    const res = await complete(g.id);
    const other = await racing!;
    expect(dataOf(other).completeUpload.state).toBe("AVAILABLE");
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual(other.data);
  });

  it("gives up with an internal error, logged, after three rounds of a version that keeps vanishing", async () => {
    const g = await grant();
    t.upload(g, pngBytes(64));
    let reads = 0;
    t.storage.objects.readStart = async () => (reads++ < 10 ? null : new Uint8Array()); // vanished by the time it is read
    const res = await complete(g.id);
    expect(res.errors?.[0]?.extensions?.code).toBe("INTERNAL_SERVER_ERROR");
    expect(reads).toBe(3);
    expect(lines.join("\n")).toContain(`upload for grant ${g.id} kept changing during verification`);
  });

  it("refuses, with an internal error that says why in the log, a bucket that reports no version id", async () => {
    const g = await grant();
    t.upload(g, pngBytes(64));
    t.storage.objects.head = async (key, o) => ({ ...(await original.head(key, o))!, versionId: undefined });
    expect((await complete(g.id)).errors?.[0]?.extensions?.code).toBe("INTERNAL_SERVER_ERROR");
    expect(lines.join("\n")).toContain(`bucket returned no version id for ${g.key}: is versioning enabled?`);
  });

  it("records an empty ETag when the bucket reports none", async () => {
    const g = await grant();
    t.upload(g, pngBytes(64));
    t.storage.objects.head = async (key, o) => ({ ...(await original.head(key, o))!, etag: undefined });
    expect(dataOf(await complete(g.id)).completeUpload.state).toBe("AVAILABLE");
    expect((await t.app.services.store.findObject(g.key))?.etag).toBe("");
  });

  it("says a multipart upload S3 no longer holds, with nothing at its key, needs a new grant", async () => {
    const { g, uploadId } = await multipart();
    await t.storage.multipart.abort(g.key, uploadId);
    expect((await complete(g.id)).errors?.[0]).toMatchObject({
      extensions: { code: "BAD_USER_INPUT", field: "grantId" },
      message: expect.stringMatching(/^S3 holds neither this multipart upload nor its object .*: request a new grant$/),
    });
  });
});
