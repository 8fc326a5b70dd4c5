/** Whether the platform has a network, and word when that changes. */
export interface NetworkStatus {
  online(): boolean;
  /** Calls `changed` on every online/offline event; returns the unsubscribe. */
  subscribe(changed: () => void): () => void;
}

interface EventSource {
  addEventListener(type: string, listener: () => void): void;
  removeEventListener(type: string, listener: () => void): void;
}

/** navigator.onLine and window's online/offline events where there are (browsers); elsewhere always online. */
export function browserNetwork(): NetworkStatus {
  const g = globalThis as { navigator?: { onLine?: boolean }; addEventListener?: unknown };
  const events = typeof g.addEventListener === "function" ? (globalThis as unknown as EventSource) : null;
  return {
    online: () => g.navigator?.onLine !== false,
    subscribe(changed) {
      events?.addEventListener("online", changed);
      events?.addEventListener("offline", changed);
      return () => {
        events?.removeEventListener("online", changed);
        events?.removeEventListener("offline", changed);
      };
    },
  };
}

/** Promises that wait until a condition holds, re-checked whenever wake() is called. */
export function createWaiters() {
  const waiting = new Set<() => void>();
  return {
    wake: () => [...waiting].forEach((w) => w()),
    async until(condition: () => boolean, signal: AbortSignal | undefined, aborted: () => Error): Promise<void> {
      while (!condition()) {
        if (signal?.aborted) throw aborted();
        await new Promise<void>((resolve) => {
          const done = () => (waiting.delete(done), signal?.removeEventListener("abort", done), resolve());
          waiting.add(done);
          signal?.addEventListener("abort", done, { once: true });
        });
      }
      if (signal?.aborted) throw aborted();
    },
  };
}
