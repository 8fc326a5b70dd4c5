import { isDatabaseUnwritable } from "./errors";

/** Records items; each promise settles only after its items have committed. */
export type GroupCommit<T> = (items: readonly T[]) => Promise<void>;

interface Waiter<T> {
  items: readonly T[];
  resolve: () => void;
  reject: (e: unknown) => void;
}

/**
 * Group commit: one write at a time; items recorded while it runs (or during the same turn of
 * the event loop) gather and go out together as the next write, and every caller is answered
 * after the commit that carried its items. When a shared write fails, each caller's items are
 * written again on their own, so one bad item cannot fail its neighbours — unless the database
 * itself cannot write: then each retry would wait out the busy timeout again, one caller after
 * another (16 callers behind a held lock: the last answered after 93 s), so the batch fails together.
 */
export function createGroupCommit<T>(write: (items: readonly T[]) => Promise<unknown>): GroupCommit<T> {
  let pending: Waiter<T>[] = [];
  let busy = false;

  const settle = async (batch: Waiter<T>[]) => {
    try {
      await write(batch.length === 1 ? batch[0].items : batch.flatMap((w) => w.items));
      batch.forEach((w) => w.resolve());
    } catch (e) {
      if (batch.length === 1 || isDatabaseUnwritable(e)) return batch.forEach((w) => w.reject(e));
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
  };

  return (items) =>
    new Promise<void>((resolve, reject) => {
      if (items.length === 0) return resolve();
      pending.push({ items, resolve, reject });
      // The first item of an idle period waits one turn, so requests handled in this turn join it.
      if (!busy) {
        busy = true;
        setImmediate(() => void flush());
      }
    });
}
