import { ObjectState } from "../domain/model";
import type { ServiceDeps } from "../services/deps";
import type { ObjectRecord } from "../store/types";
import { eachLimited } from "./each-limited";

/** The stray sweep's mark: every upload grant that expired at or before it has been swept. */
export const STRAYS_MARK = "strays";

const BATCH = 100;

/**
 * Removes what a presigned POST wrote after its object was settled — a form replayed after
 * completion, revocation or deletion. Once an upload grant has expired (plus the grace, for
 * clock skew) nothing more can land under it, so every version at its key goes except the one
 * an AVAILABLE object was verified as. Walks grants by expiry from where the last sweep ended,
 * up to `REAP_CONCURRENCY` keys at once. Grants revoked, or whose object was deleted, are swept on
 * every pass until then as well: their form still works at S3, and what it stores there nobody
 * owns or pays for (no row, no quota). Returns how many versions it removed.
 */
export async function sweepStrayVersions(deps: ServiceDeps, signal?: AbortSignal): Promise<number> {
  const until = new Date(deps.now().getTime() - deps.config.reaper.graceSeconds * 1000);
  return (await sweepEndedUploads(deps, until, signal)) + (await sweepWithdrawnUploads(deps, until, signal));
}

async function sweepEndedUploads(deps: ServiceDeps, until: Date, signal?: AbortSignal): Promise<number> {
  let cursor = { expiresAt: (await deps.store.readMark(STRAYS_MARK)) ?? new Date(0), grantId: "" };
  let removed = 0;
  for (;;) {
    const batch = await deps.store.findEndedUploads(cursor, until, BATCH);
    const objects = await deps.store.findObjects(batch.map((e) => e.key));
    // Not settled yet (a completion racing the reaper, or another instance's claim): stop before it.
    const pending = batch.findIndex((e) => objects.get(e.key)?.state === ObjectState.PENDING);
    const ready = pending < 0 ? batch : batch.slice(0, pending);
    const counts = await eachLimited(
      ready,
      deps.config.reaper.concurrency,
      (e) => removeStrays(deps, e.key, objects.get(e.key) ?? null),
      signal,
    );
    removed += counts.reduce((a, b) => a + b, 0);
    if (pending >= 0) {
      // Resume from it next time (the mark never moves back: sweeps.repo.ts).
      await deps.store.writeMark(STRAYS_MARK, new Date(batch[pending].expiresAt.getTime() - 1));
      return removed;
    }
    if (batch.length < BATCH) break;
    cursor = batch[batch.length - 1];
    // Grants expiring at the cursor's instant may follow in the next batch: the mark stops short of it.
    await deps.store.writeMark(STRAYS_MARK, new Date(cursor.expiresAt.getTime() - 1));
  }
  await deps.store.writeMark(STRAYS_MARK, until);
  return removed;
}

// Those the walk above has not reached; a grant expiring exactly at `until` may be seen twice.
async function sweepWithdrawnUploads(deps: ServiceDeps, until: Date, signal?: AbortSignal): Promise<number> {
  return sweepWithdrawnAfter(deps, { expiresAt: until, grantId: "" }, null, signal);
}

/**
 * Sweeps the revoked or object-less upload grants after `cursor` in (expiry, id) order — those
 * that expired before `before` only, when given — skipping one still PENDING (mid-race, left to
 * the next pass). Returns how many versions it removed.
 */
export async function sweepWithdrawnAfter(
  deps: ServiceDeps,
  cursor: { expiresAt: Date; grantId: string },
  before: Date | null,
  signal?: AbortSignal,
): Promise<number> {
  let removed = 0;
  for (;;) {
    const page = await deps.store.findWithdrawnUploads(cursor, BATCH);
    const batch = before ? page.filter((w) => w.expiresAt < before) : page;
    const objects = await deps.store.findObjects(batch.map((w) => w.key));
    // Revoking settles a PENDING upload first; one still PENDING is mid-race, left to the next pass.
    const settled = batch.filter((w) => objects.get(w.key)?.state !== ObjectState.PENDING);
    const counts = await eachLimited(
      settled,
      deps.config.reaper.concurrency,
      (w) => removeStrays(deps, w.key, objects.get(w.key) ?? null),
      signal,
    );
    removed += counts.reduce((a, b) => a + b, 0);
    if (page.length < BATCH || batch.length < page.length) return removed;
    cursor = page[page.length - 1];
  }
}

const removeStrays = (deps: ServiceDeps, key: string, object: ObjectRecord | null) =>
  deps.objects.removeVersions(key, {
    keep: object?.state === ObjectState.AVAILABLE ? (object.versionId ?? undefined) : undefined,
  });
