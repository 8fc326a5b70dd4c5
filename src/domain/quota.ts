// The three things a viewer's upload quota bounds, named once: the quotas file, the policy, the
// store's usage query and the GraphQL `usage` field all use these names.

/** What an upload quota bounds, in the order a refusal is reported. */
export const QUOTA_NAMES = ["outstandingUploads", "pendingBytes", "storedBytes"] as const;
export type QuotaName = (typeof QUOTA_NAMES)[number];

/**
 * A viewer's current usage: upload grants still usable (PENDING, not expired), the sizes declared
 * for them, and the verified sizes of their AVAILABLE objects.
 */
export type QuotaUsage = Record<QuotaName, number>;

/** A limit per quota; null means unlimited. */
export type QuotaLimits = Record<QuotaName, number | null>;
