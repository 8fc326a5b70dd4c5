import {
  ObjectDocument,
  RequestDownloadDocument,
  RequestDownloadsDocument,
  RequestUploadDocument,
  UploadProfileReadRulesDocument,
} from "../../client/generated/graphql";
import { dataOf } from "../support/harness";
import { startInProcessApp, type InProcessApp } from "../support/in-process";
import { avatarInput } from "../support/operations";
import { uploadUnder, writeReadRuleProfiles, type ReadRuleProfile } from "../support/read-rules";
import { tokenFor } from "../support/tokens";

// Issue 20 §1: each read rule admits exactly whom it says, through every read path; a denial is
// always NOT_FOUND (or null), the same as for a key that holds nothing.
describe("read rules", () => {
  let t: InProcessApp;
  const keys = {} as Record<ReadRuleProfile, string>;
  const readers: Record<string, string> = {};

  beforeAll(async () => {
    t = await startInProcessApp({ PROFILES_FILE: writeReadRuleProfiles() });
    const alice = await tokenFor("alice", ["user"], { claims: { org: "acme" } });
    for (const profile of ["private", "signed-in", "open", "staff", "org"] as const)
      keys[profile] = await uploadUnder(t, alice, profile);
    Object.assign(readers, {
      owner: alice,
      admin: await tokenFor("root", ["admin"]),
      stranger: await tokenFor("bob", ["user"]),
      staff: await tokenFor("carol", ["staff"]),
      press: await tokenFor("pat", ["press"]),
      "same org": await tokenFor("dave", [], { claims: { org: "acme" } }),
      "another org": await tokenFor("erin", [], { claims: { org: "globex" } }),
      "a numeric org claim": await tokenFor("frank", [], { claims: { org: 42 } }),
      "an org claim that is a list": await tokenFor("gina", [], { claims: { org: ["acme"] } }),
      "the org's name as a role": await tokenFor("hal", ["acme"]),
    });
  });
  afterAll(() => t.close());

  const cases: Array<[ReadRuleProfile, string, boolean]> = [
    ["private", "owner", true],
    ["private", "admin", true],
    ["private", "stranger", false],
    ["private", "staff", false],
    ["signed-in", "stranger", true],
    ["signed-in", "staff", true],
    ["open", "stranger", true],
    ["staff", "staff", true],
    ["staff", "press", true],
    ["staff", "owner", true],
    ["staff", "stranger", false],
    ["staff", "admin", true],
    ["org", "same org", true],
    ["org", "owner", true],
    ["org", "admin", true],
    ["org", "another org", false],
    ["org", "stranger", false],
    ["org", "a numeric org claim", false],
    ["org", "an org claim that is a list", false],
    ["org", "the org's name as a role", false],
  ];

  /** Asks through one path; true when the object was readable, false on the denial that path gives. */
  const paths: Record<string, (key: string, token: string) => Promise<boolean>> = {
    async requestDownload(key, token) {
      const res = await t.gql(RequestDownloadDocument, { input: { key } }, token);
      if (res.data) return res.data.requestDownload.key === key;
      expect(res.errors?.map((e) => e.extensions?.code)).toEqual(["NOT_FOUND"]);
      return false;
    },
    async requestDownloads(key, token) {
      const res = await t.gql(RequestDownloadsDocument, { keys: [key] }, token);
      const [slot] = dataOf(res).requestDownloads;
      if (slot) return slot.key === key && !res.errors;
      expect(res.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([[["requestDownloads", 0], "NOT_FOUND"]]);
      return false;
    },
    async "object(key)"(key, token) {
      const res = await t.gql(ObjectDocument, { key }, token);
      expect(res.errors).toBeUndefined();
      return dataOf(res).object?.key === key;
    },
    async "StoredObject.downloadUrl"(key, token) {
      const object = dataOf(await t.gql(ObjectDocument, { key }, token)).object;
      return typeof object?.downloadUrl === "string" && new URL(object.downloadUrl).pathname.endsWith(key);
    },
  };

  describe.each(Object.keys(paths))("through %s", (path) => {
    test.each(cases)("%s objects, read by %s: %p", async (profile, reader, allowed) => {
      expect(await paths[path](keys[profile], readers[reader])).toBe(allowed);
    });
  });

  it("answers a denied key exactly as a key that holds nothing, but for the key", async () => {
    const answerTo = async (key: string) => {
      const res = await t.gql(RequestDownloadDocument, { input: { key } }, readers.stranger);
      return { ...res, errors: res.errors?.map((e) => ({ ...e, message: e.message.replaceAll(key, "<key>") })) };
    };
    expect(await answerTo(keys.private)).toEqual(await answerTo(`${keys.private}.missing`));
  });

  describe("uploads under a sameClaim profile", () => {
    it("lands under the uploader's org prefix", () => expect(keys.org).toMatch(/^orgs\/acme\/users\/alice\/[0-9a-f-]+\.png$/));

    it("percent-encodes an org value with a slash, so it stays one segment", async () => {
      const token = await tokenFor("ivy", [], { claims: { org: "a/b" } });
      const key = await uploadUnder(t, token, "org");
      expect(key).toMatch(/^orgs\/a%2Fb\/users\/ivy\//);
      expect(dataOf(await t.gql(ObjectDocument, { key }, await tokenFor("jo", [], { claims: { org: "a/b" } }))).object?.key).toBe(
        key,
      );
      expect(dataOf(await t.gql(ObjectDocument, { key }, await tokenFor("jo", [], { claims: { org: "a" } }))).object).toBeNull();
    });

    test.each<[string, unknown]>([
      ["no org claim", undefined],
      ["a numeric org claim", 42],
      ["an empty org claim", ""],
      ["a dot-dot org claim", ".."],
      ["an org claim with a control character", "a\u0000b"],
      ["an org claim that is an object", { id: "acme" }],
    ])("is FORBIDDEN with %s", async (_label, org) => {
      const token = await tokenFor("kim", [], { claims: { org } });
      const res = await t.gql(RequestUploadDocument, { input: avatarInput({ profile: "org" }) }, token);
      expect(res.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
        ["FORBIDDEN", "the 'org' profile needs a usable string claim 'org' in the token"],
      ]);
    });
  });

  it("says which rule applies in UploadProfile.read", async () => {
    const { uploadProfiles } = dataOf(await t.gql(UploadProfileReadRulesDocument, {}, readers.staff));
    expect(Object.fromEntries(uploadProfiles.map((p) => [p.name, p.read]))).toEqual({
      private: { kind: "OWNER", roles: null, claim: null },
      "signed-in": { kind: "AUTHENTICATED", roles: null, claim: null },
      open: { kind: "PUBLIC", roles: null, claim: null },
      staff: { kind: "ROLES", roles: ["staff", "press"], claim: null },
      org: { kind: "SAME_CLAIM", roles: null, claim: "org" },
    });
  });
});
