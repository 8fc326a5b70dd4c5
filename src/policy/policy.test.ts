import type { Viewer } from "../auth/viewer";
import { loadProfiles } from "../config/config";
import { AppError } from "../errors/app-error";
import { contentDisposition } from "./disposition";
import { canReadObject, planDownload } from "./download.policy";
import { validateFilename } from "./filename";
import { buildKey, MAX_KEY_BYTES } from "./keys";
import { resolveExpiresIn } from "./ttl";
import { planUpload } from "./upload.policy";

const profiles = loadProfiles(`${__dirname}/../config/profiles.json`);
const alice: Viewer = { id: "alice", roles: ["user"] };
const admin: Viewer = { id: "root", roles: ["admin"] };
const env = { now: new Date("2030-01-01T00:00:00.750Z"), uuid: "11111111-2222-4333-8444-555555555555" };
const request = { profile: "avatar", filename: "me.png", contentType: "image/png", size: 1000 };

const codeOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e instanceof AppError ? e.code : "NOT_APP_ERROR";
  }
  return "NO_ERROR";
};

describe("planUpload", () => {
  it("pins key, type, size range and whole-second times", () => {
    const plan = planUpload(alice, profiles, { ...request, expiresIn: 120 }, env);
    expect(plan.key).toBe(`users/alice/avatar/${env.uuid}.png`);
    expect(plan.maxBytes).toBe(1000);
    expect(plan.issuedAt.toISOString()).toBe("2030-01-01T00:00:00.000Z");
    expect(plan.expiresAt.toISOString()).toBe("2030-01-01T00:02:00.000Z");
  });

  it("takes the key's extension from the granted type, not the filename", () => {
    expect(planUpload(alice, profiles, { ...request, filename: "evil.html" }, env).key).toMatch(/\.png$/);
  });

  test.each([
    ["unknown profile", { profile: "x" }, "BAD_USER_INPUT"],
    ["type not in the profile", { contentType: "image/svg+xml" }, "BAD_USER_INPUT"],
    ["size over the profile", { size: 5 * 1024 * 1024 + 1 }, "BAD_USER_INPUT"],
    ["fractional size", { size: 1.5 }, "BAD_USER_INPUT"],
    ["role-only profile", { profile: "press-kit" }, "FORBIDDEN"],
  ])("refuses %s", (_label, change, code) => {
    expect(codeOf(() => planUpload(alice, profiles, { ...request, ...change }, env))).toBe(code);
  });

  it("allows the size exactly at the profile maximum", () => {
    expect(codeOf(() => planUpload(alice, profiles, { ...request, size: 5 * 1024 * 1024 }, env))).toBe("NO_ERROR");
  });
});

describe("validateFilename", () => {
  test.each(["résumé.pdf", "photo (1).png", "a.b.c.txt", "日本語.png"])("accepts %s", (name) => {
    expect(validateFilename(name)).toBe(name.normalize("NFC"));
  });
  test.each(["..", "a..b", "a/b", "a\\b", "a\u0000b", "a\u009fb", "x\u202Etxt.exe", "x\u2066y", " lead", "trail ", "x".repeat(256), ""])(
    "refuses %j",
    (name) => {
      expect(codeOf(() => validateFilename(name))).toBe("BAD_USER_INPUT");
    },
  );
  it("returns the NFC form of a decomposed name", () => {
    expect(validateFilename("e\u0301.png")).toBe("\u00e9.png");
  });
});

describe("buildKey", () => {
  const vars = { sub: "alice", profile: "avatar", uuid: "u", ext: ".png", date: "2030-01-01" };
  it("escapes a subject that contains a slash", () => {
    expect(buildKey("users/{sub}/{uuid}{ext}", { ...vars, sub: "a/b" })).toBe("users/a%2Fb/u.png");
  });
  it("refuses a key over 1024 bytes", () => {
    expect(codeOf(() => buildKey("users/{sub}/{uuid}", { ...vars, uuid: "x".repeat(MAX_KEY_BYTES) }))).toBe("BAD_USER_INPUT");
  });
});

describe("resolveExpiresIn", () => {
  test.each([
    [undefined, 300],
    [null, 300],
    [60, 60],
    [3600, 3600],
    [3601, 3600],
    [10_000_000, 3600],
  ])("requested %p → %p (default 300, max 3600)", (requested, expected) => {
    expect(resolveExpiresIn(requested, 300, 3600)).toBe(expected);
  });
  it("never exceeds seven days, whatever the configured maximum", () => {
    expect(resolveExpiresIn(10_000_000, 300, 10_000_000)).toBe(604_800);
  });
  test.each([0, -1, 1.5])("refuses %p", (requested) => {
    expect(codeOf(() => resolveExpiresIn(requested, 300, 3600))).toBe("BAD_USER_INPUT");
  });
});

describe("canReadObject", () => {
  const object = { key: "users/alice/avatar/x.png", ownerId: "alice", state: "AVAILABLE", filename: "x.png", contentType: "image/png", versionId: "v1" };
  it("allows the owner", () => expect(canReadObject(alice, object)).toBe(true));
  it("allows an admin", () => expect(canReadObject(admin, object)).toBe(true));
  it("denies another viewer", () => expect(canReadObject({ id: "bob", roles: [] }, object)).toBe(false));
  it("denies a PENDING object to its owner", () => expect(canReadObject(alice, { ...object, state: "PENDING" })).toBe(false));
  it("denies a PENDING object even to an admin", () => expect(canReadObject(admin, { ...object, state: "PENDING" })).toBe(false));
  it("denies an owner whose object lies outside their prefix", () =>
    expect(canReadObject(alice, { ...object, key: "users/bob/x.png" })).toBe(false));
  it("denies a missing object", () => expect(canReadObject(admin, undefined)).toBe(false));
  it("denies an AVAILABLE object without a verified version, even to an admin", () =>
    expect(canReadObject(admin, { ...object, versionId: null })).toBe(false));
});

describe("contentDisposition", () => {
  it("quotes a plain ASCII name", () => expect(contentDisposition("attachment", "a b.pdf")).toBe('attachment; filename="a b.pdf"'));
  it("adds an RFC 5987 filename* for non-ASCII and escapes ' ( ) *", () =>
    expect(contentDisposition("inline", "€ (1)'*.txt")).toBe(`inline; filename="_ (1)'*.txt"; filename*=UTF-8''%E2%82%AC%20%281%29%27%2A.txt`));
  it("never lets a quote or backslash break out of the quoted name", () =>
    expect(contentDisposition("attachment", 'a"b.txt')).toBe(`attachment; filename="a_b.txt"; filename*=UTF-8''a%22b.txt`));
});

describe("planDownload", () => {
  it("defaults to an attachment with the uploader's filename, pinned to the verified version", () => {
    const object = { key: "k", ownerId: "a", state: "AVAILABLE", filename: "r.pdf", contentType: "application/pdf", versionId: "v7" };
    const plan = planDownload(object, {}, { defaultExpiresIn: 300, maxExpiresIn: 3600, inlineTypes: [] }, env.now);
    expect(plan).toMatchObject({ responseContentDisposition: 'attachment; filename="r.pdf"', expiresIn: 300, versionId: "v7" });
  });
});
