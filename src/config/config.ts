import { availableParallelism } from "node:os";
import { resolve } from "node:path";
import { MAX_PRESIGN_SECONDS } from "../domain/limits";
import { isScriptableContentType } from "../domain/scriptable";
import { envSchema, type Env } from "./env.schema";
import { SECRET_JWT_ALGORITHM } from "./jwt-algorithms";
import type { AuthConfig, Config, DownloadSettings } from "./config.types";
import { ConfigError, loadProfiles, loadQuotas, parse } from "./files";
import { s3EventSettings } from "./s3-events";
import { webhookSettings } from "./webhooks";
import { profileClaims } from "./profiles.schema";

export type {
  AuthConfig,
  Config,
  DownloadSettings,
  LimitSettings,
  LinkSettings,
  ReaperSettings,
  S3EventSettings,
  ShareSettings,
  UploadSettings,
  WebhookEndpoint,
  WebhookSettings,
} from "./config.types";
export { ConfigError, loadProfiles, loadQuotas } from "./files";
export { DEV_S3_EVENTS_TOKEN } from "./s3-events";

/** The secret `npm run dev` and `npm run token` share; refused in production. */
export const DEV_JWT_SECRET = "valet-development-secret-do-not-use-in-production";

/** The local Ceph RGW that scripts/ceph.sh starts for `npm run dev`; defaults outside production only. */
export const DEV_S3 = {
  endpoint: "http://127.0.0.1:7480",
  credentials: { accessKeyId: "valet-dev-access-key", secretAccessKey: "valet-dev-secret-key" },
};
/** Reads and validates configuration; the only place that looks at process.env. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const env = parse(envSchema, source, "environment");
  const isDev = env.NODE_ENV !== "production";
  const given =
    env.S3_ACCESS_KEY_ID && env.S3_SECRET_ACCESS_KEY
      ? { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY }
      : undefined;
  const credentials = given ?? (isDev ? DEV_S3.credentials : undefined);
  const endpoint = env.S3_ENDPOINT ?? (isDev ? DEV_S3.endpoint : undefined);
  const profiles = loadProfiles(resolve(cwd, env.PROFILES_FILE));
  return {
    env: env.NODE_ENV,
    http: {
      host: env.HOST,
      port: env.PORT,
      corsOrigins: env.CORS_ORIGINS,
      corsAnyLocalPort: isDev,
      trustProxyHops: env.TRUST_PROXY_HOPS,
      publicUrl: env.PUBLIC_URL,
    },
    s3: {
      endpoint,
      publicEndpoint: env.S3_PUBLIC_ENDPOINT ?? endpoint,
      region: env.S3_REGION,
      bucket: env.S3_BUCKET,
      forcePathStyle: env.S3_FORCE_PATH_STYLE ?? Boolean(endpoint),
      ensureBucket: env.S3_ENSURE_BUCKET,
      credentials,
      connectTimeoutMs: env.S3_CONNECT_TIMEOUT_MS,
      requestTimeoutMs: env.S3_REQUEST_TIMEOUT_MS,
      maxAttempts: env.S3_MAX_ATTEMPTS,
      maxSockets: env.S3_MAX_SOCKETS,
    },
    auth: {
      ...authFrom(env, isDev),
      issuer: env.AUTH_ISSUER,
      audience: env.AUTH_AUDIENCE,
      rolesClaim: env.AUTH_ROLES_CLAIM,
      claimNames: [...new Set([...profiles.values()].flatMap(profileClaims))],
      clockTolerance: env.AUTH_CLOCK_TOLERANCE_SECONDS,
      maxTokenAge: env.AUTH_MAX_TOKEN_AGE_SECONDS,
    },
    profiles,
    uploads: { minPartSize: env.MULTIPART_MIN_PART_SIZE },
    downloads: downloadLimits(env),
    links: { urlTtl: env.SHARE_LINK_URL_TTL },
    shares: { maxExpiresIn: env.SHARE_MAX_EXPIRES_IN },
    limits: {
      uploadsPerMinute: env.RATE_LIMIT_UPLOADS_PER_MINUTE,
      downloadsPerMinute: env.RATE_LIMIT_DOWNLOADS_PER_MINUTE,
      linkAttemptsPerMinute: env.SHARE_LINK_ATTEMPTS_PER_MINUTE,
      quotas: loadQuotas(resolve(cwd, env.QUOTAS_FILE)),
      redis: env.REDIS_URL
        ? {
            url: env.REDIS_URL,
            keyPrefix: env.REDIS_KEY_PREFIX,
            timeoutMs: env.REDIS_TIMEOUT_MS,
            timeoutsBeforeFallback: env.REDIS_TIMEOUTS_BEFORE_FALLBACK,
          }
        : undefined,
    },
    databaseUrl: env.DATABASE_URL,
    pgPoolMax: env.PG_POOL_MAX,
    reaper: {
      graceSeconds: env.REAP_GRACE_SECONDS,
      intervalSeconds: env.REAP_INTERVAL_SECONDS,
      concurrency: env.REAP_CONCURRENCY,
      leaseSeconds: env.REAP_LEASE_SECONDS,
      retentionSeconds: env.GRANT_RETENTION_SECONDS,
      pruneBatch: env.GRANT_PRUNE_BATCH,
      eventRetentionSeconds: env.EVENT_RETENTION_SECONDS,
    },
    webhooks: webhookSettings(env, cwd, new Set(profiles.keys())),
    s3Events: s3EventSettings(env, isDev),
    graphql: {
      introspection: env.GRAPHQL_INTROSPECTION ?? isDev,
      landingPage: env.GRAPHQL_LANDING_PAGE ?? isDev,
      stackTraces: env.NODE_ENV === "development",
      directExecution: env.GRAPHQL_DIRECT_EXECUTION,
      limits: {
        maxTokens: env.GRAPHQL_MAX_TOKENS,
        maxDepth: env.GRAPHQL_MAX_DEPTH,
        maxAliases: env.GRAPHQL_MAX_ALIASES,
        maxDirectives: env.GRAPHQL_MAX_DIRECTIVES,
        maxCost: env.GRAPHQL_MAX_COST,
        maxGrants: env.GRANTS_PER_REQUEST_MAX,
      },
    },
    ops: {
      metricsPort: env.METRICS_PORT,
      workers: env.WORKERS || availableParallelism(),
      readinessTimeoutMs: env.READINESS_TIMEOUT_MS,
      shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
      drainDelayMs: env.DRAIN_DELAY_MS,
    },
    logLevel: env.LOG_LEVEL,
    logFormat: env.LOG_FORMAT ?? (env.NODE_ENV === "development" ? "pretty" : "json"),
  };
}

function authFrom(env: Env, isDev: boolean): AuthConfig {
  if (env.AUTH_JWKS_URL) return { kind: "jwks", url: new URL(env.AUTH_JWKS_URL) };
  if (env.AUTH_PUBLIC_KEY) return { kind: "public-key", pem: env.AUTH_PUBLIC_KEY, algorithm: env.AUTH_PUBLIC_KEY_ALG };
  const secret = env.AUTH_JWT_SECRET ?? (isDev ? DEV_JWT_SECRET : undefined);
  if (!isDev && (!secret || secret === DEV_JWT_SECRET || Buffer.byteLength(secret) < 32)) {
    throw new ConfigError(
      "production needs real auth: set AUTH_JWKS_URL, AUTH_PUBLIC_KEY, or an AUTH_JWT_SECRET of at least 32 bytes",
    );
  }
  return { kind: "secret", secret: new TextEncoder().encode(secret), algorithms: [SECRET_JWT_ALGORITHM] };
}

function downloadLimits(env: Env): DownloadSettings {
  if (env.DOWNLOAD_MAX_EXPIRES_IN > MAX_PRESIGN_SECONDS)
    throw new ConfigError(`DOWNLOAD_MAX_EXPIRES_IN must be ≤ ${MAX_PRESIGN_SECONDS}`);
  if (env.DOWNLOAD_DEFAULT_EXPIRES_IN > env.DOWNLOAD_MAX_EXPIRES_IN) {
    throw new ConfigError("DOWNLOAD_DEFAULT_EXPIRES_IN must not exceed DOWNLOAD_MAX_EXPIRES_IN");
  }
  // A cacheable URL is signed at its window's start and must still have a whole window left at its end.
  if (2 * env.DOWNLOAD_URL_WINDOW > env.DOWNLOAD_MAX_EXPIRES_IN) {
    throw new ConfigError("DOWNLOAD_URL_WINDOW must be at most half of DOWNLOAD_MAX_EXPIRES_IN");
  }
  return {
    defaultExpiresIn: env.DOWNLOAD_DEFAULT_EXPIRES_IN,
    maxExpiresIn: env.DOWNLOAD_MAX_EXPIRES_IN,
    urlWindow: env.DOWNLOAD_URL_WINDOW,
    inlineTypes: inlineTypes(env.DOWNLOAD_INLINE_TYPES),
  };
}

// Exact types only: a wildcard such as image/* would admit image/svg+xml.
function inlineTypes(listed: string[]): string[] {
  const types = listed.map((t) => t.toLowerCase());
  const malformed = types.filter((t) => !/^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/.test(t));
  if (malformed.length)
    throw new ConfigError(`DOWNLOAD_INLINE_TYPES needs exact type/subtype values without parameters: ${malformed.join(", ")}`);
  const scriptable = types.filter(isScriptableContentType);
  if (scriptable.length) {
    throw new ConfigError(
      `DOWNLOAD_INLINE_TYPES must not list ${scriptable.join(", ")}: a browser can run script in them, so they are always attachments`,
    );
  }
  return types;
}
