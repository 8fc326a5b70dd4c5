import { abortedError, ClientErrorCode, ValetError } from "./errors.js";
import type { UploadGate } from "./gate.js";

/** How a part is retried: `retries` more attempts after the first, waiting exponentially longer. */
export interface RetryPolicy {
  /** Attempts after the first; 0 never retries. Default 4. */
  retries?: number;
  /** The first wait, in ms; each later one doubles. Default 500. */
  baseDelayMs?: number;
  /** No wait is longer than this, in ms. Default 10000. */
  maxDelayMs?: number;
}

export const DEFAULT_RETRY: Required<RetryPolicy> = { retries: 4, baseDelayMs: 500, maxDelayMs: 10_000 };

/**
 * Worth another attempt: no answer at all, or a 5xx (S3's InternalError, SlowDown, …). A 4xx is
 * S3 refusing this request (signature, size, expiry) and would be refused again.
 */
export function isRetryable(error: unknown): boolean {
  if (!(error instanceof ValetError)) return false;
  if (error.code === ClientErrorCode.NETWORK_ERROR) return true;
  return error.status !== undefined && error.status >= 500;
}

/**
 * The wait before retry number `attempt` (1 for the first retry): base × 2^(attempt−1), capped,
 * with "equal jitter" (half fixed, half random) so parallel parts that failed together spread out.
 */
export function backoffDelay(attempt: number, policy: RetryPolicy = {}, random: () => number = Math.random): number {
  const { baseDelayMs, maxDelayMs } = { ...DEFAULT_RETRY, ...policy };
  const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
  return ceiling / 2 + (ceiling / 2) * random();
}

/** Waits `ms`, or rejects with ABORTED as soon as the signal fires. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortedError("transfer"));
    const onAbort = () => (clearTimeout(timer), reject(abortedError("transfer")));
    const timer = setTimeout(() => (signal?.removeEventListener("abort", onAbort), resolve()), ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

export interface RetryHooks {
  signal?: AbortSignal;
  /** Called before each retry (after the wait), e.g. to reset the part's progress. */
  onRetry?: (attempt: number, error: unknown) => void;
  wait?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  /** Awaited before every attempt; a failure while it says offline is not counted as a retry. */
  gate?: UploadGate;
}

/**
 * Runs `attempt` until it succeeds, fails with something not retryable, or the retries are spent.
 * A retryable failure while the gate is offline (at the failure and after the wait) is not spent:
 * the next attempt waits at the gate for the network instead.
 */
export async function withRetry<T>(attempt: () => Promise<T>, policy: RetryPolicy = {}, hooks: RetryHooks = {}): Promise<T> {
  const { retries } = { ...DEFAULT_RETRY, ...policy };
  const { gate, signal } = hooks;
  const wait = hooks.wait ?? sleep;
  for (let n = 0; ;) {
    await gate?.ready(signal);
    try {
      return await attempt();
    } catch (e) {
      if (!isRetryable(e) || signal?.aborted) throw e;
      const spent = !gate?.offline();
      if (spent && n >= retries) throw e;
      await wait(backoffDelay(n + 1, policy, hooks.random), signal);
      if (spent && !gate?.offline()) n++;
      hooks.onRetry?.(n, e);
    }
  }
}
