import { createEventMetrics, type EventMetrics } from "./event-metrics";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import { SECONDS } from "./buckets";

const BATCH_ITEMS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000];

/** Valet's Prometheus metrics; docs/operations.md ("Metrics") lists them. */
export interface Metrics extends EventMetrics {
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
  /** One call to the rate limits' Redis: `outcome` ok, timeout or error. */
  redisCommand(command: string, seconds: number, outcome: string): void;
  /** Whether grants count in this instance's memory without asking a stalled Redis. */
  redisFallback(active: boolean): void;
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
  const redisSeconds = new Histogram({
    name: "valet_redis_command_duration_seconds",
    help: "Calls to the rate limits' Redis by command (consume, ping), failed ones included",
    labelNames: ["command"],
    buckets: SECONDS,
    registers,
  });
  const redisErrors = new Counter({
    name: "valet_redis_errors_total",
    help: "Failed calls to the rate limits' Redis by command and reason (timeout, error)",
    labelNames: ["command", "reason"],
    registers,
  });
  const redisFallback = new Gauge({
    name: "valet_redis_fallback",
    help: "1 while Redis timed out too often and rate limits count per instance without asking it; 0 otherwise",
    registers,
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
    ...createEventMetrics(registers),
    redisCommand(command, seconds, outcome) {
      redisSeconds.observe({ command }, seconds);
      if (outcome !== "ok") redisErrors.inc({ command, reason: outcome });
    },
    redisFallback: (active) => redisFallback.set(active ? 1 : 0),
  };
}
