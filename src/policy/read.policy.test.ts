import type { Viewer } from "../auth/viewer";
import type { ReadRule } from "../domain/read-rule";
import {
  canReadObject,
  canReadWithoutShare,
  isPublicObject,
  isShareFor,
  readAccess,
  readRuleOf,
  type ReadableObject,
  type ShareGrant,
} from "./read.policy";

const now = new Date("2030-01-01T00:00:00Z");
const later = new Date("2030-01-02T00:00:00Z");
const earlier = new Date("2029-12-31T00:00:00Z");

const alice: Viewer = { id: "alice", roles: [] };
const bob: Viewer = { id: "bob", roles: ["user"] };
const staff: Viewer = { id: "carol", roles: ["staff"] };
const admin: Viewer = { id: "root", roles: ["admin"] };
const acmeMember: Viewer = { id: "dave", roles: [], claims: { org: "acme" } };
const otherOrg: Viewer = { id: "erin", roles: [], claims: { org: "globex" } };

const object: ReadableObject = {
  key: "users/alice/document/x.pdf",
  grantId: "g-1",
  ownerId: "alice",
  state: "AVAILABLE",
  filename: "x.pdf",
  contentType: "application/pdf",
  versionId: "v1",
  claims: { org: "acme" },
};

const OWNER: ReadRule = { kind: "owner" };
const AUTHENTICATED: ReadRule = { kind: "authenticated" };
const PUBLIC: ReadRule = { kind: "public" };
const STAFF: ReadRule = { kind: "roles", roles: ["editor", "staff"] };
const SAME_ORG: ReadRule = { kind: "sameClaim", claim: "org" };

describe("canReadWithoutShare: who reads by right", () => {
  test.each<[string, Viewer, ReadRule, boolean]>([
    ["the owner, under the owner rule", alice, OWNER, true],
    ["an admin, under the owner rule", admin, OWNER, true],
    ["another viewer, under the owner rule", bob, OWNER, false],
    ["another viewer, under authenticated", bob, AUTHENTICATED, true],
    ["another viewer, under public", bob, PUBLIC, true],
    ["a viewer with one of the roles", staff, STAFF, true],
    ["a viewer with none of the roles", bob, STAFF, false],
    ["the owner without the roles", alice, STAFF, true],
    ["a viewer with the uploader's claim value", acmeMember, SAME_ORG, true],
    ["a viewer with another claim value", otherOrg, SAME_ORG, false],
    ["a viewer without the claim", bob, SAME_ORG, false],
    ["a viewer with the value under another claim name", { id: "f", roles: [], claims: { team: "acme" } }, SAME_ORG, false],
    ["the owner without the claim", alice, SAME_ORG, true],
  ])("%s: %p", (_label, viewer, rule, expected) => {
    expect(canReadWithoutShare(viewer, object, rule)).toBe(expected);
  });

  test.each<[string, Partial<ReadableObject>]>([
    ["a PENDING object", { state: "PENDING" }],
    ["a REJECTED object", { state: "REJECTED" }],
    ["an AVAILABLE object without a verified version", { versionId: null }],
  ])("denies %s to everyone, admins and owners included", (_label, change) => {
    for (const viewer of [alice, admin, bob])
      expect(canReadWithoutShare(viewer, { ...object, ...change }, AUTHENTICATED)).toBe(false);
  });

  it("denies a missing object", () => {
    expect(canReadWithoutShare(admin, undefined, PUBLIC)).toBe(false);
    expect(canReadWithoutShare(admin, null, PUBLIC)).toBe(false);
  });

  it("denies an owner whose object lies outside her prefix", () =>
    expect(canReadWithoutShare(alice, { ...object, key: "users/bob/x.pdf" }, OWNER)).toBe(false));
  it("allows an owner whose object lies under an org prefix", () =>
    expect(canReadWithoutShare(alice, { ...object, key: "orgs/acme/users/alice/x.pdf" }, OWNER)).toBe(true));
  it("denies a viewer an object under her prefix that someone else owns", () =>
    expect(canReadWithoutShare(alice, { ...object, ownerId: "bob" }, OWNER)).toBe(false));

  test.each<[string, ReadableObject["claims"]]>([
    ["recorded no claims", null],
    ["recorded other claims", { team: "acme" }],
  ])("denies sameClaim members when the object %s", (_label, claims) => {
    expect(canReadWithoutShare(acmeMember, { ...object, claims }, SAME_ORG)).toBe(false);
  });

  it("never matches a viewer without the claim to an object without it", () => {
    expect(canReadWithoutShare({ id: "x", roles: [], claims: {} }, { ...object, claims: {} }, SAME_ORG)).toBe(false);
  });

  it("does not read the claim from the prototype chain", () => {
    const rule: ReadRule = { kind: "sameClaim", claim: "toString" };
    expect(canReadWithoutShare({ id: "x", roles: [], claims: {} }, { ...object, claims: {} }, rule)).toBe(false);
  });
});

