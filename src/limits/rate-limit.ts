import type { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { GrantKind } from "../domain/model";
import { AppError } from "../errors/app-error";
import { ErrorCode } from "../errors/codes";
import type { RedisHealth } from "./redis-health";

const WINDOW_SECONDS = 60;

/** A budget of units per minute per key (a viewer's grants of one kind, a client address's link attempts). */
export interface RateBudget {
  /** Units per minute; null when unlimited. */
  readonly perMinute: number | null;
  /** Takes `points` units from the key's budget, or throws RATE_LIMITED (nothing taken) with `retryAfter` seconds. */
  consume(key: string, points: number): Promise<void>;
}

/** What a budget counts: where its counters live (under the Redis prefix) and what its messages call one unit. */
export interface BudgetName {
  counter: string;
  noun: string;
}

const grantBudget = (kind: GrantKind): BudgetName => ({ counter: `grants:${kind}`, noun: `${kind} grants` });

/** Where the counters live: this process, or a Redis shared by every instance under `keyPrefix`. */
export type RateStore = { redis: Redis; keyPrefix: string; health?: RedisHealth } | undefined;

/**
 * A fixed one-minute window per key. With Redis, a Redis error or timeout falls back to an
 * in-memory counter of the same size (fail open, per instance): a Redis outage must not stop every
 * grant, and the quotas, which live in the database, still hold. While `health` says Redis is
 * stalled, Redis is not asked at all (redis-health.ts).
 */
export function createRateBudget(name: GrantKind | BudgetName, perMinute: number, store: RateStore): RateBudget {
  if (perMinute === 0) return { perMinute: null, consume: async () => undefined };
  const { counter, noun } = typeof name === "string" ? grantBudget(name) : name;
  const memory = new RateLimiterMemory({ points: perMinute, duration: WINDOW_SECONDS, keyPrefix: counter });
  const shared =
    store &&
    new RateLimiterRedis({
      storeClient: store.redis,
      points: perMinute,
      duration: WINDOW_SECONDS,
      keyPrefix: `${store.keyPrefix}:${counter}`,
      rejectIfRedisNotReady: true,
    });
  const health = store?.health;
  // Redis's own failure falls back to memory here rather than through rate-limiter-flexible's
  // insuranceLimiter, so health sees every timeout and error. A refusal comes back with the
  // limiter that refused, which is the one to give the points back to.
  const takeFrom = async (by: RateLimiterAbstract, consume: () => Promise<unknown>): Promise<Taken> => {
    try {
      await consume();
      return { by };
    } catch (error) {
      if (isRefusal(error)) return { by, refusal: error };
      throw error;
    }
  };
  const take = async (key: string, points: number): Promise<Taken> => {
    const inMemory = () => takeFrom(memory, () => memory.consume(key, points));
    if (!shared || health?.fallingBack) return inMemory();
    const call = () => shared.consume(key, points);
    return takeFrom(shared, health ? () => health.run("consume", call, isRefusal) : call).catch(inMemory);
  };
  return {
    perMinute,
    async consume(key, points) {
      if (points <= 0) return;
      if (points > perMinute) {
        throw new AppError(ErrorCode.REQUEST_TOO_LARGE, `at most ${perMinute} ${noun} per minute; this asks for ${points}`, {
          limit: perMinute,
          requested: points,
        });
      }
      const { by, refusal } = await take(key, points);
      if (!refusal) return;
      // The refused points were counted too; give them back so a refused batch does not spend the
      // rest of the window's budget. Best effort: at worst the viewer waits for the next window.
      await by.reward(key, points).catch(() => undefined);
      throw rateLimited(noun, perMinute, refusal.msBeforeNext);
    },
  };
}

type Taken = { by: RateLimiterAbstract; refusal?: RateLimiterRes };

const isRefusal = (error: unknown): error is RateLimiterRes => error instanceof RateLimiterRes;

function rateLimited(noun: string, perMinute: number, msBeforeNext: number): AppError {
  const retryAfter = Math.max(1, Math.ceil(msBeforeNext / 1000));
  return new AppError(ErrorCode.RATE_LIMITED, `too many ${noun}: at most ${perMinute} per minute; retry in ${retryAfter} s`, {
    retryAfter,
    limit: perMinute,
  });
}
