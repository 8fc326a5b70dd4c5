import { createRateBudget } from "../../src/limits/rate-limit";
import { connectSharedCounters } from "../../src/limits/redis";
import type { RedisOutcome } from "../../src/limits/redis-health";
import { createMetrics } from "../../src/observability/metrics";
import { freezableRedisProxy, uniquePrefix } from "../support/redis";

// A Redis that accepts connections and stops answering (a paused process, a half-open connection)
// would cost every grant the whole REDIS_TIMEOUT_MS. After a few timeouts in a row the limiter
// stops asking it, and a probe brings it back once it answers.
describe("the rate limits' Redis stalls after connecting", () => {
  it("falls back after REDIS_TIMEOUTS_BEFORE_FALLBACK timeouts, stops asking Redis, says so in metrics and one warning, and recovers", async () => {
    const proxy = await freezableRedisProxy();
    const metrics = createMetrics({ processMetrics: false });
    const calls: Array<{ command: string; outcome: RedisOutcome }> = [];
    const warnings: Array<Record<string, unknown>> = [];
    const shared = await connectSharedCounters(
      { url: proxy.url, keyPrefix: uniquePrefix(), timeoutMs: 200, timeoutsBeforeFallback: 3 },
      () => undefined,
      {
        command: (command, seconds, outcome) => (
          calls.push({ command, outcome }),
          metrics.redisCommand(command, seconds, outcome)
        ),
        fallback: metrics.redisFallback,
        warn: (_message, fields) => warnings.push(fields),
      },
    );
    const budget = createRateBudget("upload", 1000, shared);
    const consumes = () => calls.filter((c) => c.command === "consume").map((c) => c.outcome);
    const scrape = async () => (await metrics.scrape()).body;
    try {
      await budget.consume("alice", 1);
      await budget.consume("alice", 1);
      expect(consumes()).toEqual(["ok", "ok"]);

      proxy.freeze();
      // Each of these waits out the timeout, and is still granted (fail open)…
      for (let i = 0; i < 3; i++) await expect(budget.consume("alice", 1)).resolves.toBeUndefined();
      expect(consumes()).toEqual(["ok", "ok", "timeout", "timeout", "timeout"]);
      expect(shared.health.fallingBack).toBe(true);
      // …and from then on grants do not ask Redis at all.
      for (let i = 0; i < 20; i++) await expect(budget.consume("alice", 1)).resolves.toBeUndefined();
      expect(consumes()).toHaveLength(5);
      expect(warnings).toEqual([{ timeouts: 1, consecutive: 1 }]);
      expect(await scrape()).toMatch(/^valet_redis_fallback 1$/m);
      expect(await scrape()).toMatch(/^valet_redis_errors_total\{command="consume",reason="timeout"\} 3$/m);

      proxy.thaw();
      for (const until = Date.now() + 15_000; shared.health.fallingBack && Date.now() < until;)
        await new Promise((r) => setTimeout(r, 50));
      expect(shared.health.fallingBack).toBe(false);
      await budget.consume("alice", 1);
      expect(consumes().at(-1)).toBe("ok");
      expect(consumes()).toHaveLength(6);
      expect(await scrape()).toMatch(/^valet_redis_fallback 0$/m);
      expect(await scrape()).toMatch(/^valet_redis_command_duration_seconds_count\{command="ping"\} [1-9]/m);
    } finally {
      shared.health.close();
      shared.redis.disconnect();
      await proxy.close();
    }
  }, 30_000);
});
