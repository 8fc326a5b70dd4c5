import http from "node:http";
import { ApolloServer } from "@apollo/server";
import { expressMiddleware } from "@as-integrations/express5";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { ApolloServerPluginLandingPageLocalDefault } from "@apollo/server/plugin/landingPage/default";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import cors from "cors";
import express from "express";
import { createTokenVerifier } from "./auth/verify-token";
import type { Config } from "./config/config";
import { createContextFactory, type Context } from "./context/context";
import { createErrorFormatter } from "./errors/format-error";
import type { ServiceDeps } from "./grants/deps";
import { createLogger, type Logger } from "./logger";
import { buildValetSchema } from "./schema";
import { createServices, type ServiceOverrides } from "./services";

export interface App {
  httpServer: http.Server;
  services: ServiceDeps;
  logger: Logger;
  /** Stops accepting requests, drains in-flight ones, closes the database. */
  close(): Promise<void>;
}

export type AppOverrides = ServiceOverrides & { logger?: Logger };

/** Builds the whole service (schema, Apollo, HTTP) without listening; main.ts listens. */
export async function createApp(config: Config, overrides: AppOverrides = {}): Promise<App> {
  const logger = overrides.logger ?? createLogger(config.logLevel);
  const { services, close: closeServices } = await createServices(config, logger, overrides);
  const app = express();
  const httpServer = http.createServer(app);
  const apollo = new ApolloServer<Context>({
    schema: await buildValetSchema(),
    introspection: config.graphql.introspection,
    includeStacktraceInErrorResponses: config.graphql.stackTraces,
    formatError: createErrorFormatter({ includeStacktrace: config.graphql.stackTraces, log: logger.error }),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      config.graphql.landingPage
        ? ApolloServerPluginLandingPageLocalDefault({ embed: true, includeCookies: false })
        : ApolloServerPluginLandingPageDisabled(),
    ],
  });
  await apollo.start();
  const context = createContextFactory(await createTokenVerifier(config.auth), services);
  app.get("/healthz", (_req, res) => {
    res.json({ ok: true });
  });
  app.use(
    "/graphql",
    cors<cors.CorsRequest>({ origin: config.http.corsOrigins, maxAge: 600 }),
    express.json({ limit: "1mb" }),
    expressMiddleware(apollo, { context: ({ req }) => context({ headers: req.headers }) }),
  );
  return {
    httpServer,
    services,
    logger,
    async close() {
      await apollo.stop();
      await closeServices();
    },
  };
}
