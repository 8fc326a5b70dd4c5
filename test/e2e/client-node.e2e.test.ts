import { openAsBlob } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  createValetClient,
  fetchTransport,
  postToGrant,
  ValetError,
  ValetUploadError,
  type ProfileName,
  type Transport,
  type UploadProgress,
} from "../../client/src/index";
import { ObjectDocument } from "../../client/generated/graphql";
import { startTestApp, type TestApp } from "../support/harness";
import { tokenFor } from "../support/tokens";
import { asPost, pngBytes } from "../support/uploads";

// @valet/client from Node 20 (fetch, fs.openAsBlob) against the real API and the test RGW.
describe("@valet/client in Node against the API and Ceph", () => {
  let t: TestApp;
  let alice: string;
  let dir: string;
  const valet = (token = alice, transport?: Transport) =>
    createValetClient({ url: t.url, getToken: async () => token, transport });
  const failure = (p: Promise<unknown>) =>
    p.then(
      () => {
        throw new Error("expected a failure");
      },
      (e: unknown) => e as ValetUploadError,
    );
  const recordAt = async (key: string) => (await t.gql(ObjectDocument, { key }, alice)).data?.object ?? null;

  beforeAll(async () => {
    t = await startTestApp();
    alice = await tokenFor("alice");
    dir = await mkdtemp(join(tmpdir(), "valet-client-"));
  });
  afterAll(async () => {
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("uploads a file from disk to AVAILABLE and downloads the same bytes", async () => {
    const bytes = pngBytes(3000);
    await writeFile(join(dir, "me.png"), bytes);
    const file = await openAsBlob(join(dir, "me.png"), { type: "image/png" });
    const progress: UploadProgress[] = [];
    const object = await valet().upload(file, { profile: "avatar", filename: "me.png", onProgress: (p) => progress.push(p) });
    expect(object).toMatchObject({
      state: "AVAILABLE",
      size: 3000,
      contentType: "image/png",
      filename: "me.png",
      profile: "avatar",
    });
    expect(progress[0]).toEqual({ loaded: 0, total: 3000 });
    expect(progress.at(-1)).toEqual({ loaded: 3000, total: 3000 });

    const grant = await valet().requestDownload(object.key, { expiresIn: 60 });
    expect(grant).toMatchObject({ key: object.key, expiresIn: 60 });
    const res = await fetch(grant.url);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(Buffer.from(bytes));
  });

  it("lists the viewer's profiles and objects", async () => {
    const profiles = await valet().uploadProfiles();
    expect(profiles.map((p) => p.name)).toEqual(expect.arrayContaining(["avatar", "document"]));
    expect(profiles.map((p) => p.name)).not.toContain("press-kit"); // staff only
    const key = (await valet().upload(new Blob([pngBytes(64)], { type: "image/png" }), { profile: "avatar" })).key;
    // Newest first, but createdAt has whole seconds: the previous test's upload may tie with this one.
    expect((await valet().listObjects({ first: 5 })).nodes).toContainEqual(
      expect.objectContaining({ key, state: "AVAILABLE", filename: "upload" }),
    );
  });

  test.each<[string, Blob, ProfileName, string]>([
    [
      "a file over the profile's maxBytes",
      new Blob([new Uint8Array(5 * 1024 * 1024 + 1)], { type: "image/png" }),
      "avatar",
      "FILE_TOO_LARGE",
    ],
    ["a type the profile does not take", new Blob(["hello"], { type: "text/plain" }), "avatar", "CONTENT_TYPE_NOT_ALLOWED"],
    ["an empty file", new Blob([], { type: "image/png" }), "avatar", "EMPTY_FILE"],
    ["a profile the viewer may not use", new Blob([pngBytes(64)], { type: "image/png" }), "press-kit", "UNKNOWN_PROFILE"],
  ])("refuses %s before asking for a grant", async (_, file, profile, code) => {
    const before = (await valet().listObjects({ first: 100 })).nodes.length;
    const error = await failure(valet().upload(file, { profile }));
    expect(error).toBeInstanceOf(ValetUploadError);
    expect(error).toMatchObject({ stage: "grant", code });
    expect((await valet().listObjects({ first: 100 })).nodes).toHaveLength(before);
  });

  it("passes the server's refusal through when the client check is bypassed", async () => {
    const lax = {
      name: "avatar",
      description: "",
      contentTypes: ["text/plain"],
      maxBytes: 1e9,
      defaultExpiresIn: 300,
      maxExpiresIn: 3600,
    };
    const error = await failure(valet().upload(new Blob(["hello"], { type: "text/plain" }), { profile: lax }));
    expect(error).toMatchObject({ stage: "grant", code: "BAD_USER_INPUT" });
    expect(error.errors?.[0]?.extensions?.field).toBe("contentType");
  });

  it("parses S3's EntityTooLarge when more bytes are sent than the grant declared", async () => {
    const grant = await valet().requestUploadGrant({ profile: "avatar", filename: "a.png", contentType: "image/png", size: 10 });
    const error = await failure(postToGrant(asPost(grant), new Blob([pngBytes(100)])));
    await valet().discardUpload(grant);
    expect(await recordAt(grant.key)).toMatchObject({ state: "ABORTED" }); // abortUpload: no PENDING record
    expect(error).toMatchObject({ stage: "transfer", code: "ENTITY_TOO_LARGE", status: 400, grantId: grant.id, key: grant.key });
    expect(error.s3?.Code).toBe("EntityTooLarge");
  });

  it("calls S3's refusal of an expired grant GRANT_EXPIRED and aborts the upload (ABORTED, not PENDING)", async () => {
    let key = "";
    const late: Transport = async (req) => {
      await new Promise((r) => setTimeout(r, 2100)); // the grant lives 1 s
      key = (req.body as FormData).get("key") as string;
      return fetchTransport()(req);
    };
    const error = await failure(
      valet(alice, late).upload(new Blob([pngBytes(64)], { type: "image/png" }), { profile: "avatar", expiresIn: 1 }),
    );
    expect(error).toMatchObject({ stage: "transfer", code: "GRANT_EXPIRED", status: 403 });
    expect(error.s3?.Code).toBe("AccessDenied");
    expect(await recordAt(key)).toMatchObject({ state: "ABORTED" });
  });

  it("aborts the transfer on the signal and the upload (ABORTED, not PENDING)", async () => {
    const controller = new AbortController();
    let key = "";
    const aborting: Transport = (req) => {
      key = (req.body as FormData).get("key") as string;
      controller.abort();
      return fetchTransport()(req);
    };
    const error = await failure(
      valet(alice, aborting).upload(new Blob([pngBytes(64)], { type: "image/png" }), {
        profile: "avatar",
        signal: controller.signal,
      }),
    );
    expect(error).toMatchObject({ stage: "transfer", code: "ABORTED" });
    expect(key).toMatch(/^users\/alice\/avatar\//);
    expect(await recordAt(key)).toMatchObject({ state: "ABORTED" });
  });

  it("fails verification of bytes that are not the declared type: verify stage, REJECTED, the record kept with its reason", async () => {
    const html = new Blob(["<!doctype html><script>alert(1)</script>".padEnd(100)], { type: "image/png" });
    const error = await failure(valet().upload(html, { profile: "avatar", filename: "x.png" }));
    expect(error).toMatchObject({ stage: "verify", code: "REJECTED" });
    expect(error.message).toMatch(/not image\/png/);
    expect(await recordAt(error.key!)).toMatchObject({ state: "REJECTED", rejectReason: error.message });
  });

  it("says UNAUTHENTICATED at the grant stage for a bad token", async () => {
    const error = await failure(
      valet("not-a-token").upload(new Blob([pngBytes(64)], { type: "image/png" }), { profile: "avatar" }),
    );
    expect(error).toMatchObject({ stage: "grant", code: "UNAUTHENTICATED" });
  });

  it("answers NOT_FOUND for a download of someone else's owner-only object", async () => {
    const text = new Blob(["private notes\n"], { type: "text/plain" });
    const key = (await valet().upload(text, { profile: "document" })).key;
    const error = await valet(await tokenFor("bob"))
      .requestDownload(key)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValetError);
    expect(error).toMatchObject({ code: "NOT_FOUND" });
  });
});
