import { unauthenticated } from "../errors/app-error";
import { cacheVerifiedTokens } from "./token-cache";

const viewer = { id: "alice", roles: ["user"] };

describe("cacheVerifiedTokens", () => {
  let clock = 0;
  const verify = jest.fn(async (token: string) => {
    if (token === "bad") throw unauthenticated();
    return { viewer, expiresAt: token === "short" ? 5_000 : 100_000 };
  });
  const cached = () => cacheVerifiedTokens(verify, { maxEntries: 2, maxAgeMs: 60_000, now: () => clock });

  beforeEach(() => {
    clock = 0;
    verify.mockClear();
  });

  it("verifies a token once and reuses the result", async () => {
    const v = cached();
    expect(await v("good")).toBe(viewer);
    expect(await v("good")).toBe(viewer);
    expect(verify).toHaveBeenCalledTimes(1);
  });

  it("verifies again once the token's exp has passed", async () => {
    const v = cached();
    await v("short");
    clock = 5_000;
    await v("short");
    expect(verify).toHaveBeenCalledTimes(2);
  });

  it("verifies again after maxAge even if exp is later", async () => {
    const v = cached();
    await v("good");
    clock = 60_000;
    await v("good");
    expect(verify).toHaveBeenCalledTimes(2);
  });

  it("never caches a failure", async () => {
    const v = cached();
    await expect(v("bad")).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    await expect(v("bad")).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    expect(verify).toHaveBeenCalledTimes(2);
  });

  it("drops the oldest entry beyond maxEntries", async () => {
    const v = cached();
    await v("a");
    await v("b");
    await v("c");
    await v("a");
    expect(verify).toHaveBeenCalledTimes(4);
  });
});
