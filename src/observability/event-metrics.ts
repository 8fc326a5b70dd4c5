import { Counter, Gauge, Histogram, type Registry } from "prom-client";
import { SECONDS } from "./buckets";

/** Metrics of the outbox's webhook deliveries and of the S3 event notifications Valet receives. */
export interface EventMetrics {
  /** One webhook delivery attempt: delivered (2xx), retried (to be tried again) or failed (given up), and how long it took. */
  webhookAttempt(result: "delivered" | "retried" | "failed", seconds: number): void;
  /** S3 event notification records by what became of them: settled, ignored; and pushes refused (unauthenticated, malformed). */
  s3Event(result: "settled" | "ignored" | "unauthenticated" | "malformed", count?: number): void;
  /** Where the age of the oldest event still waiting for a delivery is read, at each scrape. */
  watchOutbox(oldestPendingEvent: () => Promise<Date | null>): void;
}

export function createEventMetrics(registers: Registry[]): EventMetrics {
  const webhookAttempts = new Counter({
    name: "valet_webhook_deliveries_total",
    help: "Webhook delivery attempts by result: delivered (2xx), retried (to be tried again), failed (retry window over)",
    labelNames: ["result"],
    registers,
  });
  const webhookSeconds = new Histogram({
    name: "valet_webhook_delivery_duration_seconds",
    help: "How long one webhook delivery attempt took, by result",
    labelNames: ["result"],
    buckets: SECONDS,
    registers,
  });
  const s3Events = new Counter({
    name: "valet_s3_events_total",
    help: "S3 event notifications: records settled or ignored, and pushes refused (unauthenticated, malformed)",
    labelNames: ["result"],
    registers,
  });
  let oldestPendingEvent: () => Promise<Date | null> = async () => null;
  new Gauge({
    name: "valet_webhook_oldest_pending_seconds",
    help: "Age of the oldest event still waiting for a webhook delivery (0: none waits)",
    registers,
    async collect() {
      // A registry that cannot answer leaves the last value rather than failing the whole scrape.
      const at = await oldestPendingEvent().catch(() => undefined);
      if (at !== undefined) this.set(at === null ? 0 : Math.max(0, (Date.now() - at.getTime()) / 1000));
    },
  });
  return {
    webhookAttempt(result, seconds) {
      webhookAttempts.inc({ result });
      webhookSeconds.observe({ result }, seconds);
    },
    s3Event: (result, count = 1) => void (count > 0 && s3Events.inc({ result }, count)),
    watchOutbox: (read) => void (oldestPendingEvent = read),
  };
}
