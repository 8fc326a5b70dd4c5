import { buildKey, isUnderOwnerPrefix, MAX_KEY_BYTES, parseClientKey, viewerPrefix } from "./keys";

const vars = { sub: "alice", profile: "avatar", uuid: "u", ext: ".png", date: "2030-01-01" };
const tooLong = expect.objectContaining({ code: "BAD_USER_INPUT", message: "the object key would exceed 1024 bytes" });

describe("buildKey", () => {
  it("fills every placeholder, each as often as it appears", () => {
    expect(buildKey("{profile}/{sub}/{date}/{uuid}{ext}/{date}", vars)).toBe("avatar/alice/2030-01-01/u.png/2030-01-01");
  });

  it("escapes a subject that contains a slash", () => {
    expect(buildKey("users/{sub}/{uuid}{ext}", { ...vars, sub: "a/b" })).toBe("users/a%2Fb/u.png");
  });

  it("writes the key in NFC, the form filenames and keys are compared in", () => {
    expect(buildKey("caf\u0065\u0301/{uuid}", vars)).toBe("caf\u00e9/u");
  });

  it("allows a key of exactly 1024 bytes", () => {
    const uuid = "x".repeat(MAX_KEY_BYTES - "users/alice/".length);
    expect(buildKey("users/{sub}/{uuid}", { ...vars, uuid })).toHaveLength(MAX_KEY_BYTES);
  });

  it("refuses a key over 1024 bytes", () => {
    expect(() => buildKey("users/{sub}/{uuid}", { ...vars, uuid: "x".repeat(MAX_KEY_BYTES) })).toThrow(tooLong);
  });

  it("counts the limit in UTF-8 bytes, not characters", () => {
    expect(() => buildKey("{uuid}", { ...vars, uuid: "é".repeat(513) })).toThrow(tooLong);
  });
});

describe("buildKey with claims", () => {
  it("fills {claim:NAME} from the uploader's claims, percent-encoded", () => {
    expect(buildKey("orgs/{claim:org}/users/{sub}/{uuid}", { ...vars, claims: { org: "a/b c" } })).toBe(
      "orgs/a%2Fb%20c/users/alice/u",
    );
  });
  it("fills a dotted claim name", () => {
    expect(buildKey("t/{claim:org.id}/users/{sub}/{uuid}", { ...vars, claims: { "org.id": "acme" } })).toBe(
      "t/acme/users/alice/u",
    );
  });
  it("refuses to build a key without a value for a claim it names", () => {
    expect(() => buildKey("orgs/{claim:org}/users/{sub}/{uuid}", vars)).toThrow("no value for {claim:org}");
  });
  it("does not take a claim value from the object prototype", () => {
    expect(() => buildKey("orgs/{claim:constructor}/users/{sub}/{uuid}", { ...vars, claims: {} })).toThrow(
      "no value for {claim:constructor}",
    );
  });
});

describe("owner prefix", () => {
  it("is users/<escaped id>/", () => expect(viewerPrefix("a/b")).toBe("users/a%2Fb/"));
  test.each([
    ["alice's own key", "users/alice/avatar/x.png", true],
    ["her key under an org prefix", "orgs/acme/users/alice/x.png", true],
    ["her key under an org whose value is 'users'", "orgs/users/users/alice/x.png", true],
    ["a key of a viewer whose id starts with hers", "users/alicex/avatar/x.png", false],
    ["the same under an org prefix", "orgs/acme/users/alicex/x.png", false],
    ["a key outside users/", "alice/x.png", false],
    ["users/<claim>/users/<sub>/: 'users' may not lead a claim prefix", "users/acme/users/alice/x.png", false],
    ["an empty leading segment", "/acme/users/alice/x.png", false],
    ["an empty claim value", "orgs//users/alice/x.png", false],
    ["two claim pairs", "orgs/acme/teams/t/users/alice/x.png", false],
    ["her name as the claim value", "orgs/alice/x.png", false],
    ["a key that is only the prefix's start", "orgs/acme", false],
  ])("holds %s: %p", (_label, key, expected) => {
    expect(isUnderOwnerPrefix("alice", key)).toBe(expected);
  });
  it("does not let a subject with a slash reach another viewer's prefix", () => {
    expect(isUnderOwnerPrefix("bob/x", "users/bob/x/y.png")).toBe(false);
    expect(isUnderOwnerPrefix("bob/x", "orgs/a/users/bob/x/y.png")).toBe(false);
  });
});

describe("parseClientKey", () => {
  test.each([
    ["a plain key", "users/alice/avatar/u.png", "users/alice/avatar/u.png"],
    ["a key of exactly 1024 bytes", "k".repeat(MAX_KEY_BYTES), "k".repeat(MAX_KEY_BYTES)],
    ["a decomposed key, in NFC", "users/alice/caf\u0065\u0301", "users/alice/caf\u00e9"],
    ["a key with spaces and unicode", "users/alice/my photo 😀.png", "users/alice/my photo 😀.png"],
  ])("accepts %s", (_label, raw, expected) => {
    expect(parseClientKey(raw)).toBe(expected);
  });

  test.each([
    ["an empty key", "", "key must not be empty"],
    ["a key over 1024 bytes", "k".repeat(MAX_KEY_BYTES + 1), "key must be at most 1024 bytes"],
    ["a key over 1024 bytes in fewer characters", "é".repeat(513), "key must be at most 1024 bytes"],
    ["a key with NUL", "users/a\u0000b", "key must not contain control characters"],
    ["a key with a newline", "users/a\nb", "key must not contain control characters"],
    ["a key with unit separator", "users/a\u001fb", "key must not contain control characters"],
    ["a key with DEL", "users/a\u007fb", "key must not contain control characters"],
  ])("refuses %s", (_label, raw, message) => {
    expect(() => parseClientKey(raw)).toThrow(
      expect.objectContaining({ code: "BAD_USER_INPUT", message, details: { field: "key" } }),
    );
  });
});
