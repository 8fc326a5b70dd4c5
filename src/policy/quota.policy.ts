import type { Viewer } from "../auth/viewer";
import { DEFAULT_QUOTA_ROLE, type QuotaTable } from "../config/quotas.schema";
import { QUOTA_NAMES, type QuotaLimits, type QuotaName, type QuotaUsage } from "../domain/quota";
import { AppError } from "../errors/app-error";
import { ErrorCode } from "../errors/codes";

/** Which quota an upload would exceed, its limit, and the usage it is compared with (before the upload). */
export interface QuotaDenial {
  quota: QuotaName;
  limit: number;
  usage: number;
}

/** Per quota, the highest limit among `default` and the viewer's roles; null (unlimited) beats any number. */
export function quotaLimitsFor(viewer: Viewer, table: QuotaTable): QuotaLimits {
  const entries = [DEFAULT_QUOTA_ROLE, ...viewer.roles].flatMap((role) => table.get(role) ?? []);
  const highest = (quota: QuotaName) =>
    entries.reduce<number | null>(
      (max, limits) => (max === null || limits[quota] === null ? null : Math.max(max, limits[quota])),
      0,
    );
  // A table without `default` is refused at start-up; an empty list here would mean "nothing
  // allowed": `highest` of no entries is the initial 0.
  return {
    outstandingUploads: highest("outstandingUploads"),
    pendingBytes: highest("pendingBytes"),
    storedBytes: highest("storedBytes"),
  };
}

/** True when no quota limits this viewer, so there is nothing to count. */
export const isUnlimited = (limits: QuotaLimits) => QUOTA_NAMES.every((q) => limits[q] === null);

/**
 * The first quota one more upload of `size` bytes would exceed, or null. Stored bytes count what
 * is stored plus what is pending: every pending upload may still become stored, and completing
 * one is not checked again, so this is where the stored quota is kept.
 */
export function exceededQuota(usage: QuotaUsage, limits: QuotaLimits, size: number): QuotaDenial | null {
  const after: QuotaUsage = {
    outstandingUploads: usage.outstandingUploads + 1,
    pendingBytes: usage.pendingBytes + size,
    storedBytes: usage.storedBytes + usage.pendingBytes + size,
  };
  const before: QuotaUsage = { ...usage, storedBytes: usage.storedBytes + usage.pendingBytes };
  for (const quota of QUOTA_NAMES) {
    const limit = limits[quota];
    if (limit !== null && after[quota] > limit) return { quota, limit, usage: before[quota] };
  }
  return null;
}

/** Throws QUOTA_EXCEEDED (with quota, limit, usage and the requested size) if the upload may not be granted. */
export function assertWithinQuota(usage: QuotaUsage, limits: QuotaLimits, size: number): void {
  const denial = exceededQuota(usage, limits, size);
  if (!denial) return;
  const { quota, limit, usage: used } = denial;
  throw new AppError(ErrorCode.QUOTA_EXCEEDED, `this upload would exceed your ${quota} quota (${used} in use, limit ${limit})`, {
    ...denial,
    requested: size,
  });
}
