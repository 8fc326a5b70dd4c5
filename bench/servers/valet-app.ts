/**
 * Valet as deployed: production mode, JWT auth, the registry at DATABASE_URL (SQLite: WAL,
 * synchronous=FULL). BENCH_LIMITS picks the limits: `production` (the default) keeps the shipped
 * quotas file's numeric limits and rate limiting on, with every number raised so that the bench's
 * one viewer is never refused (the quota check and the limiter still run on every grant);
 * `unlimited` turns both off (null quotas, no rate limits), which measures neither.
 */
import "reflect-metadata";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
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
    ...benchLimits(process.env.BENCH_LIMITS ?? "production"),
    // Set to "false" to measure Apollo's pipeline alone (what the direct lane saves).
    GRAPHQL_DIRECT_EXECUTION: process.env.GRAPHQL_DIRECT_EXECUTION ?? "true",
  });
  const app = await createApp(config);
  await new Promise<void>((ok) => app.httpServer.listen(port, "127.0.0.1", ok));
  const address = app.httpServer.address() as { port: number };
  return { app, url: `http://127.0.0.1:${address.port}/graphql` };
}

/** A limit no bench run reaches: the check runs, and never refuses. */
const NEVER_REACHED = 2 ** 50;

/** The limits' settings: the shipped ones raised (`production`), or none at all (`unlimited`). */
export function benchLimits(mode: string): Record<string, string> {
  if (mode === "unlimited") {
    return {
      RATE_LIMIT_UPLOADS_PER_MINUTE: "0",
      RATE_LIMIT_DOWNLOADS_PER_MINUTE: "0",
      QUOTAS_FILE: resolve(__dirname, "unlimited-quotas.json"),
    };
  }
  if (mode !== "production") throw new Error(`BENCH_LIMITS must be production or unlimited, not ${mode}`);
  return {
    RATE_LIMIT_UPLOADS_PER_MINUTE: String(NEVER_REACHED),
    RATE_LIMIT_DOWNLOADS_PER_MINUTE: String(NEVER_REACHED),
    QUOTAS_FILE: raisedQuotasFile(),
  };
}

/** The shipped quotas file (every role it names) with each numeric limit raised out of reach; null stays null. */
function raisedQuotasFile(): string {
  const shipped = JSON.parse(readFileSync(resolve(__dirname, "../../src/config/quotas.json"), "utf8")) as Record<
    string,
    Record<string, number | null>
  >;
  const raised = Object.fromEntries(
    Object.entries(shipped).map(([role, limits]) => [
      role,
      Object.fromEntries(Object.entries(limits).map(([name, value]) => [name, value === null ? null : NEVER_REACHED])),
    ]),
  );
  const path = join(mkdtempSync(join(tmpdir(), "valet-bench-quotas-")), "quotas.json");
  writeFileSync(path, JSON.stringify(raised));
  return path;
}
