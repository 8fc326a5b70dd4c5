import type { LimitSettings } from "../config/config";
import { GrantKind } from "../domain/model";
import type { QuotaUsage } from "../domain/quota";
import { assertWithinQuota, exceededQuota, isUnlimited, quotaLimitsFor } from "../policy/quota.policy";
import type { UsageRepository } from "../store/types";
import { createRateBudget } from "./rate-limit";
import { connectSharedCounters } from "./redis";
import type { RedisObserver } from "./redis-health";
import type { GrantLimits } from "./types";

const NO_USAGE: QuotaUsage = { outstandingUploads: 0, pendingBytes: 0, storedBytes: 0 };

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
  const limits: GrantLimits = {
    async admitUpload(viewer, size) {
      await uploads.consume(viewer.id, 1);
      const quotas = quotaLimitsFor(viewer, settings.quotas);
      if (isUnlimited(quotas)) return null;
      // An upload that no usage leaves room for is refused before anything is signed, with the
      // viewer's exact usage in the error; every other check happens as the grant is recorded.
      if (exceededQuota(NO_USAGE, quotas, size)) assertWithinQuota(await store.usageOf(viewer.id, now()), quotas, size);
      return quotas;
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
