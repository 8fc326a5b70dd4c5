import { z } from "zod";
import type { QuotaLimits } from "../domain/quota";

const limit = z.number().int().min(0).nullable();

const quotaLimitsSchema = z.strictObject({
  /** Upload grants not yet completed and not yet expired. */
  outstandingUploads: limit,
  /** Sum of the sizes declared for those grants. */
  pendingBytes: limit,
  /** Sum of the verified sizes of AVAILABLE objects. */
  storedBytes: limit,
}) satisfies z.ZodType<QuotaLimits>;

/** The key of the quotas every viewer has. */
export const DEFAULT_QUOTA_ROLE = "default";

/** Quotas by role name; `default` applies to every viewer, and each role may raise any limit. */
export const quotasSchema = z
  .record(z.string().min(1), quotaLimitsSchema)
  .refine((r) => DEFAULT_QUOTA_ROLE in r, `declare a \`${DEFAULT_QUOTA_ROLE}\` entry: it applies to every viewer`);

/** Role name (or `default`) → limits; a viewer gets, per quota, the highest among `default` and its roles. */
export type QuotaTable = ReadonlyMap<string, QuotaLimits>;
