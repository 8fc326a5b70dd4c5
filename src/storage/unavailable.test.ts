import { loadConfig } from "../config/config";
import { AppError } from "../errors/app-error";
import { callDeadlineMs } from "./s3-client";
import { boundedCall, isStoreUnavailable } from "./unavailable";

const sdkError = (name: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(name), { name, ...extra });

describe("what counts as the object store not answering", () => {
  test.each([
    ["a request or connection timeout", sdkError("TimeoutError")],
    ["a refused connection", sdkError("Error", { code: "ECONNREFUSED" })],
    ["a dropped connection", sdkError("Error", { code: "ECONNRESET" })],
    ["an unknown host", sdkError("Error", { code: "ENOTFOUND" })],
    ["a 500", sdkError("InternalError", { $metadata: { httpStatusCode: 500 } })],
    ["a 503 SlowDown", sdkError("SlowDown", { $metadata: { httpStatusCode: 503 } })],
    ["retries that never got an HTTP answer", sdkError("Error", { $metadata: { attempts: 2, totalRetryDelay: 40 } })],
  ])("counts %s", (_label, error) => {
    expect(isStoreUnavailable(error)).toBe(true);
  });

  test.each([
    ["access denied (a configuration fault)", sdkError("AccessDenied", { $metadata: { httpStatusCode: 403 } })],
    ["a missing key", sdkError("NoSuchKey", { $metadata: { httpStatusCode: 404 } })],
    ["a caller's abort", sdkError("AbortError")],
    ["a programming error", new TypeError("x is undefined")],
    ["a thrown string", "boom"],
  ])("does not count %s", (_label, error) => {
    expect(isStoreUnavailable(error)).toBe(false);
  });
});

describe("boundedCall", () => {
  it("answers SERVICE_UNAVAILABLE, retryable, for a store failure and keeps the cause", async () => {
    const cause = sdkError("TimeoutError");
    const error = await boundedCall(1000, undefined, () => Promise.reject(cause)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "SERVICE_UNAVAILABLE", details: { retryable: true }, cause });
  });

  it("answers SERVICE_UNAVAILABLE when its deadline passes, and aborts the call", async () => {
    let seen: AbortSignal | undefined;
    const hang = (signal: AbortSignal) => {
      seen = signal;
      return new Promise<never>((_, reject) => signal.addEventListener("abort", () => reject(sdkError("AbortError"))));
    };
    await expect(boundedCall(50, undefined, hang)).rejects.toMatchObject({ code: "SERVICE_UNAVAILABLE" });
    expect(seen?.aborted).toBe(true);
  });

  it("lets a caller's own abort and other errors through unchanged", async () => {
    const controller = new AbortController();
    const aborted = sdkError("AbortError");
    const call = boundedCall(
      1000,
      controller.signal,
      (signal) => new Promise<never>((_, reject) => signal.addEventListener("abort", () => reject(aborted))),
    );
    controller.abort();
    await expect(call).rejects.toBe(aborted);
    const denied = sdkError("AccessDenied", { $metadata: { httpStatusCode: 403 } });
    await expect(boundedCall(1000, undefined, () => Promise.reject(denied))).rejects.toBe(denied);
  });

  it("gives up within 10 s with the default settings, retries and back-off included", () => {
    expect(callDeadlineMs(loadConfig({}, `${__dirname}/../..`).s3)).toBeLessThan(10_000);
  });
});
