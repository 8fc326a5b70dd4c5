import { availableParallelism } from "node:os";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { type z } from "zod";
import { MAX_PRESIGN_SECONDS } from "../domain/limits";
import { isScriptableContentType } from "../domain/scriptable";
import { envSchema, type Env } from "./env.schema";
import { SECRET_JWT_ALGORITHM, type AsymmetricJwtAlgorithm } from "./jwt-algorithms";
import { profilesSchema, type UploadProfile } from "./profiles.schema";
import { quotasSchema, type QuotaTable } from "./quotas.schema";

/** The secret `npm run dev` and `npm run token` share; refused in production. */
export const DEV_JWT_SECRET = "valet-development-secret-do-not-use-in-production";

/** The local Ceph RGW that scripts/ceph.sh starts for `npm run dev`; defaults outside production only. */
export const DEV_S3 = {
  endpoint: "http://127.0.0.1:7480",
  credentials: { accessKeyId: "valet-dev-access-key", secretAccessKey: "valet-dev-secret-key" },
};

export type AuthConfig =
  | { kind: "secret"; secret: Uint8Array; algorithms: [typeof SECRET_JWT_ALGORITHM] }
  | { kind: "jwks"; url: URL }
  | { kind: "public-key"; pem: string; algorithm: AsymmetricJwtAlgorithm };

/** The reaper's timing, and how long grant rows outlive their expiry. */
export interface ReaperSettings {
  graceSeconds: number;
  /** 0: no periodic passes (npm run reap still runs one). */
  intervalSeconds: number;
  /** Grant rows expired longer ago than this are pruned, unless an object still refers to them. */
  retentionSeconds: number;
  /** Most rows one pruning statement deletes. */
  pruneBatch: number;
}

/** Everything the app needs, read once from the environment. */
export interface Config {
  env: Env["NODE_ENV"];
  http: {
    host: string;
    port: number;
    /** Origins allowed exactly (the API, and the bucket's CORS rule with S3_ENSURE_BUCKET). */
    corsOrigins: string[];
    /** Outside production: the API also allows http://localhost and http://127.0.0.1 on any port. */
    corsAnyLocalPort: boolean;
  };
  s3: {
    endpoint?: string;
    publicEndpoint?: string;
    region: string;
    bucket: string;
    forcePathStyle: boolean;
    ensureBucket: boolean;
    credentials?: { accessKeyId: string; secretAccessKey: string };
    /** Milliseconds to open a connection to S3. */
    connectTimeoutMs: number;
    /** Milliseconds one attempt may take until S3's response headers, and a socket may sit idle. */
    requestTimeoutMs: number;
    /** Tries per S3 call, the first included. */
    maxAttempts: number;
    /** Open connections to S3 at most; further calls wait for one (within their timeout). */
    maxSockets: number;
  };
  auth: AuthConfig & {
    issuer?: string;
    audience?: string;
    rolesClaim: string;
    clockTolerance: number;
    /** Seconds after `iat` a token stops being accepted; undefined: no limit and `iat` optional. */
    maxTokenAge?: number;
  };
  profiles: Map<string, UploadProfile>;
  uploads: UploadSettings;
  downloads: DownloadSettings;
  limits: LimitSettings;
  databaseUrl: string;
  reaper: ReaperSettings;
  graphql: {
    introspection: boolean;
    landingPage: boolean;
    stackTraces: boolean;
    limits: {
      maxTokens: number;
      maxDepth: number;
      maxAliases: number;
      maxDirectives: number;
      maxCost: number;
      maxGrants: number;
    };
  };
  /** Running it: where metrics are served, how long readiness checks and a shutdown may take. */
  ops: { metricsPort?: number; readinessTimeoutMs: number; shutdownTimeoutMs: number; workers: number };
  logLevel: Env["LOG_LEVEL"];
  /** JSON lines, or pretty-printed for a terminal. */
  logFormat: "json" | "pretty";
}

