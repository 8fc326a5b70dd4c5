/** Valet as deployed: production mode, JWT auth, the registry at DATABASE_URL (SQLite: WAL, synchronous=FULL). */
import "reflect-metadata";
import { resolve } from "node:path";
import { createApp, type App } from "../../src/app";
import { loadConfig } from "../../src/config/config";
import { BENCH_JWT_SECRET, BENCH_S3 } from "./settings";

/** Builds the app and listens on `port` (0: any; node:cluster workers asking for 0 share one port). */
export async function listenValet(port = 0): Promise<{ app: App; url: string }> {
  const config = loadConfig({
    NODE_ENV: "production",
    AUTH_JWT_SECRET: BENCH_JWT_SECRET,
    S3_ENDPOINT: BENCH_S3.endpoint,
    S3_REGION: BENCH_S3.region,
    S3_BUCKET: BENCH_S3.bucket,
    S3_ACCESS_KEY_ID: BENCH_S3.credentials.accessKeyId,
    S3_SECRET_ACCESS_KEY: BENCH_S3.credentials.secretAccessKey,
    DATABASE_URL: process.env.DATABASE_URL!,
    REAP_INTERVAL_SECONDS: "0",
    LOG_LEVEL: "silent",
    // The bench is one viewer issuing thousands of grants a second: per-viewer budgets and quotas
    // would refuse it within a second, so they are off here (and so not part of what is measured).
    RATE_LIMIT_UPLOADS_PER_MINUTE: "0",
    RATE_LIMIT_DOWNLOADS_PER_MINUTE: "0",
    QUOTAS_FILE: resolve(__dirname, "unlimited-quotas.json"),
    // Set to "false" to measure Apollo's pipeline alone (what the direct lane saves).
    GRAPHQL_DIRECT_EXECUTION: process.env.GRAPHQL_DIRECT_EXECUTION ?? "true",
  });
  const app = await createApp(config);
  await new Promise<void>((ok) => app.httpServer.listen(port, "127.0.0.1", ok));
  const address = app.httpServer.address() as { port: number };
  return { app, url: `http://127.0.0.1:${address.port}/graphql` };
}
