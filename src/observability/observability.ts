import type { IncomingMessage } from "node:http";
import type { Config } from "../config/config";
import type { Logger } from "../logger";
import type { ServiceInstrumentation } from "../services/create-services";
import { groupCommitObservers, instrumentStorage, instrumentStore } from "./instrument";
import { createMetrics } from "./metrics";
import { createRequestTelemetry } from "./request-telemetry";

/** Metrics, request telemetry and the hooks that feed them, made once per app. */
export function createObservability(config: Config, logger: Logger, requestIdOf: (req: IncomingMessage) => string) {
  const metrics = createMetrics();
  const instrument: ServiceInstrumentation = {
    store: (store) => instrumentStore(store, metrics),
    storage: (storage) => instrumentStorage(storage, metrics),
    ...groupCommitObservers(metrics),
    redis: {
      command: (command, seconds, outcome) => metrics.redisCommand(command, seconds, outcome),
      fallback: (active) => metrics.redisFallback(active),
      warn: (message, fields) => logger.warn(message, fields),
    },
  };
  return {
    metrics,
    telemetry: createRequestTelemetry({ logger, metrics, profiles: new Set(config.profiles.keys()), requestIdOf }),
    instrument,
    /** Errors no request sees (a dropped pool connection, a dead writer thread): counted and logged. */
    onBackgroundError: (error: unknown) => {
      metrics.registryError("background");
      logger.error("store background error", error);
    },
    /** The /metrics route. */
    scrape: async () => {
      return { status: 200, ...(await metrics.scrape()) };
    },
  };
}
