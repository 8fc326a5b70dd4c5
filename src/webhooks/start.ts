import type { Config } from "../config/config";
import type { Logger } from "../logger";
import type { Metrics } from "../observability/metrics";
import type { ServiceDeps } from "../services/deps";
import { startDispatcher, type Dispatcher } from "./dispatcher";

/** The app's dispatcher, when any endpoint is configured; the metrics read the outbox's backlog either way. */
export function startWebhookDispatch(
  config: Config,
  services: ServiceDeps,
  logger: Logger,
  metrics: Metrics,
): Dispatcher | undefined {
  metrics.watchOutbox(() => services.store.oldestPendingEvent());
  if (config.webhooks.endpoints.length === 0) return undefined;
  return startDispatcher({ store: services.store, settings: config.webhooks, now: services.now, logger, metrics });
}