/** How uploads are split; the S3 limits themselves are fixed (domain/limits.ts). */
export interface UploadSettings {
  /** The smallest multipart part Valet plans, in bytes (all but the last part are exactly the planned size). */
  minPartSize: number;
}

/** Download grant lifetimes and the types that may be shown inline. */
export interface DownloadSettings {
  defaultExpiresIn: number;
  maxExpiresIn: number;
  /** Lower-case type/subtype values a download may be INLINE as; never a scriptable type. */
  inlineTypes: readonly string[];
}

/** Per-viewer bounds on grant issuance: rate limits per kind, and upload quotas by role. */
export interface LimitSettings {
  /** Upload grants one viewer may be issued per minute; 0: unlimited. */
  uploadsPerMinute: number;
  /** Download grants one viewer may be issued per minute; 0: unlimited. */
  downloadsPerMinute: number;
  quotas: QuotaTable;
  /** Where the rate counters are shared between instances; absent: each instance counts in memory. */
  redis?: { url: string; keyPrefix: string; timeoutMs: number };
}

export class ConfigError extends Error {}

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
  return {
    env: env.NODE_ENV,
    http: { host: env.HOST, port: env.PORT, corsOrigins: env.CORS_ORIGINS, corsAnyLocalPort: isDev },
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
      clockTolerance: env.AUTH_CLOCK_TOLERANCE_SECONDS,
      maxTokenAge: env.AUTH_MAX_TOKEN_AGE_SECONDS,
    },
    profiles: loadProfiles(resolve(cwd, env.PROFILES_FILE)),
    uploads: { minPartSize: env.MULTIPART_MIN_PART_SIZE },
    downloads: downloadLimits(env),
    limits: {
      uploadsPerMinute: env.RATE_LIMIT_UPLOADS_PER_MINUTE,
      downloadsPerMinute: env.RATE_LIMIT_DOWNLOADS_PER_MINUTE,
      quotas: loadQuotas(resolve(cwd, env.QUOTAS_FILE)),
      redis: env.REDIS_URL ? { url: env.REDIS_URL, keyPrefix: env.REDIS_KEY_PREFIX, timeoutMs: env.REDIS_TIMEOUT_MS } : undefined,
    },
    databaseUrl: env.DATABASE_URL,
    reaper: {
      graceSeconds: env.REAP_GRACE_SECONDS,
      intervalSeconds: env.REAP_INTERVAL_SECONDS,
      retentionSeconds: env.GRANT_RETENTION_SECONDS,
      pruneBatch: env.GRANT_PRUNE_BATCH,
    },
    graphql: {
      introspection: env.GRAPHQL_INTROSPECTION ?? isDev,
      landingPage: env.GRAPHQL_LANDING_PAGE ?? isDev,
      stackTraces: env.NODE_ENV === "development",
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
  return {
    defaultExpiresIn: env.DOWNLOAD_DEFAULT_EXPIRES_IN,
    maxExpiresIn: env.DOWNLOAD_MAX_EXPIRES_IN,
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

/** Reads the upload profiles file (JSON, keyed by profile name). */
export function loadProfiles(path: string): Map<string, UploadProfile> {
  const profiles = parse(profilesSchema, readJson(path, "profiles file"), `profiles file ${path}`);
  return new Map(Object.entries(profiles).map(([name, p]) => [name, { ...p, name }]));
}

/** Reads the quotas file (JSON, keyed by role name, with a `default`). */
export function loadQuotas(path: string): QuotaTable {
  return new Map(Object.entries(parse(quotasSchema, readJson(path, "quotas file"), `quotas file ${path}`)));
}

function readJson(path: string, what: string): unknown {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new ConfigError(`cannot read ${what} ${path}: ${(e as Error).message}`);
  }
}

function parse<T extends z.ZodTypeAny>(schema: T, value: unknown, what: string): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `  ${i.path.join(".") || "(root)"}: ${i.message}`);
  throw new ConfigError(`invalid ${what}:\n${problems.join("\n")}`);
}
