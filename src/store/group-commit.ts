/** Records items; each promise settles only after its items have committed. */
export type GroupCommit<T> = (items: readonly T[]) => Promise<void>;

/** What a group commit reports of each write it makes; metrics listen here, so the store knows none. */
export type GroupCommitObserver<T> = (write: {
  items: readonly T[];
  /** Milliseconds the oldest caller in the write waited for it to start. */
  waitMs: number;
  writeMs: number;
  /** Set when the write failed (its callers are then retried one by one, each reported again). */
  error?: unknown;
}) => void;

interface Waiter<T> {
  items: readonly T[];
  since: number;
  resolve: () => void;
  reject: (e: unknown) => void;
}

/**
 * Group commit: one write at a time; items recorded while it runs (or during the same turn of
 * the event loop) gather and go out together as the next write, and every caller is answered
 * after the commit that carried its items. When a shared write fails, each caller's items are
 * written again on their own, so one bad item cannot fail its neighbours.
 */
export function createGroupCommit<T>(
  write: (items: readonly T[]) => Promise<unknown>,
  observe?: GroupCommitObserver<T>,
): GroupCommit<T> & { idle(): Promise<void> } {
  let pending: Waiter<T>[] = [];
  let busy = false;
  let idleWaiters: Array<() => void> = [];

  const settle = async (batch: Waiter<T>[]) => {
    const items = batch.length === 1 ? batch[0].items : batch.flatMap((w) => w.items);
    const started = performance.now();
    const report = (error?: unknown) =>
      observe?.({ items, waitMs: started - batch[0].since, writeMs: performance.now() - started, ...(error === undefined ? {} : { error }) });
    try {
      await write(items);
      report();
      batch.forEach((w) => w.resolve());
    } catch (e) {
      report(e);
      if (batch.length === 1) return batch[0].reject(e);
      for (const w of batch) await settle([w]);
    }
  };

  const flush = async () => {
    while (pending.length > 0) {
      const batch = pending;
      pending = [];
      await settle(batch);
    }
    busy = false;
    const waiters = idleWaiters;
    idleWaiters = [];
    waiters.forEach((w) => w());
  };

  const record: GroupCommit<T> = (items) =>
    new Promise<void>((resolve, reject) => {
      if (items.length === 0) return resolve();
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
