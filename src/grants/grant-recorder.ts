import type { GrantRecord } from "../store/types";

/** Records download grants; each promise settles only after its rows have committed. */
export type RecordGrants = (grants: readonly GrantRecord[]) => Promise<void>;

/**
 * Group commit: grants recorded by concurrent requests during one turn of the event loop are
 * written in one transaction, and every caller is answered after that commit (or its failure).
 * While a batch is being written, new grants gather for the next one.
 */
export function createGroupCommit(write: (grants: readonly GrantRecord[]) => Promise<unknown>): RecordGrants {
  let pending: Array<{ grants: readonly GrantRecord[]; resolve: () => void; reject: (e: unknown) => void }> = [];
  let scheduled = false;
  let writing: Promise<void> = Promise.resolve();

  const flush = () => {
    scheduled = false;
    const batch = pending;
    pending = [];
    writing = writing.then(async () => {
      try {
        await write(batch.flatMap((b) => b.grants));
        batch.forEach((b) => b.resolve());
      } catch (e) {
        batch.forEach((b) => b.reject(e));
      }
    });
  };

  return (grants) =>
    new Promise<void>((resolve, reject) => {
      if (grants.length === 0) return resolve();
      pending.push({ grants, resolve, reject });
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    });
}
