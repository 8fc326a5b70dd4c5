import "reflect-metadata";
import type { AddressInfo } from "node:net";
import { createApp, type App } from "./app";
import { ConfigError, loadConfig } from "./config/config";
import { bucketCorsOrigins, corsPolicyOf } from "./http/cors";
import { scheduleReaper } from "./objects/reaper";
import { createLogger, type AppLogger } from "./observability/logger";
import { BucketNotVersionedError } from "./storage/bucket";
import { createStorage } from "./storage/storage";

// Read config once → build the app → listen → drain on SIGTERM.
async function main() {
  const config = loadConfig();
  const storage = createStorage(config.s3);
  try {
    if (config.s3.ensureBucket) await storage.ensureBucket(bucketCorsOrigins(corsPolicyOf(config.http)));
    await storage.requireVersioning();
  } finally {
    storage.close();
  }
  const logger = createLogger({ level: config.logLevel, format: config.logFormat });
  const app = await createApp(config, { logger });
  const stopReaper = scheduleReaper(app.services, (e) => logger.error("reaper failed", e));
  await new Promise<void>((resolve) => app.httpServer.listen(config.http.port, config.http.host, resolve));
  if (app.metricsServer)
    await new Promise<void>((resolve) => app.metricsServer!.listen(config.ops.metricsPort, config.http.host, resolve));
  const { port } = app.httpServer.address() as AddressInfo;
  await app.pushS3Events(port);
  logger.info("valet listening", { url: `http://localhost:${port}/graphql`, port, env: config.env });
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    // A repeated SIGTERM changes nothing; a second Ctrl-C does not wait for the drain.
    if (stopping) return void (signal === "SIGINT" && exit(logger, 1));
    stopping = true;
    // A terminal's Ctrl-C has no load balancer to tell: only SIGTERM waits DRAIN_DELAY_MS.
    const delayMs = signal === "SIGTERM" ? config.ops.drainDelayMs : 0;
    shutdown(app, logger, stopReaper, { timeoutMs: config.ops.shutdownTimeoutMs, delayMs }, signal).then(
      () => exit(logger, 0),
      (e: unknown) => {
        logger.error("shutdown failed", e);
        exit(logger, 1);
      },
    );
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

/**
 * /readyz turns 503 at once and a reaper pass under way stops at its next step; requests are
 * still served for `delayMs` (load balancers take a few probes to stop sending), then, within
 * `timeoutMs`, the listener closes, requests under way are answered, Apollo stops, the group
 * commits are written out, S3 sockets and the database pool close. Past `delayMs + timeoutMs`
 * the process exits 1 wherever it is.
 */
async function shutdown(
  app: App,
  logger: AppLogger,
  stopReaper: () => Promise<void>,
  { timeoutMs, delayMs }: { timeoutMs: number; delayMs: number },
  signal: string,
) {
  const started = Date.now();
  const deadline = setTimeout(() => {
    logger.error("shutdown timed out; exiting with work unfinished", { timeoutMs, delayMs });
    exit(logger, 1);
  }, delayMs + timeoutMs);
  deadline.unref();
  app.markDraining();
  const reaper = stopReaper();
  if (delayMs > 0) {
    logger.info("draining: /readyz answers 503, requests still served", { signal, delayMs });
    await new Promise((later) => setTimeout(later, delayMs));
  }
  // Most of the budget goes to requests; the rest is for closing the registry and S3 sockets.
  // The drain closes the listener before it returns, so the line below is logged after that.
  const drained = app.drain(Math.floor(timeoutMs * 0.8));
  logger.info("shutting down", { signal, timeoutMs });
  const { clean, forced } = await drained;
  await reaper;
  await app.close();
  logger[clean ? "info" : "warn"]("shut down", { clean, forcedConnections: forced, ms: Date.now() - started });
}

function exit(logger: AppLogger, code: number): never {
  logger.flush();
  process.exit(code);
}

main().catch((e) => {
  const expected = e instanceof ConfigError || e instanceof BucketNotVersionedError;
  process.stderr.write(`${expected ? e.message : (e as Error).stack}\n`);
  process.exit(1);
});
