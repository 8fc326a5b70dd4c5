import { AppError } from "../errors/app-error";
import { ErrorCode } from "../errors/codes";

// What Node and the SDK's handler say when a store cannot be reached or stops answering.
const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

interface SdkFailure {
  name?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number; attempts?: number };
}

/** A failure of the store itself (timeout, refused or dropped connection, 5xx), not of the request. */
export function isStoreUnavailable(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const e = error as SdkFailure;
  if (e.name === "TimeoutError") return true;
  if (e.code !== undefined && NETWORK_CODES.has(e.code)) return true;
  const status = e.$metadata?.httpStatusCode;
  if (status !== undefined) return status >= 500;
  // Every attempt ended without an HTTP answer. The SDK's retry loop replaces an error it does not
  // recognise as an Error (one from another realm, as node:net's are under jest) by a bare wrapper
  // without its code; the attempt count it adds is what is left to go by.
  return e.$metadata?.attempts !== undefined;
}

/** SERVICE_UNAVAILABLE for clients, with the store's own error kept as the cause for logs. */
export function storeUnavailable(cause: unknown): AppError {
  return new AppError(
    ErrorCode.SERVICE_UNAVAILABLE,
    "the object store is not answering; try again",
    { retryable: true },
    { cause },
  );
}

/**
 * Runs one S3 call under a deadline (and the caller's signal, if any). Store failures become
 * SERVICE_UNAVAILABLE; a caller's own abort and every other error pass through unchanged.
 */
export async function boundedCall<T>(
  deadlineMs: number,
  signal: AbortSignal | undefined,
  call: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const deadline = new AbortController();
  // A plain timer, cleared when the call settles: AbortSignal.timeout would outlive every call by the deadline.
  const timer = setTimeout(() => deadline.abort(), deadlineMs);
  const forward = () => deadline.abort(signal?.reason);
  if (signal?.aborted) forward();
  else signal?.addEventListener("abort", forward, { once: true });
  try {
    return await call(deadline.signal);
  } catch (e) {
    if (signal?.aborted) throw e;
    if (deadline.signal.aborted || isStoreUnavailable(e)) throw storeUnavailable(e);
    throw e;
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", forward);
  }
}
