import type { QuotaTable } from "../config/quotas.schema";
import type { QuotaLimits, QuotaUsage } from "../domain/quota";
import { AppError } from "../errors/app-error";
import { assertWithinQuota, exceededQuota, isUnlimited, quotaLimitsFor } from "./quota.policy";

const limits: QuotaLimits = { outstandingUploads: 3, pendingBytes: 100, storedBytes: 1000 };
const usage = (over: Partial<QuotaUsage> = {}): QuotaUsage => ({
  outstandingUploads: 0,
  pendingBytes: 0,
  storedBytes: 0,
  ...over,
});

describe("exceededQuota", () => {
  test.each([
    ["the third of three uploads", usage({ outstandingUploads: 2 }), 1, null],
    [
      "a fourth upload when three are outstanding",
      usage({ outstandingUploads: 3 }),
      1,
      { quota: "outstandingUploads", limit: 3, usage: 3 },
    ],
    ["pending bytes up to the limit exactly", usage({ pendingBytes: 60 }), 40, null],
    ["one pending byte over the limit", usage({ pendingBytes: 60 }), 41, { quota: "pendingBytes", limit: 100, usage: 60 }],
    ["stored bytes up to the limit exactly", usage({ storedBytes: 950 }), 50, null],
    ["one stored byte over the limit", usage({ storedBytes: 950 }), 51, { quota: "storedBytes", limit: 1000, usage: 950 }],
    ["stored plus pending up to the limit", usage({ storedBytes: 950, pendingBytes: 30 }), 20, null],
    [
      "stored plus pending over the limit",
      usage({ storedBytes: 950, pendingBytes: 30 }),
      21,
      { quota: "storedBytes", limit: 1000, usage: 980 },
    ],
  ])("%s", (_label, current, size, expected) => {
    expect(exceededQuota(current, limits, size)).toEqual(expected);
  });

  it("reports the first quota exceeded, in the order outstanding, pending, stored", () => {
    const full = usage({ outstandingUploads: 3, pendingBytes: 100, storedBytes: 1000 });
    expect(exceededQuota(full, limits, 1)?.quota).toBe("outstandingUploads");
    expect(exceededQuota(full, { ...limits, outstandingUploads: null }, 1)?.quota).toBe("pendingBytes");
  });

  test.each([
    [
      "allows anything when every limit is null",
      { outstandingUploads: null, pendingBytes: null, storedBytes: null },
      10 ** 12,
      null,
    ],
    [
      "refuses every upload under a zero limit",
      { outstandingUploads: 0, pendingBytes: null, storedBytes: null },
      1,
      "outstandingUploads",
    ],
  ])("%s", (_label, given: QuotaLimits, size, quota) => {
    expect(exceededQuota(usage({ storedBytes: 10 ** 12 }), given, size)?.quota ?? null).toBe(quota);
  });
});

describe("assertWithinQuota", () => {
  it("passes an upload within every quota", () => {
    expect(() => assertWithinQuota(usage({ outstandingUploads: 2 }), limits, 100)).not.toThrow();
  });

  it("refuses with QUOTA_EXCEEDED naming the quota, its limit, the usage before and the size asked for", () => {
    const error = catchError(() => assertWithinQuota(usage({ pendingBytes: 90 }), limits, 20));
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: "QUOTA_EXCEEDED",
      details: { quota: "pendingBytes", limit: 100, usage: 90, requested: 20 },
    });
    expect((error as AppError).message).toMatch(/pendingBytes quota \(90 in use, limit 100\)/);
  });
});

describe("quotaLimitsFor", () => {
  const table: QuotaTable = new Map<string, QuotaLimits>([
    ["default", { outstandingUploads: 10, pendingBytes: 100, storedBytes: 1000 }],
    ["staff", { outstandingUploads: 50, pendingBytes: 50, storedBytes: 5000 }],
    ["archivist", { outstandingUploads: 5, pendingBytes: 500, storedBytes: null }],
  ]);

  test.each([
    ["a viewer without roles gets the default", [], { outstandingUploads: 10, pendingBytes: 100, storedBytes: 1000 }],
    ["an unknown role changes nothing", ["user"], { outstandingUploads: 10, pendingBytes: 100, storedBytes: 1000 }],
    [
      "a role raises limits but never lowers the default",
      ["staff"],
      { outstandingUploads: 50, pendingBytes: 100, storedBytes: 5000 },
    ],
    [
      "several roles: the highest per quota, null (unlimited) above all",
      ["staff", "archivist"],
      { outstandingUploads: 50, pendingBytes: 500, storedBytes: null },
    ],
  ])("%s", (_label, roles, expected) => {
    expect(quotaLimitsFor({ id: "v", roles }, table)).toEqual(expected);
  });

  it("allows nothing when the table has no entry for the viewer at all", () => {
    const none = { outstandingUploads: 0, pendingBytes: 0, storedBytes: 0 };
    expect(quotaLimitsFor({ id: "v", roles: [] }, new Map())).toEqual(none);
    const withoutDefault: QuotaTable = new Map([["archivist", table.get("archivist")!]]);
    expect(quotaLimitsFor({ id: "v", roles: ["staff"] }, withoutDefault)).toEqual(none);
  });
});

describe("isUnlimited", () => {
  test.each([
    [{ outstandingUploads: null, pendingBytes: null, storedBytes: null }, true],
    [{ outstandingUploads: null, pendingBytes: null, storedBytes: 0 }, false],
  ])("%o → %s", (given: QuotaLimits, expected) => {
    expect(isUnlimited(given)).toBe(expected);
  });
});

function catchError(fn: () => void): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
}
