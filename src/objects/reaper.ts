import { discardUpload } from "../grants/multipart.service";
import type { ServiceDeps } from "../services/deps";
import { eachLimited } from "./each-limited";
import { pruneDeliveredEvents, pruneExpired } from "./reaper-retention";
import { sweepStrayVersions } from "./reaper-strays";
import { inspectLandedMany } from "./settle-landed";
import { abortStaleMultipartUploads } from "./stale-multipart";

export { sweepStrayVersions } from "./reaper-strays";

/**
 * Expires PENDING objects whose upload grant ran out more than the grace period ago — unless
 * their bytes are in the bucket: those a client sent but never completed (it crashed, or went
 * away) are verified as completeUpload would (settle-landed.ts) and end AVAILABLE or REJECTED,
 * never EXPIRED. An expired row is marked first, then whatever may have landed is deleted (unless
 * its key was just seen empty: nothing lands after the expiry and grace) and an open multipart
 * upload aborted (S3 keeps its parts, and bills them, until someone does). Returns the keys expired. The row moves first so that a completeUpload racing the reaper either wins
 * (and keeps its bytes) or loses cleanly; a failed delete leaves stray bytes, never an AVAILABLE
 * row without them. Every instance runs this at once: each claims its batches (for
 * `REAP_LEASE_SECONDS`, so a crashed instance's claim runs out), looks for landed bytes
 * `REAP_CONCURRENCY` objects at a time, expires the rest of the batch in one transaction, then
 * cleans their keys up `REAP_CONCURRENCY` at a time.
 */
export async function reapAbandonedUploads(deps: ServiceDeps, signal?: AbortSignal): Promise<string[]> {
  const reaped: string[] = [];
  const { graceSeconds, concurrency, leaseSeconds } = deps.config.reaper;
  // Big enough to keep every slot busy and commit many expiries at once, small enough that a
  // slow bucket still shows progress and a stop loses little.
  const batchSize = Math.min(500, 25 * concurrency);
  for (;;) {
    signal?.throwIfAborted();
    const now = deps.now();
    const claimUntil = new Date(now.getTime() + leaseSeconds * 1000);
    const batch = await deps.store.claimReapable(now, graceSeconds * 1000, claimUntil, batchSize);
    const landed = await inspectLandedMany(deps, batch, concurrency, signal);
    const unsettled = batch.filter((_, i) => !landed[i].settled);
    const empty = new Set(batch.filter((_, i) => landed[i].empty).map((o) => o.key));
    signal?.throwIfAborted();
    const expired = new Set(
      await deps.store.markExpiredMany(
        unsettled.map((o) => o.key),
        now,
      ),
    );
    const gone = unsettled.filter((o) => expired.has(o.key));
    // Rows already EXPIRED: a stop here leaves their bytes to the stray sweep, never a row to undo.
    const dirty = gone.filter((o) => !empty.has(o.key));
    await eachLimited(dirty, concurrency, (object) => discardUpload(deps, object), signal);
    reaped.push(...gone.map((o) => o.key));
    if (batch.length < batchSize) return reaped;
  }
}

/** What one reaper pass did; `skipped` when another instance held the sweep's lease (its share: see runReaper). */
export interface ReaperPass {
  skipped: boolean;
  reaped: string[];
  strayVersions: number;
  staleMultipart: number;
  prunedGrants: number;
  droppedPartitions: number;
  /** REJECTED, EXPIRED and ABORTED objects past the grant retention. */
  prunedObjects: number;
  /** Outbox events past their retention whose deliveries all succeeded. */
  prunedEvents: number;
}

/** The lease the stray sweep, the stale-multipart backstop and retention take: one holder at a time across the registry. */
export const REAPER_LOCK = "reaper";

/**
 * One reaper pass: abandoned uploads first (so their rows are settled) — on every instance at
 * once, each over the objects it claimed — then, by whichever instance holds the `reaper` lease
 * (store.runExclusive), stray versions, stale multipart uploads, and grant rows, terminal objects
 * and delivered events past their retention; an instance that finds the lease held skips that
 * half (`skipped`), so no version is listed and no row pruned twice. The pass stops (throwing the
 * reason) between one object, key or batch and the next once `stop` aborts (shutdown) or the
 * lease is lost under it; what it left undone the next pass finds again.
 */
export async function runReaper(deps: ServiceDeps, stop?: AbortSignal): Promise<ReaperPass> {
  const reaped = await reapAbandonedUploads(deps, stop);
  const exclusive = await deps.store.runExclusive(REAPER_LOCK, async (lost) => {
    const signal = stop ? AbortSignal.any([stop, lost]) : lost;
    const strayVersions = await sweepStrayVersions(deps, signal);
    const staleMultipart = await abortStaleMultipartUploads(deps, signal);
    const pruned = await pruneExpired(deps, signal);
    const prunedEvents = await pruneDeliveredEvents(deps, signal);
    return {
      strayVersions,
      staleMultipart,
      prunedGrants: pruned.deleted,
      droppedPartitions: pruned.droppedPartitions,
      prunedObjects: pruned.objects,
      prunedEvents,
    };
  });
  const none = { strayVersions: 0, staleMultipart: 0, prunedGrants: 0, droppedPartitions: 0, prunedObjects: 0, prunedEvents: 0 };
  return { skipped: exclusive === null, reaped, ...(exclusive ?? none) };
}

/**
 * Runs the reaper every interval, one pass at a time; failures (a lost lease among them) are logged
 * and retried at the next tick. The returned stop ends a pass under way at its next step and
 * resolves once it has (shutdown waits for that, not for the whole pass).
 */
export function scheduleReaper(deps: ServiceDeps, onError: (e: unknown) => void): () => Promise<void> {
  const seconds = deps.config.reaper.intervalSeconds;
  if (seconds <= 0) return async () => undefined;
  const stopping = new AbortController();
  let running: Promise<void> | undefined;
  const timer = setInterval(() => {
    running ??= runReaper(deps, stopping.signal)
      .then(
        () => undefined,
        (e: unknown) => void (stopping.signal.aborted || onError(e)),
      )
      .finally(() => (running = undefined));
  }, seconds * 1000);
  timer.unref();
  return async () => {
    clearInterval(timer);
    stopping.abort();
    await running;
  };
}
