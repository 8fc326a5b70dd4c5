import { useCallback, useEffect, useState } from "react";
import { ValetError } from "../errors.js";

export interface QueryState<T> {
  data: T | null;
  loading: boolean;
  error: ValetError | null;
  /** Asks again. */
  refresh: () => void;
}

/** Runs `load` on mount and whenever `deps` change; a newer run wins over an older one. */
export function useValetQuery<T>(load: (signal: AbortSignal) => Promise<T>, deps: readonly unknown[]): QueryState<T> {
  const [runs, setRuns] = useState(0);
  const [state, setState] = useState<Omit<QueryState<T>, "refresh">>({ data: null, loading: true, error: null });
  useEffect(() => {
    const controller = new AbortController();
    setState((s) => ({ ...s, loading: true }));
    load(controller.signal).then(
      (data) => controller.signal.aborted || setState({ data, loading: false, error: null }),
      (e: unknown) =>
        controller.signal.aborted ||
        setState((s) => ({
          ...s,
          loading: false,
          error: e instanceof ValetError ? e : new ValetError("BAD_RESPONSE", String(e)),
        })),
    );
    return () => controller.abort();
    // The caller names what `load` depends on, as with useEffect itself.
  }, [runs, ...deps]);
  const refresh = useCallback(() => setRuns((n) => n + 1), []);
  return { ...state, refresh };
}
