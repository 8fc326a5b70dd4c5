/** What a Redis call came to; a rate refusal is an answer, so it is `ok`. */
export type RedisOutcome = "ok" | "timeout" | "error";

/** Where Redis health goes: metrics, and an operator's log. */
export interface RedisObserver {
  command(command: string, seconds: number, outcome: RedisOutcome): void;
  /** True while grants count in this instance's memory without asking Redis. */
  fallback(active: boolean): void;
  warn(message: string, fields: Record<string, unknown>): void;
}

/** How the health is judged. */
export interface RedisHealthOptions {
  /** Consecutive timeouts after which Redis is not asked until a probe answers. */
  timeoutsBeforeFallback: number;
  /** One PING (bounded by the client's command timeout); rejects when Redis does not answer. */
  probe: () => Promise<unknown>;
  /** After a failed probe: drop the connection and open another (a stalled one may be half-open). */
  reconnect: () => void;
  probeEveryMs: number;
  observer?: RedisObserver;
}

const WARN_EVERY_MS = 60_000;

export type RedisHealth = ReturnType<typeof createRedisHealth>;

/**
 * A Redis that accepts connections and never answers costs every grant the whole command
 * timeout. After `timeoutsBeforeFallback` timeouts in a row the limiter stops asking it and
 * counts in memory; a probe asks every `probeEveryMs` and the first answer ends the fallback.
 * Timeouts are logged at most once a minute, with how many there were.
 */
export function createRedisHealth({ timeoutsBeforeFallback, probe, reconnect, probeEveryMs, observer }: RedisHealthOptions) {
  let consecutive = 0;
  let fallingBack = false;
  let unreported = 0;
  let warnedAt = -Infinity;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const record = (command: string, seconds: number, outcome: RedisOutcome) => {
    observer?.command(command, seconds, outcome);
    if (outcome !== "timeout") {
      if (outcome === "ok") consecutive = 0;
      return;
    }
    consecutive++;
    unreported++;
    if (Date.now() - warnedAt >= WARN_EVERY_MS) {
      warnedAt = Date.now();
      observer?.warn("Redis did not answer in time; rate limits count per instance meanwhile", {
        timeouts: unreported,
        consecutive,
      });
      unreported = 0;
    }
    if (!fallingBack && consecutive >= timeoutsBeforeFallback) {
      fallingBack = true;
      observer?.fallback(true);
      schedule();
    }
  };

  const schedule = () => {
    if (closed) return;
    timer = setTimeout(() => void check(), probeEveryMs);
    timer.unref();
  };
  const check = async () => {
    const started = performance.now();
    try {
      await probe();
      record("ping", (performance.now() - started) / 1000, "ok");
      fallingBack = false;
      observer?.fallback(false);
    } catch (error) {
      record("ping", (performance.now() - started) / 1000, isTimeout(error) ? "timeout" : "error");
      reconnect();
      schedule();
    }
  };

  return {
    /** True while Redis is not asked (the limiter counts in memory). */
    get fallingBack() {
      return fallingBack;
    },
    /** Runs one Redis call, timed; `isAnswer` tells an error that is Redis's answer (a refusal) from a failure. */
    async run<T>(command: string, call: () => Promise<T>, isAnswer: (error: unknown) => boolean): Promise<T> {
      const started = performance.now();
      const seconds = () => (performance.now() - started) / 1000;
      try {
        const result = await call();
        record(command, seconds(), "ok");
        return result;
      } catch (error) {
        record(command, seconds(), isAnswer(error) ? "ok" : isTimeout(error) ? "timeout" : "error");
        throw error;
      }
    },
    close() {
      closed = true;
      clearTimeout(timer);
    },
  };
}

// ioredis rejects a command that outlives `commandTimeout` with exactly this message (Command.js).
const isTimeout = (error: unknown) => error instanceof Error && error.message === "Command timed out";
