import http from "node:http";
import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginLandingPageLocalDefault } from "@apollo/server/plugin/landingPage/default";
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from "@apollo/server/plugin/disabled";
import { cacheVerifiedTokens } from "./auth/token-cache";
import { requestBounds } from "./bounds/request-bounds";
import { createTokenVerifier } from "./auth/verify-token";
import type { Config } from "./config/config";
import { createContextFactory, requestIdFrom, type Context } from "./context/context";
import { createErrorFormatter } from "./errors/format-error";
import { createDrain, type DrainResult } from "./http/drain";
import { corsPolicyOf } from "./http/cors";
import { createDirectExecution } from "./http/direct-execution";
import { laneUnlessUnmirrored } from "./http/lane-plugins";
import { createRequestHandler } from "./http/handler";
import { linkRoutes } from "./http/links";
import { listeningUrl } from "./http/listening-url";
import { createRouteListener, type Routes } from "./http/routes";
import { eventPushUrl, S3_EVENTS_PATH, s3EventsRoute } from "./http/s3-events";
import type { ServiceDeps } from "./services/deps";
import type { Logger } from "./logger";
import { createLogger } from "./observability/logger";
import type { Metrics } from "./observability/metrics";
import { createObservability } from "./observability/observability";
import { createReadiness } from "./observability/readiness";
import { probeRegistryWrites } from "./observability/registry-probe";
import type { RequestRecord } from "./observability/request-record";
import { buildValetSchema } from "./schema";
import { isStoreUnavailable } from "./store/errors";
import { createServices, type ServiceOverrides } from "./services/create-services";
import { startWebhookDispatch } from "./webhooks/start";

export interface App {
  httpServer: http.Server;
  services: ServiceDeps;
  logger: Logger;
  metrics: Metrics;
  /** Serves /metrics alone when METRICS_PORT is set (main.ts listens on it); otherwise /metrics is on httpServer. */
  metricsServer?: http.Server;
  /**
   * Stops accepting, answers the requests under way (and /readyz says draining), waiting at most
   * `timeoutMs`; connections still open then are cut. Later calls share the first drain.
   */
  drain(timeoutMs?: number): Promise<DrainResult>;
  /** From now on /readyz answers 503 while everything is still served: a load balancer's cue to send nothing new. */
  markDraining(): void;
  /** Drains (if not yet), stops Apollo, writes out the group commits, closes storage and database. */
  close(): Promise<void>;
  /** With S3_EVENTS: has the RGW push ObjectCreated events to this app's /s3-events, once it listens on `port`. */
  pushS3Events(port: number): Promise<void>;
}

export type AppOverrides = ServiceOverrides & {
  logger?: Logger;
  /** Apollo plugins after Valet's own. One the direct lane does not mirror turns the lane off (lane-plugins.ts). */
  plugins?: ApolloServerPlugin<Context>[];
};

