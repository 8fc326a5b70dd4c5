import type { ServiceDeps } from "../services/deps";
import { PARTITIONS_AHEAD_MS } from "../store/grant-partitions";
import { STRAYS_MARK, sweepWithdrawnAfter } from "./reaper-strays";

/** What retention pruned in one pass. */
export interface Pruned {
  /** Grant rows and share links deleted one by one. */
  deleted: number;
  droppedPartitions: number;
  /** REJECTED, EXPIRED and ABORTED objects. */
  objects: number;
}

/**
 * Prunes, round by bounded round, terminal objects (REJECTED, EXPIRED, ABORTED) last changed,
 * and grant rows expired, longer ago than the retention, and keeps the partitions ahead ready.
 * An upload grant is the stray sweep's only record that its key may hold stray bytes, so none goes
 * before its key was swept after it expired (plus the grace: nothing lands under it after that).
 * Those the sweep has not reached yet (it lags, or waits on an upload still PENDING) are swept
 * here first, so pruning never waits for the sweep's mark. Returns what went.
 */
export async function pruneExpired(deps: ServiceDeps, signal?: AbortSignal): Promise<Pruned> {
  const now = deps.now();
  await deps.store.prepareGrantPartitions(now, new Date(now.getTime() + PARTITIONS_AHEAD_MS));
  const { retentionSeconds, graceSeconds, pruneBatch } = deps.config.reaper;
  const before = new Date(now.getTime() - Math.max(retentionSeconds, graceSeconds) * 1000);
  const total: Pruned = { deleted: 0, droppedPartitions: 0, objects: 0 };
  for (let more = true; more;) {
    signal?.throwIfAborted();
    const round = await deps.store.pruneTerminalObjects(before, pruneBatch);
    total.objects += round;
    more = round >= pruneBatch;
  }
  const swept = (await deps.store.readMark(STRAYS_MARK)) ?? new Date(0);
  if (swept < before) await sweepWithdrawnAfter(deps, { expiresAt: swept, grantId: "" }, before, signal);
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
