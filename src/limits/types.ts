import type { Viewer } from "../auth/viewer";
import type { QuotaLimits, QuotaUsage } from "../domain/quota";

/** A viewer's limits: its quotas, and its grant budgets per minute (null: unlimited). */
export interface ViewerLimits extends QuotaLimits {
  uploadsPerMinute: number | null;
  downloadsPerMinute: number | null;
}

/** What a viewer uses of its quotas, and what it may use. */
export interface ViewerUsage extends QuotaUsage {
  limits: ViewerLimits;
}

/** Bounds on grant issuance: rate limits per viewer and kind, upload quotas, and share-link attempts per client address. */
export interface GrantLimits {
  /**
   * Takes one upload from the viewer's rate budget and answers the quotas its record must stay
   * within (null: none limits the viewer); the check itself happens as the grant is recorded
   * (grants/record-upload.ts). Throws RATE_LIMITED, or QUOTA_EXCEEDED when an upload of `size`
   * bytes would exceed a quota whatever the viewer's usage.
   */
  admitUpload(viewer: Viewer, size: number): Promise<QuotaLimits | null>;
  /** Takes `count` downloads from the viewer's rate budget; RATE_LIMITED when it would run out. */
  consumeDownloads(viewer: Viewer, count: number): Promise<void>;
  /** Takes one share-link request from the client address's budget (http/client-address.ts); RATE_LIMITED when spent. */
  consumeLinkAttempt(address: string): Promise<void>;
  /** The viewer's usage now, with its limits. */
  usageOf(viewer: Viewer): Promise<ViewerUsage>;
}
