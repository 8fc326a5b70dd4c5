import {
  AbortUploadDocument,
  CompleteUploadDocument,
  DeleteObjectDocument,
  ObjectDocument,
  RequestDownloadDocument,
  RequestUploadDocument,
  RevokeGrantDocument,
  type RequestUploadInput,
} from "../../client/generated/graphql";
import { runReaper } from "../../src/objects/reaper";
import { dataOf } from "../support/harness";
import { startInProcessApp, type InProcessApp } from "../support/in-process";
import { avatarInput } from "../support/operations";
import { tokenFor } from "../support/tokens";
import { pngBytes } from "../support/uploads";

// What completeUpload answers: AVAILABLE and REJECTED are data; "nothing uploaded yet" is
// UPLOAD_INCOMPLETE and leaves the grant usable. What S3 itself refuses is proven on the RGW.
describe("completeUpload's answers", () => {
  let t: InProcessApp;
  let alice: string;
  let admin: string;
  let clock = Date.now();

  beforeAll(async () => {
    t = await startInProcessApp({}, { now: () => new Date(clock) });
    [alice, admin] = await Promise.all([tokenFor("alice"), tokenFor("root", ["admin"])]);
  });
  afterAll(() => t.close());

  const grant = async (input: Partial<RequestUploadInput> = {}) =>
    dataOf(await t.gql(RequestUploadDocument, { input: avatarInput(input) }, alice)).requestUpload;
  const complete = (grantId: string) => t.gql(CompleteUploadDocument, { grantId }, alice);

  it.each<[string, Uint8Array | string, string | undefined, RegExp]>([
    ["bytes that are not the declared type", "<html><script>alert(1)</script>".padEnd(64, " "), undefined, /not image\/png/],
    ["a stored Content-Type other than the granted one", pngBytes(64), "image/jpeg", /Content-Type 'image\/jpeg'/],
    ["more bytes than declared", pngBytes(65), undefined, /outside the granted 1\.\.64 bytes/],
  ])("answers %s as a REJECTED object with its reason, not as an error", async (_label, bytes, storedType, reason) => {
    const g = await grant();
    t.storage.put(g.key, bytes, storedType ?? "image/png");
    const res = await complete(g.id);
    expect(res.errors).toBeUndefined();
    expect(res.data?.completeUpload).toMatchObject({
      key: g.key,
      state: "REJECTED",
      rejectReason: expect.stringMatching(reason),
    });
    expect(t.storage.has(g.key)).toBe(false);
  });

  it("answers AVAILABLE, with no rejectReason, for bytes that are what was granted", async () => {
    const g = await grant();
    t.upload(g, pngBytes(64));
    const res = await complete(g.id);
    expect(res.errors).toBeUndefined();
    expect(res.data?.completeUpload).toMatchObject({ state: "AVAILABLE", rejectReason: null, size: 64 });
  });

  it("answers the same REJECTED object to every later and every concurrent call", async () => {
    const g = await grant();
    t.upload(g, "not a png".padEnd(64, "!"));
    const answers = await Promise.all([complete(g.id), complete(g.id), complete(g.id)]);
    const again = await complete(g.id);
    for (const res of [...answers, again]) {
      expect(res.errors).toBeUndefined();
      expect(res.data).toEqual(answers[0].data);
    }
    expect(answers[0].data?.completeUpload.state).toBe("REJECTED");
  });

  it("answers UPLOAD_INCOMPLETE before anything was uploaded, and completes once the bytes are there", async () => {
    const g = await grant();
    const res = await complete(g.id);
    expect(res.data).toBeNull();
    expect(res.errors?.[0]).toMatchObject({
      path: ["completeUpload"],
      extensions: { code: "UPLOAD_INCOMPLETE" },
      message: expect.stringMatching(/nothing has been uploaded/),
    });
    expect(dataOf(await t.gql(ObjectDocument, { key: g.key }, alice)).object?.state).toBe("PENDING");
    t.upload(g, pngBytes(64));
    expect(dataOf(await complete(g.id)).completeUpload.state).toBe("AVAILABLE");
  });

  it("answers BAD_USER_INPUT, not UPLOAD_INCOMPLETE, when the grant expired with nothing uploaded", async () => {
    const g = await grant({ expiresIn: 60 });
    clock += 61_000;
    try {
      const res = await complete(g.id);
      expect(res.errors?.[0]).toMatchObject({
        extensions: { code: "BAD_USER_INPUT" },
        message: expect.stringMatching(/expired/),
      });
    } finally {
      clock -= 61_000;
    }
  });

  it("answers BAD_USER_INPUT from the grant's last instant on, and UPLOAD_INCOMPLETE a second before", async () => {
    const g = await grant({ expiresIn: 60 });
    const saved = clock;
    try {
      clock = Date.parse(g.expiresAt) - 1000;
      expect((await complete(g.id)).errors?.[0]?.extensions?.code).toBe("UPLOAD_INCOMPLETE");
      clock = Date.parse(g.expiresAt);
      expect((await complete(g.id)).errors?.[0]).toMatchObject({
        extensions: { code: "BAD_USER_INPUT", field: "grantId" },
        message: expect.stringMatching(/grant expired before anything was uploaded/),
      });
    } finally {
      clock = saved;
    }
  });

  it("rejects an empty upload for its size, without reading bytes that are not there", async () => {
    const g = await grant();
    t.upload(g, "");
    const res = await complete(g.id);
    expect(res.errors).toBeUndefined();
    expect(res.data?.completeUpload).toMatchObject({ state: "REJECTED", rejectReason: expect.stringMatching(/stored size 0 /) });
  });

  it("refuses another viewer's grant with NOT_FOUND, worded as for a grant that does not exist", async () => {
    const g = await grant();
    t.upload(g, pngBytes(64));
    const res = await t.gql(CompleteUploadDocument, { grantId: g.id }, await tokenFor("mallory"));
    expect(res.errors?.[0]).toMatchObject({ extensions: { code: "NOT_FOUND" }, message: `no upload grant '${g.id}'` });
    const unknown = "00000000-0000-4000-8000-000000000000";
    expect((await complete(unknown)).errors?.[0]).toMatchObject({
      extensions: { code: "NOT_FOUND" },
      message: `no upload grant '${unknown}'`,
    });
    expect(dataOf(await complete(g.id)).completeUpload.state).toBe("AVAILABLE");
  });

  it("answers NOT_FOUND once the owner deleted the pending object, though its grant is still on record", async () => {
    const g = await grant();
    expect(dataOf(await t.gql(DeleteObjectDocument, { key: g.key }, alice)).deleteObject).toBe(true);
    t.upload(g, pngBytes(64));
    expect((await complete(g.id)).errors?.[0]).toMatchObject({
      extensions: { code: "NOT_FOUND" },
      message: `no upload grant '${g.id}'`,
    });
  });

  it("answers NOT_FOUND when the key's pending object now belongs to another grant", async () => {
    const g = await grant();
    const { store } = t.app.services;
    const [first, object] = await Promise.all([store.findGrant(g.id), store.findObject(g.key)]);
    expect(dataOf(await t.gql(DeleteObjectDocument, { key: g.key }, alice)).deleteObject).toBe(true);
    // A later grant for the same key (a profile whose key template has no {uuid} could issue one).
    const later = { ...first!, id: "00000000-0000-7000-8000-00000000beef" };
    await store.recordUploadGrant(later, { ...object!, grantId: later.id });
    t.upload(g, pngBytes(64));
    expect((await complete(g.id)).errors?.[0]).toMatchObject({
      extensions: { code: "NOT_FOUND" },
      message: `no upload grant '${g.id}'`,
    });
    expect((await store.findObject(g.key))?.state).toBe("PENDING");
  });

  it("answers FORBIDDEN for a revoked grant, whose object stays REJECTED with the revocation as its reason", async () => {
    const g = await grant();
    t.upload(g, pngBytes(64));
    dataOf(await t.gql(RevokeGrantDocument, { id: g.id }, admin));
    const res = await complete(g.id);
    expect(res.errors?.[0]).toMatchObject({ extensions: { code: "FORBIDDEN" }, message: "this upload grant was revoked" });
    expect(dataOf(await t.gql(ObjectDocument, { key: g.key }, alice)).object).toMatchObject({
      state: "REJECTED",
      rejectReason: "the upload grant was revoked",
    });
    expect(t.storage.has(g.key)).toBe(false);
  });

  it("revoking the grant of a completed upload leaves its object AVAILABLE, bytes and downloads included", async () => {
    const g = await grant();
    t.upload(g, pngBytes(64));
    expect(dataOf(await complete(g.id)).completeUpload.state).toBe("AVAILABLE");
    expect(dataOf(await t.gql(RevokeGrantDocument, { id: g.id }, admin)).revokeGrant.revokedAt).not.toBeNull();
    expect(dataOf(await t.gql(ObjectDocument, { key: g.key }, alice)).object).toMatchObject({ state: "AVAILABLE", size: 64 });
    expect(t.storage.has(g.key)).toBe(true);
    expect(dataOf(await t.gql(RequestDownloadDocument, { input: { key: g.key } }, alice)).requestDownload.url).toEqual(
      expect.any(String),
    );
    expect((await complete(g.id)).errors?.[0]).toMatchObject({
      extensions: { code: "FORBIDDEN" },
      message: "this upload grant was revoked",
    });
  });

  it("says whether an upload that will never complete was aborted or expired", async () => {
    const aborted = await grant();
    dataOf(await t.gql(AbortUploadDocument, { grantId: aborted.id }, alice));
    const expired = await grant({ expiresIn: 60 });
    const saved = clock;
    try {
      clock += (60 + t.config.reaper.graceSeconds + 1) * 1000;
      expect((await runReaper(t.app.services)).reaped).toContain(expired.key);
    } finally {
      clock = saved;
    }
    for (const [g, message] of [
      [aborted, "this upload was aborted"],
      [expired, "this upload expired before it was completed"],
    ] as const) {
      expect((await complete(g.id)).errors?.[0]).toMatchObject({
        extensions: { code: "BAD_USER_INPUT", field: "grantId" },
        message,
      });
    }
  });
});
