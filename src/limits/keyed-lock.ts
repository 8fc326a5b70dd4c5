/** Runs `task` after every earlier task with the same key has settled; other keys do not wait. */
export type KeyedLock = <T>(key: string, task: () => Promise<T>) => Promise<T>;

/** A lock per key, held in this process only; a key's entry is dropped when its last task settles. */
export function createKeyedLock(): KeyedLock {
  const tails = new Map<string, Promise<void>>();
  return async (key, task) => {
    const previous = tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const tail = previous.then(() => new Promise<void>((done) => (release = done)));
    tails.set(key, tail);
    try {
      await previous;
      return await task();
    } finally {
      // `release` is set once `previous` has settled, which the await above guarantees.
      release();
      if (tails.get(key) === tail) tails.delete(key);
    }
  };
}
