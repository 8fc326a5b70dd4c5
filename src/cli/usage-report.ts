import { QUOTA_NAMES } from "../domain/quota";
import type { UsageRepository } from "../store/types";

/** What `npm run usage:repair` found and did: drifted owners, and whether their counters were repaired. */
export interface UsageRepairOutcome {
  drifted: number;
  repaired: boolean;
  /** The report, one line per drifted owner and quota. */
  lines: string[];
}

/**
 * Recounts every owner's usage from its objects and compares it with the counters; unless `check`,
 * moves each drifted owner's counters by the difference. Safe while the service runs: the drift
 * is measured in one snapshot, and moves committed since then keep it as it was.
 */
export async function repairUsageCounters(store: UsageRepository, { check }: { check: boolean }): Promise<UsageRepairOutcome> {
  const drift = await store.findUsageDrift();
  const lines = drift.flatMap(({ ownerId, counted, recounted }) =>
    QUOTA_NAMES.filter((q) => counted[q] !== recounted[q]).map(
      (q) => `${JSON.stringify(ownerId)} ${q}: counted ${counted[q]}, objects say ${recounted[q]}`,
    ),
  );
  const repaired = !check && drift.length > 0;
  if (repaired) await store.repairUsage(drift);
  const verdict =
    drift.length === 0
      ? "usage counters agree with the objects"
      : `${drift.length} owner(s) drifted${repaired ? "; counters repaired" : check ? " (--check: nothing written)" : ""}`;
  return { drifted: drift.length, repaired, lines: [...lines, verdict] };
}
