import {
  RequestDownloadDocument,
  RequestUploadDocument,
  UploadProfilesDocument,
  type RequestUploadInput,
} from "../../client/generated/graphql";
import { dataOf } from "../support/harness";
import { startInProcessApp, type InProcessApp } from "../support/in-process";
import { avatarInput } from "../support/operations";
import { tokenFor } from "../support/tokens";
import { uploadDocument } from "../support/uploads";

describe("grant rules", () => {
  let t: InProcessApp;
  let alice: string;
  beforeAll(async () => {
    t = await startInProcessApp();
    alice = await tokenFor("alice");
  });
  afterAll(() => t.close());

  const upload = (input: Partial<RequestUploadInput>, token = alice) =>
    t.gql(RequestUploadDocument, { input: avatarInput(input) }, token);

  const badInputs: Array<[string, Partial<RequestUploadInput>]> = [
    ["an unknown profile", { profile: "nope" }],
    ["the filename ..", { filename: ".." }],
    ["a filename with a slash", { filename: "a/b.png" }],
    ["a filename with a backslash", { filename: "a\\b.png" }],
    ["a filename with a control character", { filename: "a\u0007.png" }],
    ["a filename with a bidi override", { filename: "invoice\u202Egnp.exe" }],
    ["a filename over 255 bytes", { filename: `${"é".repeat(128)}.png` }],
    ["an empty filename", { filename: "" }],
    ["a size above the profile maximum", { size: 5 * 1024 * 1024 + 1 }],
    ["a zero size", { size: 0 }],
    ["a negative size", { size: -5 }],
    ["a content type outside the profile", { contentType: "text/html" }],
    ["a content type with a forbidden parameter", { contentType: "image/png; charset=utf-8" }],
    ["a non-positive expiresIn", { expiresIn: 0 }],
  ];

  it.each(badInputs)("refuses %s with BAD_USER_INPUT and no grant", async (_label, input) => {
    const res = await upload(input);
    expect(res.data).toBeNull();
    expect(res.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("accepts a content type differing only in case and spaces, and pins its normal form", async () => {
    const res = await upload({ contentType: " Image/PNG " });
    expect(res.data?.requestUpload.contentType).toBe("image/png");
  });

  it("refuses the staff-only profile without the role (FORBIDDEN)", async () => {
    const res = await upload({ profile: "press-kit" });
    expect(res.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("grants the staff-only profile with the role", async () => {
    const res = await upload({ profile: "press-kit" }, await tokenFor("sam", ["staff"]));
    expect(res.errors).toBeUndefined();
    expect(res.data?.requestUpload.key).toMatch(/^users\/sam\/press-kit\/\d{4}-\d\d-\d\d\//);
  });

  it("lists only the profiles the viewer may use", async () => {
    const names = async (token: string) =>
      dataOf(await t.gql(UploadProfilesDocument, {}, token)).uploadProfiles.map((p) => p.name);
    expect(await names(alice)).toEqual(["avatar", "document"]);
    expect(await names(await tokenFor("sam", ["staff"]))).toEqual(["avatar", "document", "press-kit"]);
  });

  it("clamps a TTL above the profile maximum", async () => {
    const g = dataOf(await upload({ expiresIn: 10 * 24 * 3600 })).requestUpload;
    expect(g.expiresIn).toBe(3600);
    expect(new Date(g.expiresAt).getTime() - new Date(g.issuedAt).getTime()).toBe(3600 * 1000);
  });

  it("percent-encodes the subject so it cannot reach another viewer's prefix", async () => {
    const g = dataOf(await upload({}, await tokenFor("alice/avatar"))).requestUpload;
    expect(g.key.startsWith("users/alice%2Favatar/avatar/")).toBe(true);
  });

  it("names each upload with a fresh UUIDv7, so a profile's keys sort by when they were granted", async () => {
    const keys: string[] = [];
    for (let i = 0; i < 3; i++) {
      keys.push(dataOf(await upload({})).requestUpload.key);
      await new Promise((ms) => setTimeout(ms, 2)); // the next millisecond
    }
    const V7 = /^users\/alice\/avatar\/[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\.png$/;
    for (const key of keys) expect(key).toMatch(V7);
    expect([...keys].sort()).toEqual(keys);
    expect(new Set(keys).size).toBe(3);
  });

  const download = (key: string, token: string) => t.gql(RequestDownloadDocument, { input: { key } }, token);

  it("answers NOT_FOUND for another viewer's available owner-only object, which its owner can download", async () => {
    const bob = await tokenFor("bob");
    const bobs = await uploadDocument(t, bob);
    expect((await download(bobs, bob)).data?.requestDownload.key).toBe(bobs);
    const res = await download(bobs, alice);
    expect(res.data).toBeNull();
    expect(res.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
  });

  it("answers a key that does not exist exactly as another viewer's existing one, but for the key itself", async () => {
    const bobs = await uploadDocument(t, await tokenFor("bob"));
    // The message may echo the key the caller sent; nothing else in the answer may differ.
    const answerTo = async (key: string) => {
      const res = await download(key, alice);
      return { ...res, errors: res.errors?.map((e) => ({ ...e, message: e.message.replaceAll(key, "<key>") })) };
    };
    const missing = await answerTo("users/bob/document/nothing.txt");
    expect(missing.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    expect(missing).toEqual(await answerTo(bobs));
  });

  describe("issuedTo (admin only)", () => {
    const q = `mutation($input: RequestUploadInput!) { requestUpload(input: $input) { key issuedTo } }`;
    type IssuedTo = { requestUpload: { key: string; issuedTo: string | null } };
    it("is shown to an admin", async () => {
      const res = await t.gql<IssuedTo>(q, { input: avatarInput() }, await tokenFor("root", ["admin"]));
      expect(res.errors).toBeUndefined();
      expect(res.data?.requestUpload.issuedTo).toBe("root");
    });
    it("is null with FORBIDDEN for anyone else, and the grant itself still arrives", async () => {
      const res = await t.gql<IssuedTo>(q, { input: avatarInput() }, alice);
      expect(res.data?.requestUpload.key).toMatch(/^users\/alice\//);
      expect(res.data?.requestUpload.issuedTo).toBeNull();
      expect(res.errors?.[0]).toMatchObject({ path: ["requestUpload", "issuedTo"], extensions: { code: "FORBIDDEN" } });
    });
  });
});
