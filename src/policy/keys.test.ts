import type { Viewer } from "../auth/viewer";
import { buildKey, isUnderViewerPrefix, MAX_KEY_BYTES, viewerPrefix } from "./keys";

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
