import type { GrantRecord } from "../store/types";

/** Records download grants; each promise settles only after its rows have committed. */
export type RecordGrants = (grants: readonly GrantRecord[]) => Promise<void>;

interface Waiter {
  grants: readonly GrantRecord[];
  resolve: () => void;
  reject: (e: unknown) => void;
}

/**
 * Group commit: one write at a time; grants recorded while it runs (or during the same turn of
 * the event loop) gather and go out together as the next write, and every caller is answered
 * after the commit that carried its grants (or with its failure).
 */
export function createGroupCommit(write: (grants: readonly GrantRecord[]) => Promise<unknown>): RecordGrants {
  let pending: Waiter[] = [];
  let busy = false;

  const flush = async () => {
    busy = true;
    while (pending.length > 0) {
      const batch = pending;
      pending = [];
      try {
        await write(batch.flatMap((w) => w.grants));
        batch.forEach((w) => w.resolve());
      } catch (e) {
        batch.forEach((w) => w.reject(e));
      }
    }
    busy = false;
  };

  return (grants) =>
    new Promise<void>((resolve, reject) => {
      if (grants.length === 0) return resolve();
      pending.push({ grants, resolve, reject });
      // The first grant of an idle period waits one turn, so requests handled in this turn join it.
      if (!busy) {
        busy = true;
        setImmediate(() => void flush());
      }
    });
}
