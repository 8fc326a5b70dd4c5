import { isLinkUsable, linkMaxDownloads, linkUrlExpiresIn } from "./share-link.policy";

const now = new Date("2025-06-01T12:00:00.000Z");
const link = { expiresAt: new Date("2025-06-01T13:00:00.000Z"), revokedAt: null, maxDownloads: 3, downloads: 2 };

describe("isLinkUsable", () => {
  it("serves a link that is live and under its limit", () => {
    expect(isLinkUsable(link, now)).toBe(true);
    expect(isLinkUsable({ ...link, maxDownloads: null, downloads: 1_000_000 }, now)).toBe(true);
    expect(isLinkUsable({ ...link, expiresAt: new Date(now.getTime() + 1) }, now)).toBe(true);
  });

  test.each([
    ["revoked", { revokedAt: new Date("2025-06-01T11:00:00.000Z") }],
    ["revoked later than now (a revocation is never scheduled)", { revokedAt: new Date("2025-06-01T12:30:00.000Z") }],
    ["expired at this instant", { expiresAt: now }],
    ["expired", { expiresAt: new Date(now.getTime() - 1) }],
    ["used up", { downloads: 3 }],
    ["used past its limit", { downloads: 4 }],
  ])("refuses a link %s", (_label, change) => {
    expect(isLinkUsable({ ...link, ...change }, now)).toBe(false);
  });
});

describe("linkMaxDownloads", () => {
  it("keeps a positive count, and none as null", () => {
    expect(linkMaxDownloads(1)).toBe(1);
    expect(linkMaxDownloads(250)).toBe(250);
    expect(linkMaxDownloads(undefined)).toBeNull();
    expect(linkMaxDownloads(null)).toBeNull();
  });

  test.each([0, -1, 2.5])("refuses maxDownloads %s as BAD_USER_INPUT naming the field", (bad) => {
    expect(() => linkMaxDownloads(bad)).toThrow(
      expect.objectContaining({
        code: "BAD_USER_INPUT",
        message: "maxDownloads must be a positive count",
        details: { field: "maxDownloads" },
      }),
    );
  });
});

describe("linkUrlExpiresIn", () => {
  it("signs for the TTL while the link has longer to live", () => {
    expect(linkUrlExpiresIn(new Date(now.getTime() + 61_000), now, 60)).toBe(60);
    expect(linkUrlExpiresIn(new Date(now.getTime() + 60_000), now, 60)).toBe(60);
  });

  it("never signs past the link's end, rounding up to whole seconds, and at least 1 s", () => {
    expect(linkUrlExpiresIn(new Date(now.getTime() + 59_000), now, 60)).toBe(59);
    expect(linkUrlExpiresIn(new Date(now.getTime() + 1_500), now, 60)).toBe(2);
    expect(linkUrlExpiresIn(new Date(now.getTime() + 1), now, 60)).toBe(1);
    expect(linkUrlExpiresIn(now, now, 60)).toBe(1);
  });
});