const share = (over: Partial<ShareGrant> = {}): ShareGrant => ({
  id: "s-1",
  objectId: "g-1",
  viewerId: "bob",
  role: null,
  expiresAt: later,
  revokedAt: null,
  ...over,
});

describe("isShareFor", () => {
  test.each<[string, Viewer, Partial<ShareGrant>, boolean]>([
    ["the viewer it names", bob, {}, true],
    ["another viewer", staff, {}, false],
    ["a holder of the role it names", staff, { viewerId: null, role: "staff" }, true],
    ["a viewer without that role", bob, { viewerId: null, role: "staff" }, false],
    [
      "a role share when the viewer's id equals the role name",
      { id: "staff", roles: [] },
      { viewerId: null, role: "staff" },
      false,
    ],
    ["a viewer share when the viewer holds a role of that name", { id: "x", roles: ["bob"] }, {}, false],
    ["a share naming neither viewer nor role", bob, { viewerId: null, role: null }, false],
    ["a share of another object (same key, new object)", bob, { objectId: "g-2" }, false],
    ["a revoked share", bob, { revokedAt: earlier }, false],
    ["a share expiring exactly now", bob, { expiresAt: now }, false],
    ["a share that expired", bob, { expiresAt: earlier }, false],
    ["a share expiring a millisecond from now", bob, { expiresAt: new Date(now.getTime() + 1) }, true],
  ])("%s: %p", (_label, viewer, over, expected) => {
    expect(isShareFor(viewer, object, share(over), now)).toBe(expected);
  });
});

describe("readAccess", () => {
  it("reads by right without naming a share, even when one exists", () => {
    expect(readAccess(alice, object, OWNER, [share({ viewerId: "alice" })], now)).toEqual({ share: null });
  });
  it("names the share a read came through", () => {
    const mine = share({ id: "s-2" });
    expect(readAccess(bob, object, OWNER, [share({ viewerId: "zed" }), mine], now)).toEqual({ share: mine });
  });
  it("denies a viewer no share names", () =>
    expect(readAccess(bob, object, OWNER, [share({ viewerId: "zed" })], now)).toBeNull());
  it("denies without shares", () => expect(readAccess(bob, object, OWNER, [], now)).toBeNull());
  it("denies a shared object that is not AVAILABLE", () =>
    expect(readAccess(bob, { ...object, state: "PENDING" }, OWNER, [share()], now)).toBeNull());
  it("denies a shared object without a verified version", () =>
    expect(readAccess(bob, { ...object, versionId: null }, OWNER, [share()], now)).toBeNull());
  it("denies a missing object", () => expect(readAccess(bob, undefined, OWNER, [share()], now)).toBeNull());
  it("is what canReadObject answers", () => {
    expect(canReadObject(bob, object, OWNER, [share()], now)).toBe(true);
    expect(canReadObject(bob, object, OWNER, [], now)).toBe(false);
  });
});

describe("isPublicObject", () => {
  it("holds for a verified object of a public profile", () => expect(isPublicObject(object, PUBLIC)).toBe(true));
  test.each<[string, ReadRule]>([
    ["owner", OWNER],
    ["authenticated", AUTHENTICATED],
    ["roles", STAFF],
    ["sameClaim", SAME_ORG],
  ])("does not hold under %s", (_label, rule) => expect(isPublicObject(object, rule)).toBe(false));
  it("does not hold for an unverified object", () => expect(isPublicObject({ ...object, versionId: null }, PUBLIC)).toBe(false));
});

describe("readRuleOf", () => {
  const profiles = new Map([["avatar", { read: AUTHENTICATED }]]);
  it("is the profile's rule", () => expect(readRuleOf(profiles, "avatar")).toBe(AUTHENTICATED));
  it("is owner-only once the profile is gone", () => expect(readRuleOf(profiles, "gone")).toEqual({ kind: "owner" }));
});
