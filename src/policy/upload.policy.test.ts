import type { Viewer } from "../auth/viewer";
import { loadProfiles } from "../config/config";
import { UploadMethod } from "../domain/model";
import { canUseProfile, planUpload, type UploadRequest } from "./upload.policy";

const profiles = loadProfiles(`${__dirname}/../config/profiles.json`);
const alice: Viewer = { id: "alice", roles: ["user"] };
const staff: Viewer = { id: "sam", roles: ["user", "staff"] };
const env = { now: new Date("2030-01-01T00:00:00.750Z"), uuid: "11111111-2222-4333-8444-555555555555" };
const request: UploadRequest = { profile: "avatar", filename: "me.png", contentType: "image/png", size: 1000 };
const plan = (change: Partial<UploadRequest> = {}, viewer = alice) =>
  planUpload(viewer, profiles, { ...request, ...change }, env);
const MAX_AVATAR = 5 * 1024 * 1024;

describe("planUpload", () => {
  it("pins key, name, type, size and whole-second times", () => {
    expect(plan({ expiresIn: 120 })).toMatchObject({
      profile: profiles.get("avatar"),
      key: `users/alice/avatar/${env.uuid}.png`,
      filename: "me.png",
      contentType: "image/png",
      size: 1000,
      expiresIn: 120,
    });
    expect(plan().issuedAt.toISOString()).toBe("2030-01-01T00:00:00.000Z");
    expect(plan({ expiresIn: 120 }).expiresAt.toISOString()).toBe("2030-01-01T00:02:00.000Z");
  });

  it("plans a POST with no digest and no split: nothing a POST does not carry", () => {
    const post = plan({ method: UploadMethod.POST });
    expect(post.method).toBe(UploadMethod.POST);
    expect(post).not.toHaveProperty("md5");
    expect(post).not.toHaveProperty("parts");
  });

  it("grants the profile's default lifetime when none is asked", () => {
    expect(plan()).toMatchObject({ expiresIn: 300 });
    expect(plan().expiresAt.toISOString()).toBe("2030-01-01T00:05:00.000Z");
  });

  it("takes the key's extension from the granted type, not the filename", () => {
    expect(plan({ filename: "evil.html" }).key).toMatch(/\.png$/);
  });

  it("files a press-kit upload under the signing day", () => {
    expect(plan({ profile: "press-kit" }, staff).key).toBe(`users/sam/press-kit/2030-01-01/${env.uuid}.png`);
  });

  it("pins the normalized type, so S3 compares what the profile allows", () => {
    expect(plan({ contentType: " Image/PNG " }).contentType).toBe("image/png");
  });

  it("pins the NFC filename", () => expect(plan({ filename: "e\u0301.png" }).filename).toBe("\u00e9.png"));

  test.each([1, MAX_AVATAR])("allows size %p", (size) => {
    expect(plan({ size })).toMatchObject({ size });
  });

  test.each<[string, Partial<UploadRequest>, string, string]>([
    ["an unknown profile", { profile: "x" }, "profile", "unknown upload profile 'x'"],
    [
      "a type not in the profile",
      { contentType: "image/svg+xml" },
      "contentType",
      "content type 'image/svg+xml' is not allowed for 'avatar' (allowed: image/png, image/jpeg, image/webp, image/gif)",
    ],
    ["size 0", { size: 0 }, "size", "size must be a positive number of bytes"],
    ["a negative size", { size: -1 }, "size", "size must be a positive number of bytes"],
    ["a fractional size", { size: 1.5 }, "size", "size must be a positive number of bytes"],
    ["a size beyond safe integers", { size: 2 ** 53 }, "size", "size must be a positive number of bytes"],
    ["a size over the profile", { size: MAX_AVATAR + 1 }, "size", `size exceeds the 'avatar' limit of ${MAX_AVATAR} bytes`],
    ["a bad filename", { filename: "a/b" }, "filename", "filename must not contain path separators"],
    ["a bad lifetime", { expiresIn: 0 }, "expiresIn", "expiresIn must be a positive number of seconds"],
  ])("refuses %s, naming the field", (_label, change, field, message) => {
    expect(() => plan(change)).toThrow(expect.objectContaining({ code: "BAD_USER_INPUT", message, details: { field } }));
  });

  it("refuses a malformed md5, naming the md5 field", () => {
    expect(() => plan({ method: UploadMethod.PUT, md5: "5eb63bbbe01eeed093cb22bb8f5acdc3" })).toThrow(
      expect.objectContaining({
        code: "BAD_USER_INPUT",
        message: expect.stringMatching(/^md5 must be the base64 MD5 digest/),
        details: { field: "md5" },
      }),
    );
  });

  it("takes an md5 on a PUT, and refuses one on a POST, saying where an md5 belongs", () => {
    const md5 = "XrY7u+Ae7tCTyyK7j1rNww==";
    expect(plan({ method: UploadMethod.PUT, md5 })).toMatchObject({ method: UploadMethod.PUT, md5 });
    expect(() => plan({ method: UploadMethod.POST, md5 })).toThrow(
      expect.objectContaining({
        code: "BAD_USER_INPUT",
        message: expect.stringMatching(/^md5 is signed as Content-MD5 on a PUT only/),
        details: { field: "md5" },
      }),
    );
  });

  it("refuses a role-only profile to a viewer without the role", () => {
    expect(() => plan({ profile: "press-kit" })).toThrow(
      expect.objectContaining({ code: "FORBIDDEN", message: "the 'press-kit' profile needs one of the roles: staff" }),
    );
  });
});

