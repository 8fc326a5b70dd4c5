import { createRateBudget } from "./rate-limit";

describe("a per-viewer grant budget (in memory)", () => {
  it("grants up to the budget per minute, then refuses with RATE_LIMITED and whole seconds to wait", async () => {
    const budget = createRateBudget("upload", 3, undefined);
    await budget.consume("alice", 2);
    await budget.consume("alice", 1);
    const refusal = await budget.consume("alice", 1).catch((e: unknown) => e);
    expect(refusal).toMatchObject({ code: "RATE_LIMITED", details: { limit: 3 } });
    const { retryAfter } = (refusal as { details: { retryAfter: number } }).details;
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
  });

  it("counts each viewer on its own", async () => {
    const budget = createRateBudget("download", 2, undefined);
    await budget.consume("alice", 2);
    await expect(budget.consume("alice", 1)).rejects.toMatchObject({ code: "RATE_LIMITED" });
    await expect(budget.consume("bob", 2)).resolves.toBeUndefined();
  });

  it("takes nothing from a refused batch, so a smaller one still fits", async () => {
    const budget = createRateBudget("download", 10, undefined);
    await budget.consume("alice", 6);
    await expect(budget.consume("alice", 5)).rejects.toMatchObject({ code: "RATE_LIMITED" });
    await expect(budget.consume("alice", 4)).resolves.toBeUndefined();
    await expect(budget.consume("alice", 1)).rejects.toMatchObject({ code: "RATE_LIMITED" });
  });

  it("refuses a batch larger than a whole minute's budget as REQUEST_TOO_LARGE: waiting would not help", async () => {
    const budget = createRateBudget("download", 10, undefined);
    await expect(budget.consume("alice", 11)).rejects.toMatchObject({
      code: "REQUEST_TOO_LARGE",
      details: { limit: 10, requested: 11 },
    });
    await expect(budget.consume("alice", 10)).resolves.toBeUndefined();
  });

  it("is unlimited at 0 grants per minute", async () => {
    const budget = createRateBudget("upload", 0, undefined);
    expect(budget.perMinute).toBeNull();
    for (let i = 0; i < 5; i++) await budget.consume("alice", 1000);
  });
});

describe("a named budget (share-link requests per client address)", () => {
  it("counts under its own name and says what it counts", async () => {
    const budget = createRateBudget({ counter: "attempts:link", noun: "share-link requests" }, 2, undefined);
    await budget.consume("198.51.100.1", 1);
    await budget.consume("198.51.100.1", 1);
    await expect(budget.consume("198.51.100.1", 1)).rejects.toMatchObject({
      code: "RATE_LIMITED",
      message: expect.stringMatching(/^too many share-link requests: at most 2 per minute; retry in \d+ s$/),
    });
    await expect(budget.consume("198.51.100.2", 1)).resolves.toBeUndefined();
  });
});
