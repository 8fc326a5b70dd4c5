import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CompleteUploadDocument, RequestUploadDocument, UploadProfilesDocument } from "../../client/generated/graphql";
import { dataOf } from "../support/harness";
import { startInProcessApp, type InProcessApp } from "../support/in-process";
import { tokenFor } from "../support/tokens";
import { pngBytes } from "../support/uploads";

const GiB = 1024 ** 3;
const profile = (over: Record<string, unknown>) => ({
  contentTypes: ["image/png"],
  maxBytes: 10 * GiB,
  defaultExpiresIn: 300,
  maxExpiresIn: 3600,
  keyTemplate: "users/{sub}/big/{uuid}{ext}",
  ...over,
});

// How requestUpload picks and refuses methods, in process (the in-memory bucket enforces nothing).
describe("upload methods", () => {
  let t: InProcessApp;
  let alice: string;
  const dir = mkdtempSync(join(tmpdir(), "valet-profiles-"));

  beforeAll(async () => {
    const file = join(dir, "profiles.json");
    writeFileSync(
      file,
      JSON.stringify({
        big: profile({}),
        "put-only": profile({ methods: ["PUT"], maxBytes: 1024 }),
        small: profile({ maxBytes: 1024, multipartThreshold: 100 }),
      }),
    );
    t = await startInProcessApp({ PROFILES_FILE: file, MULTIPART_MIN_PART_SIZE: "1024" });
    alice = await tokenFor("alice");
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const request = (input: Record<string, unknown>) =>
    t.gql(
      RequestUploadDocument,
      { input: { profile: "big", filename: "a.png", contentType: "image/png", size: 64, ...input } },
      alice,
    );

  it("lists each profile's methods and threshold", async () => {
    const { data } = await t.gql(UploadProfilesDocument, {}, alice);
    expect(data!.uploadProfiles.find((p) => p.name === "put-only")).toMatchObject({
      methods: ["PUT"],
      multipartThreshold: 64 * 1024 ** 2,
    });
  });

  test.each([
    ["POST", { method: "POST", size: 5 * GiB + 1 }],
    ["PUT", { method: "PUT", size: 5 * GiB + 1 }],
  ])("refuses a %s above 5 GiB with BAD_USER_INPUT that names MULTIPART", async (_label, input) => {
    const res = await request(input);
    expect(res.data).toBeNull();
    expect(res.errors?.[0]).toMatchObject({
      extensions: { code: "BAD_USER_INPUT", field: "method" },
      message: expect.stringMatching(/MULTIPART/),
    });
  });

  it("refuses a method the profile does not allow", async () => {
    const res = await request({ profile: "put-only", method: "POST" });
    expect(res.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT", field: "method" } });
  });

  it("picks PUT without a method when the profile allows nothing else", async () => {
    const res = await request({ profile: "put-only" });
    expect(res.data?.requestUpload).toMatchObject({ __typename: "PutUploadGrant", method: "PUT" });
  });

  it("picks POST without a method up to the threshold", async () => {
    const res = await request({ profile: "small", size: 100 });
    expect(res.data?.requestUpload).toMatchObject({ __typename: "PostUploadGrant", method: "POST" });
  });

  // Each kind carries what its method sends and nothing else; the example operation asks every kind for its fields.
  test.each([
    ["POST", "PostUploadGrant", ["url", "fields"], ["headers", "md5", "partSize", "partCount"]],
    ["PUT", "PutUploadGrant", ["url", "headers", "md5"], ["fields", "partSize", "partCount"]],
    ["MULTIPART", "MultipartUploadGrant", ["partSize", "partCount"], ["url", "fields", "headers", "md5"]],
  ])("answers a %s request with a %s carrying only its own fields", async (method, typename, own, others) => {
    const grant = dataOf(await request({ method, size: 2048 })).requestUpload;
    expect(grant).toMatchObject({ __typename: typename, method, size: 2048 });
    for (const field of own) expect(grant).toHaveProperty(field);
    for (const field of others) expect(grant).not.toHaveProperty(field);
  });

  it("answers a multipart grant with the server's split", async () => {
    const grant = dataOf(await request({ method: "MULTIPART", size: 2500 })).requestUpload;
    expect(grant).toMatchObject({ partSize: 1024, partCount: 3 });
  });

  it("answers a PUT grant with the MD5 it signed, and null when none was given", async () => {
    const md5 = "XrY7u+Ae7tCTyyK7j1rNww==";
    expect(dataOf(await request({ method: "PUT", md5 })).requestUpload).toMatchObject({ md5 });
    expect(dataOf(await request({ method: "PUT" })).requestUpload).toMatchObject({ md5: null });
  });

  it("rejects a PUT whose stored ETag is not the signed MD5 at completion", async () => {
    const g = (await request({ method: "PUT", md5: "XrY7u+Ae7tCTyyK7j1rNww==" })).data!.requestUpload; // md5("hello world")
    t.storage.put(g.key, pngBytes(64), "image/png"); // the in-memory bucket does not check Content-MD5; S3 does
    const res = await t.gql(CompleteUploadDocument, { grantId: g.id }, alice);
    expect(res.errors).toBeUndefined();
    expect(res.data?.completeUpload).toMatchObject({
      state: "REJECTED",
      rejectReason: expect.stringMatching(/not the MD5 the grant signed/),
    });
    expect(t.storage.has(g.key)).toBe(false);
  });

  it("completes a PUT whose stored ETag is the signed MD5", async () => {
    const body = pngBytes(64);
    const md5 = createHash("md5").update(body).digest("base64");
    const g = (await request({ method: "PUT", md5 })).data!.requestUpload;
    t.storage.put(g.key, body, "image/png");
    expect((await t.gql(CompleteUploadDocument, { grantId: g.id }, alice)).data?.completeUpload.state).toBe("AVAILABLE");
  });
});
