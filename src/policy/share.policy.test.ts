import type { Viewer } from "../auth/viewer";
import { canManageShares, planShare } from "./share.policy";

const settings = { maxExpiresIn: 30 * 86_400 };
const now = new Date("2030-01-01T00:00:00.250Z");
const seconds = (s: number) => new Date(now.getTime() + s * 1000);

describe("planShare", () => {
  it("shares with one viewer for the time asked", () => {
    expect(planShare({ viewer: "bob", expiresIn: 60 }, settings, now)).toEqual({
      viewerId: "bob",
      role: null,
      createdAt: now,
      expiresAt: seconds(60),
    });
  });
  it("shares with one role", () => {
    expect(planShare({ role: "staff", expiresIn: 60 }, settings, now)).toMatchObject({ viewerId: null, role: "staff" });
  });
  test.each<[string, number | null | undefined, number]>([
    ["no lifetime: the maximum", undefined, settings.maxExpiresIn],
    ["a null lifetime: the maximum", null, settings.maxExpiresIn],
    ["a lifetime above the maximum: clamped", settings.maxExpiresIn + 1, settings.maxExpiresIn],
    ["exactly the maximum", settings.maxExpiresIn, settings.maxExpiresIn],
    ["one second", 1, 1],
  ])("lasts %s", (_label, expiresIn, expected) => {
    expect(planShare({ viewer: "bob", expiresIn }, settings, now).expiresAt).toEqual(seconds(expected));
  });

  test.each<[string, Record<string, unknown>, string, string | undefined]>([
    ["neither viewer nor role", {}, "give exactly one of viewer and role", undefined],
    ["both viewer and role", { viewer: "bob", role: "staff" }, "give exactly one of viewer and role", undefined],
    [
      "an empty viewer",
      { viewer: "" },
      "viewer must be a token subject: 1 to 128 characters, no control characters, not . or ..",
      "viewer",
    ],
    ["a viewer of 129 characters", { viewer: "b".repeat(129) }, "viewer must be a token subject", "viewer"],
    ["a viewer with a control character", { viewer: "b\u0000" }, "viewer must be a token subject", "viewer"],
    ["a dot-dot viewer", { viewer: ".." }, "viewer must be a token subject", "viewer"],
    ["an empty role", { role: "" }, "role must be 1 to 128 characters, no control characters, not . or ..", "role"],
    ["a role with a newline", { role: "a\nb" }, "role must be 1 to 128 characters", "role"],
    ["a zero lifetime", { viewer: "bob", expiresIn: 0 }, "expiresIn must be a positive number of seconds", "expiresIn"],
    ["a negative lifetime", { viewer: "bob", expiresIn: -5 }, "expiresIn must be a positive number of seconds", "expiresIn"],
    ["a fractional lifetime", { viewer: "bob", expiresIn: 1.5 }, "expiresIn must be a positive number of seconds", "expiresIn"],
  ])("refuses %s (BAD_USER_INPUT)", (_label, request, message, field) => {
    let thrown: unknown;
    try {
      planShare(request, settings, now);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toMatchObject({ code: "BAD_USER_INPUT", details: field ? { field } : undefined });
    expect((thrown as Error).message.startsWith(message)).toBe(true);
  });

  it("accepts a viewer of exactly 128 characters and a role the sharer lacks", () => {
    expect(planShare({ viewer: "b".repeat(128) }, settings, now).viewerId).toHaveLength(128);
    expect(planShare({ role: "admin" }, settings, now).role).toBe("admin");
  });
});

describe("canManageShares", () => {
  const object = { ownerId: "alice", key: "users/alice/document/x.txt" };
  test.each<[string, Viewer, boolean]>([
    ["the owner", { id: "alice", roles: [] }, true],
    ["an admin", { id: "root", roles: ["admin"] }, true],
    ["another viewer", { id: "bob", roles: ["staff"] }, false],
  ])("%s: %p", (_label, viewer, expected) => expect(canManageShares(viewer, object)).toBe(expected));
  it("refuses an owner whose object lies outside her prefix", () =>
    expect(canManageShares({ id: "alice", roles: [] }, { ...object, key: "users/bob/x.txt" })).toBe(false));
});
