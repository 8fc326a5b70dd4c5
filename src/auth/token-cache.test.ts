import { unauthenticated } from "../errors/app-error";
import { cacheVerifiedTokens } from "./token-cache";

const viewer = { id: "alice", roles: ["user"] };

describe("cacheVerifiedTokens", () => {
  let clock = 0;
  const verify = jest.fn(async (token: string) => {
    if (token === "bad") throw unauthenticated();
    return { viewer, expiresAt: token === "short" ? clock + 5_000 : token === "far" ? Date.now() + 60_000 : 100_000 };
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

  it("counts a token verified again after its exp as the newest entry", async () => {
    const v = cacheVerifiedTokens(verify, { maxEntries: 3, maxAgeMs: 60_000, now: () => clock });
    await v("short");
    await v("good");
    clock = 5_000;
    await v("short");
    await v("c");
    await v("d"); // full: drops "good", the oldest, not the freshly verified "short"
    await v("short");
    expect(verify).toHaveBeenCalledTimes(5);
  });

  it("falls back to the real clock when none is given", async () => {
    const v = cacheVerifiedTokens(verify, { maxEntries: 2, maxAgeMs: 60_000 });
    await v("far");
    await v("far");
    expect(verify).toHaveBeenCalledTimes(1);
  });
});
