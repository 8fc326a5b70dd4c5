import type { WebhookEndpoint, WebhookSettings } from "../config/config";
import type { EventType } from "../domain/events";

/** The ids of the endpoints that asked for events of this type about objects of this profile. */
export function endpointsFor(endpoints: readonly WebhookEndpoint[], type: EventType, profile: string): string[] {
  return endpoints
    .filter((e) => e.events.includes(type) && (e.profiles === null || e.profiles.includes(profile)))
    .map((e) => e.id);
}

/**
 * When to try a delivery again after its `attempts`-th attempt failed at `now`: exponential
 * backoff (firstMs, doubling, at most maxMs) with "equal jitter" — half the wait fixed, half
 * random — so endpoints that come back are not hit by every instance's retries at once. Null
 * once that would fall past the retry window that opened at `since`: the delivery has FAILED.
 * `random` is in [0, 1).
 */
export function nextAttemptAt(
  attempts: number,
  since: Date,
  now: Date,
  { retryMs, backoff }: Pick<WebhookSettings, "retryMs" | "backoff">,
  random: number,
): Date | null {
  const exponent = Math.min(Math.max(attempts - 1, 0), 30);
  const wait = Math.min(backoff.maxMs, backoff.firstMs * 2 ** exponent);
  const at = now.getTime() + Math.round(wait / 2 + (random * wait) / 2);
  return at > since.getTime() + retryMs ? null : new Date(at);
}
