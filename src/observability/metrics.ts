import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

const SECONDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const BATCH_ITEMS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000];

/** Valet's Prometheus metrics; docs/operations.md ("Metrics") lists them. */
export interface Metrics {
  /** The exposition text for a scrape, with its content type. */
  scrape(): Promise<{ contentType: string; body: string }>;
  /** One answered request: `operation` is a label fixed by the schema (root-fields.ts operationLabel), never the client's operation name. */
  requestAnswered(operation: string, outcome: string, seconds: number): void;
  /** Grants by kind, profile ("" for downloads) and outcome ("issued" or the refusal's error code). */
  grants(kind: string, profile: string, outcome: string, count?: number): void;
  /** One write of a group commit: how many items it carried, how long its oldest caller waited for it to start, how long it took. */
  groupCommitWrite(commit: string, items: number, waitSeconds: number, writeSeconds: number): void;
  /** One S3 call of the server's own; `errorCode` when it failed. */
  s3Call(operation: string, seconds: number, errorCode?: string): void;
  /** A registry call that failed (or an error no request saw: `background`). */
  registryError(operation: string): void;
  /** A request refused by a rate budget or an upload quota (limit-rejections.ts names it). */
  limitRejection(limit: string): void;
  /** One webhook delivery attempt: delivered (2xx), retried (to be tried again) or failed (given up), and how long it took. */
  webhookAttempt(result: "delivered" | "retried" | "failed", seconds: number): void;
  /** S3 event notification records by what became of them: settled, ignored; and pushes refused (unauthenticated, malformed). */
  s3Event(result: "settled" | "ignored" | "unauthenticated" | "malformed", count?: number): void;
  /** Where the age of the oldest event still waiting for a delivery is read, at each scrape. */
  watchOutbox(oldestPendingEvent: () => Promise<Date | null>): void;
}

/** A fresh registry per app, so tests and several apps in one process never share counts. */
export function createMetrics({ processMetrics = true }: { processMetrics?: boolean } = {}): Metrics {
  const registers = [new Registry()];
  const [registry] = registers;
  if (processMetrics) collectDefaultMetrics({ register: registry });
  const requestSeconds = new Histogram({
    name: "valet_http_request_duration_seconds",
    help: "Time from a request's arrival until its answer is out, by operation (its root fields) and outcome",
    labelNames: ["operation", "outcome"],
    buckets: SECONDS,
    registers,
  });
  const grants = new Counter({
    name: "valet_grants_total",
    help: "Upload and download grants by kind, profile and outcome (issued, or the refusal's error code)",
    labelNames: ["kind", "profile", "outcome"],
    registers,
  });
  const batchItems = new Histogram({
    name: "valet_group_commit_batch_items",
    help: "Grants carried by one group-commit write",
    labelNames: ["commit"],
    buckets: BATCH_ITEMS,
    registers,
  });
  const batchWait = new Histogram({
    name: "valet_group_commit_wait_seconds",
    help: "How long the oldest caller in a group-commit write waited for the write to start",
    labelNames: ["commit"],
    buckets: SECONDS,
    registers,
  });
  const batchWrite = new Histogram({
    name: "valet_group_commit_write_seconds",
    help: "How long one group-commit write took (commit and fsync included)",
    labelNames: ["commit"],
    buckets: SECONDS,
    registers,
  });
  const s3Seconds = new Histogram({
    name: "valet_s3_request_duration_seconds",
    help: "The server's own S3 calls (retries included) by operation",
    labelNames: ["operation"],
    buckets: SECONDS,
    registers,
  });
  const s3Errors = new Counter({
    name: "valet_s3_errors_total",
    help: "Failed S3 calls by operation and error code",
    labelNames: ["operation", "code"],
    registers,
  });
  const registryErrors = new Counter({
    name: "valet_registry_errors_total",
    help: "Failed registry calls by operation",
    labelNames: ["operation"],
    registers,
  });
  const limitRejections = new Counter({
    name: "valet_limit_rejections_total",
    help: "Refusals by a per-viewer limit: uploadsPerMinute, downloadsPerMinute (RATE_LIMITED) or a quota (QUOTA_EXCEEDED)",
    labelNames: ["limit"],
    registers,
  });
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
    scrape: async () => ({ contentType: registry.contentType, body: await registry.metrics() }),
    requestAnswered: (operation, outcome, seconds) => requestSeconds.observe({ operation, outcome }, seconds),
    grants: (kind, profile, outcome, count = 1) => grants.inc({ kind, profile, outcome }, count),
    groupCommitWrite(commit, items, waitSeconds, writeSeconds) {
      batchItems.observe({ commit }, items);
      batchWait.observe({ commit }, waitSeconds);
      batchWrite.observe({ commit }, writeSeconds);
    },
    s3Call(operation, seconds, errorCode) {
      s3Seconds.observe({ operation }, seconds);
      if (errorCode !== undefined) s3Errors.inc({ operation, code: errorCode });
    },
    registryError: (operation) => registryErrors.inc({ operation }),
    limitRejection: (limit) => limitRejections.inc({ limit }),
    webhookAttempt(result, seconds) {
      webhookAttempts.inc({ result });
      webhookSeconds.observe({ result }, seconds);
    },
    s3Event: (result, count = 1) => void (count > 0 && s3Events.inc({ result }, count)),
    watchOutbox: (read) => void (oldestPendingEvent = read),
  };
}
