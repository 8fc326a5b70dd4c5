import type { Viewer } from "../auth/viewer";
import { buildKey, isUnderViewerPrefix, MAX_KEY_BYTES, parseClientKey, viewerPrefix } from "./keys";

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

describe("viewer prefix", () => {
  const alice: Viewer = { id: "alice", roles: [] };
  it("is users/<escaped id>/", () => expect(viewerPrefix("a/b")).toBe("users/a%2Fb/"));
  test.each([
    ["alice's own key", "users/alice/avatar/x.png", true],
    ["a key of a viewer whose id starts with hers", "users/alicex/avatar/x.png", false],
    ["a key outside users/", "alice/x.png", false],
  ])("holds %s: %p", (_label, key, expected) => {
    expect(isUnderViewerPrefix(alice, key)).toBe(expected);
  });
  it("does not let a subject with a slash reach another viewer's prefix", () => {
    expect(isUnderViewerPrefix({ id: "bob/x", roles: [] }, "users/bob/x/y.png")).toBe(false);
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
