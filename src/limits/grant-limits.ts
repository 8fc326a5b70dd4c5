import type { LimitSettings } from "../config/config";
import { GrantKind } from "../domain/model";
import { AppError } from "../errors/app-error";
import { ErrorCode } from "../errors/codes";
import { assertWithinQuota, exceededQuota, isUnlimited, quotaLimitsFor } from "../policy/quota.policy";
import type { UsageRepository } from "../store/types";
import { createKeyedLock } from "./keyed-lock";
import { createRateBudget } from "./rate-limit";
import { connectSharedCounters } from "./redis";
import type { RedisObserver } from "./redis-health";
import type { GrantLimits } from "./types";

/** Longest an upload waits for the quota check of the viewer's earlier uploads to finish. */
const QUOTA_TURN_WAIT_MS = 5_000;

/** What the limits are built from. */
export interface GrantLimitsOptions {
  settings: LimitSettings;
  store: UsageRepository;
  now: () => Date;
  /** Redis trouble nobody awaits (a lost connection); requests fall back to per-instance counters meanwhile. */
  onBackgroundError: (error: Error) => void;
  /** Redis call latencies, failures and the fallback (metrics, one warning a minute). */
  redisObserver?: RedisObserver;
}

/** The limits, and how to release the Redis connection they may hold. */
export async function createGrantLimits({ settings, store, now, onBackgroundError, redisObserver }: GrantLimitsOptions): Promise<{
  limits: GrantLimits;
  close(): Promise<void>;
}> {
  const shared = settings.redis && (await connectSharedCounters(settings.redis, onBackgroundError, redisObserver));
  const uploads = createRateBudget(GrantKind.UPLOAD, settings.uploadsPerMinute, shared);
  const downloads = createRateBudget(GrantKind.DOWNLOAD, settings.downloadsPerMinute, shared);
  const linkAttempts = createRateBudget(
    { counter: "attempts:link", noun: "share-link requests" },
    settings.linkAttemptsPerMinute,
    shared,
  );
  // A viewer's uploads queue for the quota check; behind a stalled registry they give up after a
  // bounded wait (SERVICE_UNAVAILABLE, retryable) instead of each waiting out the stall in turn.
  const oneAtATime = createKeyedLock({
    maxWaitMs: QUOTA_TURN_WAIT_MS,
    onTimeout: () =>
      new AppError(ErrorCode.SERVICE_UNAVAILABLE, "too many uploads of yours are waiting for their quota check; try again", {
        retryable: true,
      }),
  });
  const limits: GrantLimits = {
    async admitUpload(viewer, size, issue) {
      await uploads.consume(viewer.id, 1);
      const quotas = quotaLimitsFor(viewer, settings.quotas);
      if (isUnlimited(quotas)) return issue();
      return oneAtATime(viewer.id, async () => {
        // The counters (one row) never fall below the exact usage, so what they admit the exact
        // usage admits; they may count uploads whose grant expired and that the reaper has not
        // settled yet, so a refusal is decided by the exact count (a scan of the viewer's objects).
        if (exceededQuota(await store.countedUsageOf(viewer.id), quotas, size)) {
          assertWithinQuota(await store.usageOf(viewer.id, now()), quotas, size);
        }
        return issue();
      });
    },
    consumeDownloads: (viewer, count) => downloads.consume(viewer.id, count),
    consumeLinkAttempt: (address) => linkAttempts.consume(address, 1),
    async usageOf(viewer) {
      const usage = await store.usageOf(viewer.id, now());
      const quotas = quotaLimitsFor(viewer, settings.quotas);
      return { ...usage, limits: { ...quotas, uploadsPerMinute: uploads.perMinute, downloadsPerMinute: downloads.perMinute } };
    },
  };
  return {
    limits,
    close: async () => {
      shared?.health.close();
      shared?.redis.disconnect();
    },
  };
}
