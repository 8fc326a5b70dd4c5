/** What one attempt came to: a 2xx, another answer, or none (refused, reset, timed out, stopped). */
export interface AttemptResult {
  ok: boolean;
  status: number | null;
  /** Why it failed, for the delivery record; null when ok. Never the receiver's body. */
  error: string | null;
  /** True when `stop` cut it short (shutdown), not the receiver. */
  stopped: boolean;
}

/**
 * POSTs one webhook. No answer within `timeoutMs` aborts it; `stop` aborts it at shutdown.
 * Redirects are not followed: a 3xx is a failure like any other non-2xx.
 */
export async function postWebhook(
  url: string,
  headers: Record<string, string>,
  body: string,
  { timeoutMs, stop }: { timeoutMs: number; stop: AbortSignal },
): Promise<AttemptResult> {
  const timeout = AbortSignal.timeout(timeoutMs);
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: { "user-agent": "Valet-Webhooks", ...headers },
      body,
      redirect: "manual",
      signal: AbortSignal.any([timeout, stop]),
    });
    // The answer's body is not read: only the status counts, and a receiver could stream forever.
    await res.body?.cancel().catch(() => undefined);
    const ok = res.status >= 200 && res.status < 300;
    return { ok, status: res.status, error: ok ? null : `HTTP ${res.status}`, stopped: false };
  } catch (e) {
    if (stop.aborted) return { ok: false, status: null, error: "stopped by shutdown", stopped: true };
    if (timeout.aborted) return { ok: false, status: null, error: `no answer within ${timeoutMs} ms`, stopped: false };
    return { ok: false, status: null, error: failureOf(e), stopped: false };
  }
}

// fetch reports a network failure as TypeError("fetch failed") with the system error as its cause.
function failureOf(e: unknown): string {
  const cause = (e as { cause?: { code?: unknown; message?: unknown } }).cause;
  if (typeof cause?.code === "string") return cause.code;
  if (typeof cause?.message === "string") return cause.message;
  return e instanceof Error ? e.message : "request failed";
}
