/** Runs `task` after every earlier task with the same key has settled; other keys do not wait. */
export type KeyedLock = <T>(key: string, task: () => Promise<T>) => Promise<T>;

/**
 * A lock per key, held in this process only; a key's entry is dropped when its last task settles.
 * A task that has waited `maxWaitMs` for its turn gives up with `onTimeout()`'s error instead of
 * running — behind a stalled task (a registry that cannot write) a queue would otherwise grow
 * one stall per waiter.
 */
export function createKeyedLock(options: { maxWaitMs?: number; onTimeout?: () => Error } = {}): KeyedLock {
  const tails = new Map<string, Promise<void>>();
  const { maxWaitMs = Infinity, onTimeout = () => new Error("timed out waiting for the lock") } = options;
  return async (key, task) => {
    const previous = tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const tail = previous.then(() => new Promise<void>((done) => (release = done)));
    tails.set(key, tail);
    const releaseWhenDue = () => {
      // `release` exists once `previous` has settled; the tail keeps later tasks in order either way.
      void previous.then(() => {
        release();
        if (tails.get(key) === tail) tails.delete(key);
      });
    };
    try {
      if (!(await settledWithin(previous, maxWaitMs))) throw onTimeout();
      return await task();
    } finally {
      releaseWhenDue();
    }
  };
}

async function settledWithin(promise: Promise<void>, ms: number): Promise<boolean> {
  if (ms === Infinity) return promise.then(() => true);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
