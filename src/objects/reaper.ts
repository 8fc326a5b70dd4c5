import type { ServiceDeps } from "../services/deps";

const BATCH = 100;

/**
 * Expires PENDING objects whose upload grant ran out more than the grace period ago: marks the
 * row EXPIRED, then deletes whatever may have landed in the bucket. Returns the keys reaped.
 * The row moves first so that a completeUpload racing the reaper either wins (and keeps its
 * bytes) or loses cleanly; a failed delete leaves stray bytes, never an AVAILABLE row without them.
 */
export async function reapAbandonedUploads(deps: ServiceDeps): Promise<string[]> {
  const reaped: string[] = [];
  const graceMs = deps.config.reaper.graceSeconds * 1000;
  for (;;) {
    const now = deps.now();
    const batch = await deps.store.findReapable(now, graceMs, BATCH);
    for (const object of batch) {
      if (!(await deps.store.markExpired(object.key, now))) continue;
      await deps.objects.remove(object.key);
      reaped.push(object.key);
    }
    if (batch.length < BATCH) return reaped;
  }
}

/** Runs the reaper every interval; failures are logged and retried at the next tick. */
export function scheduleReaper(deps: ServiceDeps, onError: (e: unknown) => void): () => void {
  const seconds = deps.config.reaper.intervalSeconds;
  if (seconds <= 0) return () => undefined;
  const timer = setInterval(() => reapAbandonedUploads(deps).catch(onError), seconds * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
