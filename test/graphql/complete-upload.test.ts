import {
  CompleteUploadDocument,
  ObjectDocument,
  RequestUploadDocument,
  type RequestUploadInput,
} from "../../client/generated/graphql";
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
  let clock = Date.now();

  beforeAll(async () => {
    t = await startInProcessApp({}, { now: () => new Date(clock) });
    alice = await tokenFor("alice");
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

  it("refuses another viewer's grant with NOT_FOUND", async () => {
    const g = await grant();
    t.upload(g, pngBytes(64));
    const res = await t.gql(CompleteUploadDocument, { grantId: g.id }, await tokenFor("mallory"));
    expect(res.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    expect(dataOf(await complete(g.id)).completeUpload.state).toBe("AVAILABLE");
  });
});
