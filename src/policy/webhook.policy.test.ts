import type { WebhookEndpoint } from "../config/config";
import { EventType } from "../domain/events";
import { endpointsFor, nextAttemptAt } from "./webhook.policy";

const endpoint = (id: string, over: Partial<WebhookEndpoint> = {}): WebhookEndpoint => ({
  id,
  url: `https://${id}.example/hook`,
  key: new Uint8Array(24),
  events: Object.values(EventType),
  profiles: null,
  ...over,
});

describe("endpointsFor", () => {
  const endpoints = [
    endpoint("all"),
    endpoint("available-only", { events: [EventType.OBJECT_AVAILABLE] }),
    endpoint("avatars", { profiles: ["avatar"] }),
  ];

  it.each<[EventType, string, string[]]>([
    [EventType.OBJECT_AVAILABLE, "avatar", ["all", "available-only", "avatars"]],
    [EventType.OBJECT_AVAILABLE, "document", ["all", "available-only"]],
    [EventType.OBJECT_DELETED, "avatar", ["all", "avatars"]],
    [EventType.OBJECT_EXPIRED, "document", ["all"]],
  ])("sends %s about a %s object to %j", (type, profile, ids) => {
    expect(endpointsFor(endpoints, type, profile)).toEqual(ids);
  });

  it("sends nothing when no endpoint is configured", () => {
    expect(endpointsFor([], EventType.OBJECT_AVAILABLE, "avatar")).toEqual([]);
  });
});

describe("nextAttemptAt", () => {
  const settings = { retryMs: 24 * 3_600_000, backoff: { firstMs: 1000, maxMs: 60_000 } };
  const since = new Date(0);
  const now = new Date(10_000);
  const after = (attempts: number, random: number) =>
    nextAttemptAt(attempts, since, now, settings, random)!.getTime() - now.getTime();

  it.each([
    [1, 1000],
    [2, 2000],
    [3, 4000],
    [6, 32_000],
    [7, 60_000],
    [40, 60_000],
  ])("waits between half and all of firstMs·2^(n-1), at most maxMs, after attempt %i", (attempts, wait) => {
    expect(after(attempts, 0)).toBe(wait / 2);
    expect(after(attempts, 0.5)).toBe((wait * 3) / 4);
    expect(after(attempts, 0.999999)).toBe(wait);
  });

  it("gives up once the next attempt would fall past the retry window", () => {
    const window = { ...settings, retryMs: 12_000 };
    expect(nextAttemptAt(1, since, now, window, 0)).toEqual(new Date(10_500));
    expect(nextAttemptAt(2, since, now, window, 0.999999)).toEqual(new Date(12_000));
    expect(nextAttemptAt(3, since, now, window, 0)).toEqual(new Date(12_000));
    expect(nextAttemptAt(3, since, now, window, 0.01)).toBeNull();
  });

  it("counts the window from a redelivery's start, not the event's", () => {
    const window = { ...settings, retryMs: 5000 };
    expect(nextAttemptAt(9, new Date(0), now, window, 0)).toBeNull();
    expect(nextAttemptAt(9, new Date(9000), now, { ...window, backoff: { firstMs: 1000, maxMs: 2000 } }, 0)).toEqual(
      new Date(11_000),
    );
  });
});
