import { ObjectState } from "../domain/model";
import { discardUpload } from "../grants/multipart.service";
import type { ServiceDeps } from "../services/deps";
import type { ObjectRecord } from "../store/types";
import { settleLanded } from "./settle-landed";
import { pruneDeliveredEvents, pruneExpiredGrants, STRAYS_MARK as STRAYS } from "./reaper-retention";
import { abortStaleMultipartUploads } from "./stale-multipart";

const BATCH = 100;

/**
 * Expires PENDING objects whose upload grant ran out more than the grace period ago — unless
 * their bytes are in the bucket: those a client sent but never completed (it crashed, or went
 * away) are verified as completeUpload would (settle-landed.ts) and end AVAILABLE or REJECTED,
 * never EXPIRED. An expired row is marked first, then whatever may have landed is deleted and an
 * open multipart upload aborted (S3 keeps its parts, and bills them, until someone does). Returns
 * the keys expired. The row moves first so that a completeUpload racing the reaper either wins
 * (and keeps its bytes) or loses cleanly; a failed delete leaves stray bytes, never an AVAILABLE
 * row without them.
 */
export async function reapAbandonedUploads(deps: ServiceDeps, signal?: AbortSignal): Promise<string[]> {
  const reaped: string[] = [];
  const graceMs = deps.config.reaper.graceSeconds * 1000;
  for (;;) {
    const now = deps.now();
    const batch = await deps.store.findReapable(now, graceMs, BATCH);
    for (const object of batch) {
      signal?.throwIfAborted();
      if (await settleLanded(deps, object)) continue;
      if (!(await deps.store.markExpired(object.key, now))) continue;
      await discardUpload(deps, object);
      reaped.push(object.key);
    }
    if (batch.length < BATCH) return reaped;
  }
}

/**
 * Removes what a presigned POST wrote after its object was settled — a form replayed after
 * completion, revocation or deletion. Once an upload grant has expired (plus the grace, for
 * clock skew) nothing more can land under it, so every version at its key goes except the one
 * an AVAILABLE object was verified as. Walks grants by expiry from where the last sweep ended.
 * Grants revoked, or whose object was deleted, are swept on every pass until then as well: their
 * form still works at S3, and what it stores there nobody owns or pays for (no row, no quota).
 * Returns how many versions it removed.
 */
export async function sweepStrayVersions(deps: ServiceDeps, signal?: AbortSignal): Promise<number> {
  const until = new Date(deps.now().getTime() - deps.config.reaper.graceSeconds * 1000);
  return (await sweepEndedUploads(deps, until, signal)) + (await sweepWithdrawnUploads(deps, until, signal));
}

async function sweepEndedUploads(deps: ServiceDeps, until: Date, signal?: AbortSignal): Promise<number> {
  let cursor = { expiresAt: (await deps.store.readMark(STRAYS)) ?? new Date(0), grantId: "" };
  let removed = 0;
  for (;;) {
    const batch = await deps.store.findEndedUploads(cursor, until, BATCH);
    for (const ended of batch) {
      signal?.throwIfAborted();
      const object = await deps.store.findObject(ended.key);
      if (object?.state === ObjectState.PENDING) {
        // Not settled yet (a completion racing the reaper): stop here and resume from it next time.
        await deps.store.writeMark(STRAYS, new Date(ended.expiresAt.getTime() - 1));
        return removed;
      }
      removed += await removeStrays(deps, ended.key, object);
    }
    if (batch.length < BATCH) break;
    cursor = batch[batch.length - 1];
  }
  await deps.store.writeMark(STRAYS, until);
  return removed;
}

// Those the walk above has not reached; a grant expiring exactly at `until` may be seen twice.
async function sweepWithdrawnUploads(deps: ServiceDeps, until: Date, signal?: AbortSignal): Promise<number> {
  let cursor = { expiresAt: until, grantId: "" };
  let removed = 0;
  for (;;) {
    const batch = await deps.store.findWithdrawnUploads(cursor, BATCH);
    for (const withdrawn of batch) {
      signal?.throwIfAborted();
      const object = await deps.store.findObject(withdrawn.key);
      // Revoking settles a PENDING upload first; one still PENDING is mid-race, left to the next pass.
      if (object?.state !== ObjectState.PENDING) removed += await removeStrays(deps, withdrawn.key, object);
    }
    if (batch.length < BATCH) return removed;
    cursor = batch[batch.length - 1];
  }
}

const removeStrays = (deps: ServiceDeps, key: string, object: ObjectRecord | null) =>
  deps.objects.removeVersions(key, {
    keep: object?.state === ObjectState.AVAILABLE ? (object.versionId ?? undefined) : undefined,
  });

/** What one reaper pass did; `skipped` when another instance's pass was under way. */
export interface ReaperPass {
  skipped: boolean;
  reaped: string[];
  strayVersions: number;
  staleMultipart: number;
  prunedGrants: number;
  droppedPartitions: number;
  /** Outbox events past their retention whose deliveries all succeeded. */
  prunedEvents: number;
}

/** The lock every instance's reaper takes: one pass at a time across the registry. */
export const REAPER_LOCK = "reaper";

/**
 * One reaper pass: abandoned uploads first (so their rows are settled), then stray versions, then
 * stale multipart uploads, then grant rows and delivered events past their retention. Instances sharing a registry
 * take turns (store.runExclusive): a pass that finds another under way does nothing, so no
 * object is reaped, no version listed and no row pruned twice. The pass stops (throwing the
 * reason) between one object, version sweep or batch and the next once `stop` aborts (shutdown)
 * or the lock is lost under it; what it left undone the next pass finds again.
 */
export async function runReaper(deps: ServiceDeps, stop?: AbortSignal): Promise<ReaperPass> {
  const pass = await deps.store.runExclusive(REAPER_LOCK, async (lost) => {
    const signal = stop ? AbortSignal.any([stop, lost]) : lost;
    const reaped = await reapAbandonedUploads(deps, signal);
    const strayVersions = await sweepStrayVersions(deps, signal);
    const staleMultipart = await abortStaleMultipartUploads(deps, signal);
    const pruned = await pruneExpiredGrants(deps, signal);
    const prunedEvents = await pruneDeliveredEvents(deps, signal);
    return {
      skipped: false,
      reaped,
      strayVersions,
      staleMultipart,
      prunedGrants: pruned.deleted,
      droppedPartitions: pruned.droppedPartitions,
      prunedEvents,
    };
  });
  return (
    pass ?? {
      skipped: true,
      reaped: [],
      strayVersions: 0,
      staleMultipart: 0,
      prunedGrants: 0,
      droppedPartitions: 0,
      prunedEvents: 0,
    }
  );
}

/**
 * Runs the reaper every interval, one pass at a time; failures (a lost lock among them) are logged
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
