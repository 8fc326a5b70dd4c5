import { Redis } from "ioredis";
import type { LimitSettings } from "../config/config";
import { createRedisHealth, type RedisHealth, type RedisObserver } from "./redis-health";

type RedisSettings = NonNullable<LimitSettings["redis"]>;

/** The shared counters' Redis, watched by a health check that probes it while it is stalled. */
export async function connectSharedCounters(
  settings: RedisSettings,
  onError: (error: Error) => void,
  observer?: RedisObserver,
): Promise<{ redis: Redis; keyPrefix: string; health: RedisHealth }> {
  const redis = await connectRedis(settings, onError);
  const health = createRedisHealth({
    timeoutsBeforeFallback: settings.timeoutsBeforeFallback,
    probe: () => redis.ping(),
    reconnect: () => redis.disconnect(true),
    probeEveryMs: Math.max(1000, 4 * settings.timeoutMs),
    observer,
  });
  return { redis, keyPrefix: settings.keyPrefix, health };
}

/**
 * A Redis client that never makes a grant wait long: a command sent while disconnected fails at
 * once (no offline queue), and one that gets no answer fails after `timeoutMs`. The rate limiter
 * then counts in memory (rate-limit.ts). It keeps reconnecting in the background; the first
 * failure after being up is reported, the rest are not (reconnects would repeat it every 2 s).
 */
export async function connectRedis({ url, timeoutMs }: RedisSettings, onError: (error: Error) => void): Promise<Redis> {
  const client = new Redis(url, {
    enableOfflineQueue: false,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: (attempt) => Math.min(attempt * 100, 2000),
    // A page of downloadUrl fields consumes points one field at a time: one round trip for all of them.
    enableAutoPipelining: true,
  });
  let up = true;
  client.on("ready", () => (up = true));
  client.on("error", (error: Error) => {
    if (!up) return;
    up = false;
    onError(
      new Error(`Redis is unavailable; rate limits count per instance until it is back: ${error.message}`, { cause: error }),
    );
  });
  await settled(client, timeoutMs);
  return client;
}

// Waiting for the first connection (but no longer than one timeout, and not past a first failure)
// keeps the first grants after start-up from being counted in memory only.
function settled(client: Redis, timeoutMs: number): Promise<void> {
  return new Promise((done) => {
    const finish = () => {
      clearTimeout(timer);
      client.off("ready", finish).off("error", finish);
      done();
    };
    const timer = setTimeout(finish, timeoutMs);
    client.once("ready", finish).once("error", finish);
  });
}
