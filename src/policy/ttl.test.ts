import { resolveExpiresIn, signingInstant } from "./ttl";

describe("resolveExpiresIn", () => {
  test.each([
    [undefined, 300],
    [null, 300],
    [1, 1],
    [60, 60],
    [3600, 3600],
    [3601, 3600],
    [10_000_000, 3600],
  ])("requested %p → %p (default 300, max 3600)", (requested, expected) => {
    expect(resolveExpiresIn(requested, 300, 3600)).toBe(expected);
  });

  it("never grants a default above the maximum", () => {
    expect(resolveExpiresIn(undefined, 900, 600)).toBe(600);
  });

  it("never exceeds seven days, whatever the configured maximum or default", () => {
    expect(resolveExpiresIn(10_000_000, 300, 10_000_000)).toBe(604_800);
    expect(resolveExpiresIn(null, 10_000_000, 10_000_000)).toBe(604_800);
  });

  test.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])("refuses %p", (requested) => {
    expect(() => resolveExpiresIn(requested, 300, 3600)).toThrow(
      expect.objectContaining({
        code: "BAD_USER_INPUT",
        message: "expiresIn must be a positive number of seconds",
        details: { field: "expiresIn" },
      }),
    );
  });
});

describe("signingInstant", () => {
  test.each([
    ["2030-01-01T00:00:00.000Z", "2030-01-01T00:00:00.000Z"],
    ["2030-01-01T00:00:00.999Z", "2030-01-01T00:00:00.000Z"],
    ["2030-01-01T23:59:59.500Z", "2030-01-01T23:59:59.000Z"],
  ])("cuts %s to the whole second %s, as X-Amz-Date does", (now, expected) => {
    expect(signingInstant(new Date(now)).toISOString()).toBe(expected);
  });
});
