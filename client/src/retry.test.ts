import { ValetError, ValetUploadError } from "./errors.js";
import { backoffDelay, isRetryable, sleep, withRetry } from "./retry.js";

const s3Error = (status: number, code = `HTTP_${status}`) => new ValetUploadError("transfer", code, "S3 refused", { status });

describe("isRetryable", () => {
  test.each([
    ["no answer", new ValetUploadError("transfer", "NETWORK_ERROR", "offline"), true],
    ["a 500", s3Error(500, "INTERNAL_ERROR"), true],
    ["a 503 SlowDown", s3Error(503, "SLOW_DOWN"), true],
    ["a 403", s3Error(403, "ACCESS_DENIED"), false],
    ["a 400", s3Error(400, "BAD_DIGEST"), false],
    ["a 412", s3Error(412, "PRECONDITION_FAILED"), false],
    ["an abort", new ValetUploadError("transfer", "ABORTED", "aborted"), false],
    ["a GraphQL refusal", new ValetError("BAD_USER_INPUT", "no", { status: 200 }), false],
    ["a plain Error", new Error("bug"), false],
  ])("%s: %s", (_, error, expected) => {
    expect(isRetryable(error)).toBe(expected);
  });
});

describe("backoffDelay", () => {
  const policy = { baseDelayMs: 100, maxDelayMs: 1000 };

  it("doubles from the base, between half and all of each step", () => {
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, policy, () => 0))).toEqual([50, 100, 200, 400]);
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, policy, () => 1))).toEqual([100, 200, 400, 800]);
  });

  it("never waits longer than the cap", () => {
    expect(backoffDelay(10, policy, () => 1)).toBe(1000);
    expect(backoffDelay(40, policy, () => 1)).toBe(1000);
  });
});

describe("withRetry", () => {
  const waits: number[] = [];
  const hooks = { wait: async (ms: number) => void waits.push(ms), random: () => 1 };
  beforeEach(() => (waits.length = 0));

  /** An attempt that throws the given errors in turn, then answers "ok". */
  const failing = (...errors: Error[]) => {
    const calls = { n: 0 };
    const attempt = async () => {
      const e = errors[calls.n++];
      if (e) throw e;
      return "ok";
    };
    return Object.assign(attempt, { calls });
  };

  it("retries network errors and 5xx with growing waits until it succeeds", async () => {
    const attempt = failing(s3Error(503), new ValetUploadError("transfer", "NETWORK_ERROR", "x"), s3Error(500));
    await expect(withRetry(attempt, { retries: 4, baseDelayMs: 10 }, hooks)).resolves.toBe("ok");
    expect(attempt.calls.n).toBe(4);
    expect(waits).toEqual([10, 20, 40]);
  });

  it("does not retry a 4xx", async () => {
    const attempt = failing(s3Error(403));
    await expect(withRetry(attempt, { retries: 4 }, hooks)).rejects.toMatchObject({ status: 403 });
    expect(attempt.calls.n).toBe(1);
    expect(waits).toEqual([]);
  });

  it("gives up after its retries with the last error", async () => {
    const attempt = failing(s3Error(500), s3Error(502), s3Error(503), s3Error(504));
    await expect(withRetry(attempt, { retries: 2, baseDelayMs: 1 }, hooks)).rejects.toMatchObject({ status: 503 });
    expect(attempt.calls.n).toBe(3);
  });

  it("calls onRetry before each new attempt", async () => {
    const retried: number[] = [];
    await withRetry(failing(s3Error(500), s3Error(500)), {}, { ...hooks, onRetry: (n) => retried.push(n) });
    expect(retried).toEqual([1, 2]);
  });

  it("stops waiting when the signal fires", async () => {
    const controller = new AbortController();
    const attempt = failing(s3Error(500));
    const wait = (ms: number, signal?: AbortSignal) => (controller.abort(), sleep(ms, signal));
    const pending = withRetry(attempt, { baseDelayMs: 60_000 }, { signal: controller.signal, wait });
    await expect(pending).rejects.toMatchObject({ code: "ABORTED" });
    expect(attempt.calls.n).toBe(1);
  });
});

describe("withRetry behind a gate", () => {
  const offlineError = () => new ValetUploadError("transfer", "NETWORK_ERROR", "offline");
  const noWait = { wait: async () => undefined };

  it("spends no retry on failures while the gate says offline, and waits at the gate before each attempt", async () => {
    let offline = true;
    let readies = 0;
    let attempts = 0;
    const gate = { ready: async () => void readies++, offline: () => offline };
    const result = await withRetry(
      async () => {
        if (++attempts === 6) offline = false;
        if (attempts <= 6) throw offlineError();
        return "sent";
      },
      { retries: 1 },
      { ...noWait, gate },
    );
    expect(result).toBe("sent");
    expect(attempts).toBe(7);
    expect(readies).toBe(7);
  });

  it("spends retries as usual while the gate says online", async () => {
    let attempts = 0;
    const gate = { ready: async () => undefined, offline: () => false };
    const failing = withRetry(async () => (attempts++, Promise.reject(offlineError())), { retries: 1 }, { ...noWait, gate });
    await expect(failing).rejects.toMatchObject({ code: "NETWORK_ERROR" });
    expect(attempts).toBe(2);
  });
});
