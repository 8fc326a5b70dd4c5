import type { ServiceDeps } from "../services/deps";
import { PARTITIONS_AHEAD_MS } from "../store/grant-partitions";

/** The stray sweep's mark (reaper.ts): grants it has not walked yet must stay. */
export const STRAYS_MARK = "strays";

/**
 * Prunes grant rows expired longer ago than the retention, round by bounded round, and keeps the
 * partitions ahead ready. Never past the stray sweep's mark: it walks expired upload grants,
 * and one it has not seen yet may still have stray bytes to remove. Returns the rows deleted one
 * by one and the partitions dropped whole.
 */
export async function pruneExpiredGrants(
  deps: ServiceDeps,
  signal?: AbortSignal,
): Promise<{ deleted: number; droppedPartitions: number }> {
  const now = deps.now();
  await deps.store.prepareGrantPartitions(now, new Date(now.getTime() + PARTITIONS_AHEAD_MS));
  const { retentionSeconds, pruneBatch } = deps.config.reaper;
  const swept = (await deps.store.readMark(STRAYS_MARK))?.getTime() ?? 0;
  const before = new Date(Math.min(now.getTime() - retentionSeconds * 1000, swept));
  const total = { deleted: 0, droppedPartitions: 0 };
  for (;;) {
    signal?.throwIfAborted();
    const round = await deps.store.pruneGrants(before, pruneBatch);
    total.deleted += round.deleted;
    total.droppedPartitions += round.droppedPartitions;
    if (!round.more) return total;
  }
}

/**
 * Prunes outbox events that happened longer ago than the event retention and need nothing more:
 * every delivery succeeded (or none was due). Events with a PENDING delivery wait for it, and
 * those with a FAILED one stay for an admin to redeliver or read. Returns how many went.
 */
export async function pruneDeliveredEvents(deps: ServiceDeps, signal?: AbortSignal): Promise<number> {
  const { eventRetentionSeconds, pruneBatch } = deps.config.reaper;
  const before = new Date(deps.now().getTime() - eventRetentionSeconds * 1000);
  let deleted = 0;
  for (;;) {
    signal?.throwIfAborted();
    const round = await deps.store.pruneEvents(before, pruneBatch);
    deleted += round.deleted;
    if (!round.more) return deleted;
  }
}
