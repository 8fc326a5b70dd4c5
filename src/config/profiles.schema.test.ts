import { UploadMethod } from "../domain/model";
import { profileClaims, profileSchema } from "./profiles.schema";

const base = {
  contentTypes: ["video/mp4"],
  maxBytes: 1024,
  defaultExpiresIn: 60,
  maxExpiresIn: 600,
  keyTemplate: "users/{sub}/v/{uuid}{ext}",
};
const GiB = 1024 ** 3;

describe("profile methods", () => {
  it("allows every method and a 64 MiB multipart threshold by default", () => {
    expect(profileSchema.parse(base)).toMatchObject({
      methods: ["POST", "PUT", "MULTIPART"],
      multipartThreshold: 64 * 1024 ** 2,
    });
  });

  it("keeps a narrowed list", () => {
    expect(profileSchema.parse({ ...base, methods: [UploadMethod.PUT] }).methods).toEqual(["PUT"]);
  });

  test.each([
    ["no method", { methods: [] }],
    ["an unknown method", { methods: ["GET"] }],
    ["a threshold above 5 GiB", { multipartThreshold: 5 * GiB + 1 }],
    ["maxBytes above 5 GiB without MULTIPART", { maxBytes: 5 * GiB + 1, methods: ["POST", "PUT"] }],
    ["maxBytes above 5 TiB", { maxBytes: 5 * 1024 * GiB + 1 }],
  ])("refuses %s", (_label, change) => {
    expect(profileSchema.safeParse({ ...base, ...change }).success).toBe(false);
  });

  it("accepts maxBytes above 5 GiB when MULTIPART is allowed", () => {
    expect(profileSchema.safeParse({ ...base, maxBytes: 5 * GiB + 1, methods: ["MULTIPART"] }).success).toBe(true);
  });
});

describe("profile read rules", () => {
  test.each<[string, unknown, unknown]>([
    ["nothing: owner", undefined, { kind: "owner" }],
    ["owner", "owner", { kind: "owner" }],
    ["authenticated", "authenticated", { kind: "authenticated" }],
    ["public", "public", { kind: "public" }],
    ["roles", { roles: ["staff", "press"] }, { kind: "roles", roles: ["staff", "press"] }],
    ["sameClaim", { sameClaim: "org" }, { kind: "sameClaim", claim: "org" }],
    ["a dotted sameClaim", { sameClaim: "org.id" }, { kind: "sameClaim", claim: "org.id" }],
  ])("reads %s", (_label, read, expected) => {
    expect(profileSchema.parse({ ...base, read }).read).toEqual(expected);
  });

  test.each<[string, unknown]>([
    ["an unknown word", "everyone"],
    ["no roles", { roles: [] }],
    ["an empty role", { roles: [""] }],
    ["roles and sameClaim at once", { roles: ["staff"], sameClaim: "org" }],
    ["an unknown key", { roles: ["staff"], users: ["bob"] }],
    ["an empty claim name", { sameClaim: "" }],
    ["a URL claim name", { sameClaim: "https://example.com/org" }],
    ["a claim name with braces", { sameClaim: "org}" }],
    ["a non-string claim", { sameClaim: 1 }],
  ])("refuses %s", (_label, read) => {
    expect(profileSchema.safeParse({ ...base, read }).success).toBe(false);
  });
});

describe("key templates", () => {
  test.each([
    ["the per-viewer prefix", "users/{sub}/v/{uuid}{ext}"],
    ["an org prefix before it", "orgs/{claim:org}/users/{sub}/{uuid}{ext}"],
    ["a dotted claim", "t/{claim:org.id}/users/{sub}/{uuid}"],
    ["a claim after the prefix", "users/{sub}/{claim:team}/{uuid}"],
  ])("accepts %s", (_label, keyTemplate) => {
    expect(profileSchema.safeParse({ ...base, keyTemplate }).success).toBe(true);
  });

  test.each([
    ["no owner prefix", "uploads/{sub}/{uuid}", "must start with users/{sub}/ or <name>/{claim:NAME}/users/{sub}/"],
    ["a claim in place of the subject", "orgs/{claim:org}/{uuid}", "must start with"],
    ["users/ before a claim", "users/{claim:org}/users/{sub}/{uuid}", "must start with"],
    ["a placeholder as the claim prefix's name", "{profile}/{claim:org}/users/{sub}/{uuid}", "must start with"],
    ["two claim pairs", "o/{claim:org}/t/{claim:team}/users/{sub}/{uuid}", "must start with"],
    ["a claim inside a segment", "o/x{claim:org}/users/{sub}/{uuid}", "must start with"],
    ["an unknown placeholder", "users/{sub}/{who}/{uuid}", "may only use"],
    ["a parameter on a plain placeholder", "users/{sub}/{uuid:x}", "may only use"],
    ["a URL claim", "users/{sub}/{claim:https://x}/{uuid}", "names a claim"],
    ["an empty claim", "users/{sub}/{claim:}/{uuid}", "names a claim"],
    ["no {uuid}", "users/{sub}/x", "must contain {uuid}"],
    ["a dot segment", "users/{sub}/../{uuid}", "has an empty or dot segment"],
  ])("refuses %s", (_label, keyTemplate, message) => {
    const result = profileSchema.safeParse({ ...base, keyTemplate });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message).join("; ")).toContain(message);
  });

  test.each<[string, Record<string, unknown>, string[]]>([
    ["none", {}, []],
    ["the template's", { keyTemplate: "orgs/{claim:org}/users/{sub}/{claim:org}/{uuid}" }, ["org"]],
    ["sameClaim's", { read: { sameClaim: "org" } }, ["org"]],
    ["both, once each", { keyTemplate: "o/{claim:org}/users/{sub}/{uuid}", read: { sameClaim: "team" } }, ["org", "team"]],
    ["one shared by both", { keyTemplate: "o/{claim:org}/users/{sub}/{uuid}", read: { sameClaim: "org" } }, ["org"]],
  ])("records %s claims", (_label, change, expected) => {
    expect(profileClaims(profileSchema.parse({ ...base, ...change }))).toEqual(expected);
  });
});
