import { isDatabaseUnwritable } from "./errors";

/**
 * Records items; each promise settles only after its items have committed, with what the write
 * said of each of them (one result per item, in order; none when the write returns nothing).
 */
export type GroupCommit<T, R = void> = (items: readonly T[]) => Promise<R[]>;

/** What a group commit reports of each write it makes; metrics listen here, so the store knows none. */
export type GroupCommitObserver<T, R = void> = (write: {
  items: readonly T[];
  /** What the write said of each item (one per item, in order; empty when it failed or said nothing). */
  results: readonly R[];
  /** Milliseconds the oldest caller in the write waited for it to start. */
  waitMs: number;
  writeMs: number;
  /** Set when the write failed (its callers are then retried one by one, each reported again). */
  error?: unknown;
}) => void;

interface Waiter<T, R> {
  items: readonly T[];
  since: number;
  resolve: (results: R[]) => void;
  reject: (e: unknown) => void;
}

/**
 * Group commit: one write at a time; items recorded while it runs (or during the same turn of
 * the event loop) gather and go out together as the next write, and every caller is answered
 * after the commit that carried its items. When a shared write fails, each caller's items are
 * written again on their own, so one bad item cannot fail its neighbours — unless the database
 * itself cannot write: then each retry would wait out the busy timeout again, one caller after
 * another (16 callers behind a held lock: the last answered after 93 s), so the batch fails
 * together, and so do the callers that queued behind it meanwhile: they would only wait out the
 * same lock again. A caller is thus answered within about two busy timeouts, however many wait.
 */
export function createGroupCommit<T, R = void>(
  write: (items: readonly T[]) => Promise<readonly R[] | void>,
  observe?: GroupCommitObserver<T, R>,
): GroupCommit<T, R> & { idle(): Promise<void> } {
  let pending: Waiter<T, R>[] = [];
  let busy = false;
  let idleWaiters: Array<() => void> = [];

  /** Writes a batch; returns the error when the database as a whole could not write. */
  const settle = async (batch: Waiter<T, R>[]): Promise<unknown> => {
    const items = batch.length === 1 ? batch[0].items : batch.flatMap((w) => w.items);
    const started = performance.now();
    const report = (results: readonly R[], error?: unknown) =>
      observe?.({
        items,
        results,
        waitMs: started - batch[0].since,
        writeMs: performance.now() - started,
        ...(error === undefined ? {} : { error }),
      });
    try {
      const results = (await write(items)) ?? [];
      report(results);
      let from = 0;
      for (const w of batch) w.resolve(results.slice(from, (from += w.items.length)));
    } catch (e) {
      report([], e);
      if (batch.length === 1 || isDatabaseUnwritable(e)) {
        batch.forEach((w) => w.reject(e));
        return isDatabaseUnwritable(e) ? e : undefined;
      }
      for (const w of batch) await settle([w]);
    }
    return undefined;
  };

  const flush = async () => {
    while (pending.length > 0) {
      const batch = pending;
      pending = [];
      const unwritable = await settle(batch);
      if (unwritable !== undefined) {
        const queued = pending;
        pending = [];
        queued.forEach((w) => w.reject(unwritable));
      }
    }
    busy = false;
    const waiters = idleWaiters;
    idleWaiters = [];
    waiters.forEach((w) => w());
  };

  const record: GroupCommit<T, R> = (items) =>
    new Promise<R[]>((resolve, reject) => {
      if (items.length === 0) return resolve([]);
      pending.push({ items, since: performance.now(), resolve, reject });
      // The first item of an idle period waits one turn, so requests handled in this turn join it.
      if (!busy) {
        busy = true;
        setImmediate(() => void flush());
      }
    });
  /** Resolves once nothing is queued or being written (shutdown waits here before closing the database). */
  const idle = () => (busy ? new Promise<void>((resolve) => idleWaiters.push(resolve)) : Promise.resolve());
  return Object.assign(record, { idle });
}