it("names every role that would open a role-only profile", () => {
  const press = { ...profiles.get("press-kit")!, roles: ["staff", "press"] };
  expect(() => planUpload(alice, new Map([["press-kit", press]]), { ...request, profile: "press-kit" }, env)).toThrow(
    expect.objectContaining({ code: "FORBIDDEN", message: "the 'press-kit' profile needs one of the roles: staff, press" }),
  );
});

describe("canUseProfile", () => {
  const profile = (roles: string[]) => ({ ...profiles.get("avatar")!, roles });
  test.each<[string, string[], string[], boolean]>([
    ["an open profile to any viewer", [], [], true],
    ["a role-only profile to a viewer with the role", ["staff"], ["user", "staff"], true],
    ["a profile for either of two roles to a viewer with one", ["staff", "press"], ["press"], true],
    ["a role-only profile to a viewer without it", ["staff"], ["user"], false],
    ["a role-only profile to a viewer with no roles", ["staff"], [], false],
  ])("%s → %p", (_label, roles, viewerRoles, expected) => {
    expect(canUseProfile({ id: "v", roles: viewerRoles }, profile(roles))).toBe(expected);
  });
});

describe("planUpload under profiles that record claims", () => {
  const png = {
    name: "org",
    description: "",
    contentTypes: ["image/png"],
    maxBytes: 5000,
    defaultExpiresIn: 60,
    maxExpiresIn: 60,
    roles: [],
    methods: [UploadMethod.POST],
    multipartThreshold: 4000,
  };
  const claimProfiles = new Map([
    [
      "org",
      { ...png, keyTemplate: "orgs/{claim:org}/users/{sub}/{uuid}{ext}", read: { kind: "sameClaim", claim: "org" } as const },
    ],
    [
      "team",
      { ...png, name: "team", keyTemplate: "users/{sub}/{uuid}{ext}", read: { kind: "sameClaim", claim: "team" } as const },
    ],
    [
      "both",
      {
        ...png,
        name: "both",
        keyTemplate: "o/{claim:org}/users/{sub}/{uuid}{ext}",
        read: { kind: "sameClaim", claim: "team" } as const,
      },
    ],
  ]);
  const planAs = (profile: string, claims?: Record<string, string>) =>
    planUpload({ id: "alice", roles: [], claims }, claimProfiles, { ...request, profile }, env);

  it("keys by the uploader's claim and records it", () => {
    expect(planAs("org", { org: "acme", team: "red" })).toMatchObject({
      key: `orgs/acme/users/alice/${env.uuid}.png`,
      claims: { org: "acme" },
    });
  });
  it("records a sameClaim claim the key does not use", () => {
    expect(planAs("team", { team: "red" })).toMatchObject({ key: `users/alice/${env.uuid}.png`, claims: { team: "red" } });
  });
  it("records both claims of a profile that keys by one and compares another", () => {
    expect(planAs("both", { org: "acme", team: "red" }).claims).toEqual({ org: "acme", team: "red" });
  });
  it("records nothing for a profile that names no claim", () => {
    expect(plan().claims).toBeNull();
  });
  test.each<[string, string, Record<string, string> | undefined, string]>([
    ["no claims at all", "org", undefined, "org"],
    ["another claim only", "org", { team: "red" }, "org"],
    ["the key's claim but not the compared one", "both", { org: "acme" }, "team"],
  ])("is FORBIDDEN with %s", (_label, profile, claims, missing) => {
    expect(() => planAs(profile, claims)).toThrow(
      expect.objectContaining({
        code: "FORBIDDEN",
        message: `the '${profile}' profile needs a usable string claim '${missing}' in the token`,
      }),
    );
  });
});