/** Builds the whole service (schema, Apollo, HTTP) without listening; main.ts listens. */
export async function createApp(config: Config, overrides: AppOverrides = {}): Promise<App> {
  const logger = overrides.logger ?? createLogger({ level: config.logLevel, format: config.logFormat });
  const { metrics, telemetry, instrument, onBackgroundError, scrape } = createObservability(config, logger, (req) =>
    requestIdFrom(req.headers["x-request-id"]),
  );
  let eventCommitted = () => {};
  const httpServer = http.createServer();
  const publicUrl = () => config.http.publicUrl ?? listeningUrl(httpServer, config.http.port);
  const {
    services,
    storage,
    database,
    close: closeServices,
  } = await createServices(config, {
    onBackgroundError,
    instrument,
    publicUrl,
    onEventCommitted: () => eventCommitted(),
    ...overrides,
  });
  const dispatcher = startWebhookDispatch(config, services, logger, metrics);
  if (dispatcher) eventCommitted = dispatcher.nudge;
  const readiness = createReadiness(
    {
      ...(database ? { registry: () => probeRegistryWrites(database, config.ops.readinessTimeoutMs) } : {}),
      s3: (signal) => storage.ping(signal),
    },
    config.ops.readinessTimeoutMs,
    logger,
  );
  const metricsRoutes: Routes = { "/metrics": scrape };
  const metricsServer =
    config.ops.metricsPort === undefined
      ? undefined
      : http.createServer(createRouteListener(metricsRoutes, (e) => logger.error("metrics scrape failed", e)));
  const shutdown = createDrain(httpServer);
  const bounds = requestBounds(config.graphql.limits, config.graphql.introspection);
  const schema = await buildValetSchema();
  const verify = cacheVerifiedTokens(await createTokenVerifier(config.auth), { maxEntries: 10_000, maxAgeMs: 300_000 });
  const createContext = createContextFactory(verify, services);
  const context = async (req: http.IncomingMessage, record: RequestRecord) => telemetry.attach(await createContext(req), record);
  const formatError = createErrorFormatter({
    includeStacktrace: config.graphql.stackTraces,
    log: logger.error,
    isUnavailable: isStoreUnavailable,
  });
  const lane = config.graphql.directExecution
    ? createDirectExecution({
        schema,
        context,
        refusal: bounds.lane.grantRefusal,
        errors: { formatError, includeStacktrace: config.graphql.stackTraces, hideSuggestions: bounds.lane.hideSuggestions },
        resolved: telemetry.resolved,
        sent: telemetry.sent,
      })
    : undefined;
  const plugins: ApolloServerPlugin<Context>[] = [
    telemetry.plugin,
    ...(lane ? [lane.plugin] : []),
    ...bounds.plugins,
    // Nothing here is cacheable (the handler sends no-store); the plugin would only wrap every field.
    ApolloServerPluginCacheControlDisabled(),
    // Valet is not a federated subgraph. Apollo would otherwise install its tracing plugin, which
    // does nothing here but has request hooks, so the lane could not tell it harmless.
    ApolloServerPluginInlineTraceDisabled(),
    config.graphql.landingPage
      ? ApolloServerPluginLandingPageLocalDefault({ embed: true, includeCookies: false })
      : ApolloServerPluginLandingPageDisabled(),
    ...(overrides.plugins ?? []),
  ];
  const apollo = new ApolloServer<Context>({
    schema,
    introspection: config.graphql.introspection,
    validationRules: bounds.validationRules,
    parseOptions: bounds.parseOptions,
    // Off: grant operations are small POSTs that gain nothing from it, and the cache it keeps
    // would be one more thing any anonymous client can fill.
    persistedQueries: false,
    // Apollo would stop itself on SIGTERM (outside tests) and re-send the signal, failing the
    // requests a drain is finishing; main.ts owns shutdown and stops Apollo after the drain.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: config.graphql.stackTraces,
    // Compact JSON: the default pretty-prints, which costs on every grant.
    stringifyResult: (value) => JSON.stringify(value),
    formatError,
    plugins,
  });
  await apollo.start();
  // After start, `plugins` also holds those Apollo installs by itself (usage reporting when APOLLO_KEY
  // is set, …). One the lane does not mirror would miss every request but each query's first.
  const direct = laneUnlessUnmirrored(lane, plugins, [telemetry.plugin, ...bounds.lane.mirrors], logger.warn);
  httpServer.on(
    "request",
    createRequestHandler(apollo, {
      cors: corsPolicyOf(config.http),
      context,
      direct: direct?.run,
      onError: (e) => logger.error("request failed outside GraphQL", e),
      onAnswered: telemetry.answered,
      track: shutdown.track,
      routes: {
        "/readyz": readiness.route,
        ...(metricsServer ? {} : metricsRoutes),
        ...(config.s3Events.enabled
          ? { [S3_EVENTS_PATH]: s3EventsRoute(services, config.s3Events, config.s3.bucket, metrics, logger) }
          : {}),
      },
      prefixRoutes: linkRoutes(services, config.http.trustProxyHops),
    }),
  );
  const drain = async (timeoutMs = config.ops.shutdownTimeoutMs) => {
    readiness.drain();
    const [drained] = await Promise.all([shutdown.drain(timeoutMs), dispatcher?.stop()]);
    return drained;
  };
  return {
    httpServer,
    services,
    logger,
    metrics,
    metricsServer,
    drain,
    async pushS3Events(port) {
      if (config.s3Events.enabled) await storage.ensureEventPush(eventPushUrl(config.s3Events, port));
    },
    markDraining: readiness.drain,
    async close() {
      await drain();
      await apollo.stop();
      if (metricsServer?.listening) {
        metricsServer.closeAllConnections();
        await new Promise((closed) => metricsServer.close(closed));
      }
      await closeServices();
    },
  };
}
