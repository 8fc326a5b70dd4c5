import type { Logger } from "../logger";

/** One dependency /readyz checks; rejects (or outlasts the timeout) when it is down. */
export type ReadinessCheck = (signal: AbortSignal) => Promise<void>;

type State = "ok" | "down" | "timeout";

/** /readyz: runs every check with a timeout and answers 200, or 503 naming what is down. */
export function createReadiness(checks: Readonly<Record<string, ReadinessCheck>>, timeoutMs: number, logger: Logger) {
  const last = new Map<string, State>();
  const running = new Map<string, Promise<State>>();
  let draining = false;

  // One run per check at a time: probes that pile up during an outage must not take every
  // pooled connection; a probe that arrives meanwhile waits for the running one.
  const run = (name: string, check: ReadinessCheck) => {
    let pending = running.get(name);
    if (!pending) {
      pending = timed(check, timeoutMs).then((outcome) => {
        report(name, outcome);
        return outcome.state;
      });
      running.set(name, pending);
      void pending.finally(() => running.delete(name));
    }
    return pending;
  };

  // Logged when a check changes state, not on every probe.
  const report = (name: string, { state, error }: { state: State; error?: unknown }) => {
    const before = last.get(name);
    last.set(name, state);
    if (state === before) return;
    if (state === "ok") {
      if (before) logger.info("readiness check recovered", { check: name });
    } else logger.warn(`readiness check ${state}`, { check: name, timeoutMs, ...(error === undefined ? {} : { err: error }) });
  };

  return {
    /** From now on /readyz answers 503 (draining), so a load balancer sends nothing new. */
    drain: () => {
      draining = true;
    },
    route: async (): Promise<{ status: number; contentType: string; body: string }> => {
      const names = Object.keys(checks);
      const states = await Promise.all(names.map((name) => run(name, checks[name])));
      const results = Object.fromEntries(names.map((name, i) => [name, states[i]]));
      const down = names.filter((_, i) => states[i] !== "ok");
      if (draining) down.unshift("draining");
      const body = JSON.stringify({ ready: down.length === 0, ...(down.length ? { down } : {}), checks: results });
      return { status: down.length ? 503 : 200, contentType: "application/json", body };
    },
  };
}

async function timed(check: ReadinessCheck, timeoutMs: number): Promise<{ state: State; error?: unknown }> {
  const abort = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => {
      abort.abort();
      resolve("timeout");
    }, timeoutMs);
  });
  try {
    const outcome = await Promise.race([check(abort.signal).then(() => "ok" as const), timeout]);
    return { state: outcome };
  } catch (error) {
    return { state: "down", error };
  } finally {
    clearTimeout(timer);
  }
}
