import { z } from "zod";
import { ASYMMETRIC_JWT_ALGORITHMS } from "./jwt-algorithms";

const bool = z.enum(["true", "false", "1", "0", "yes", "no"]).transform((v) => v === "true" || v === "1" || v === "yes");
const seconds = z.coerce.number().int().positive();
const millis = z.coerce.number().int().positive();
const list = z.string().transform((v) =>
  v
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean),
);

/** Every environment variable Valet reads; docs/configuration.md's table mirrors this. */
export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  HOST: z.string().default("0.0.0.0"),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  /**
   * Proxies you run in front of Valet, each appending to X-Forwarded-For; the client address (which
   * per-address limits key on) is the entry that many from the right. 0: the socket's peer address.
   */
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  /** Base of the links Valet hands out (share links: PUBLIC_URL/s/<token>); default: the address it listens on. */
  PUBLIC_URL: z
    .string()
    .url()
    .regex(/^https?:\/\//, "an http:// or https:// URL")
    .transform((v) => v.replace(/\/+$/, ""))
    .optional(),
  /** Origins allowed to call the API and to POST/GET at the bucket (comma-separated). */
  CORS_ORIGINS: list.default(["http://localhost:3000", "http://localhost:5173", "http://localhost:8081"]),

  S3_ENDPOINT: z.string().url().optional(),
  /** Endpoint clients reach (signed into URLs); defaults to S3_ENDPOINT. */
  S3_PUBLIC_ENDPOINT: z.string().url().optional(),
  S3_REGION: z.string().min(1).default("us-east-1"),
  S3_BUCKET: z.string().min(3).default("valet-dev"),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_FORCE_PATH_STYLE: bool.optional(),
  /** Create the bucket and its CORS rule at start-up (dev and docker-compose). */
  S3_ENSURE_BUCKET: bool.default(false),
  /**
   * Ceph RGW pushes ObjectCreated notifications to Valet's /s3-events route (set up at start-up:
   * a persistent SNS topic and the bucket's notification), so an upload nobody completes settles at once.
   */
  S3_EVENTS: bool.default(false),
  /** The secret the RGW's pushes carry (in /s3-events?token=…); at least 32 characters; a development default outside production. */
  S3_EVENTS_TOKEN: z.string().min(32).optional(),
  /** Where the RGW reaches /s3-events; default http://127.0.0.1:PORT/s3-events (the RGW on this machine). */
  S3_EVENTS_URL: z
    .string()
    .url()
    .refine((u) => /^https?:$/.test(new URL(u).protocol), "an http:// or https:// URL")
    .optional(),
  /**
   * Bounds on the server's own S3 calls (HEAD, ranged GET, DELETE, bucket set-up); a call gives up
   * after about S3_MAX_ATTEMPTS × S3_REQUEST_TIMEOUT_MS and answers SERVICE_UNAVAILABLE.
   */
  S3_CONNECT_TIMEOUT_MS: millis.default(2000),
  S3_REQUEST_TIMEOUT_MS: millis.default(4000),
  S3_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(2),
  S3_MAX_SOCKETS: z.coerce.number().int().min(1).default(50),
  /**
   * The smallest multipart part Valet plans (bytes), S3's minimum by default. Lower it only for a
   * store configured to accept smaller parts (Ceph: rgw_multipart_min_part_size), e.g. in tests.
   */
  MULTIPART_MIN_PART_SIZE: z.coerce
    .number()
    .int()
    .min(1)
    .max(5 * 1024 ** 3)
    .default(5 * 1024 ** 2),

  AUTH_JWT_SECRET: z.string().min(1).optional(),
  AUTH_JWKS_URL: z.string().url().optional(),
  AUTH_PUBLIC_KEY: z.string().min(1).optional(),
  AUTH_PUBLIC_KEY_ALG: z.enum(ASYMMETRIC_JWT_ALGORITHMS).default("RS256"),
  AUTH_ISSUER: z.string().min(1).optional(),
  AUTH_AUDIENCE: z.string().min(1).optional(),
  AUTH_ROLES_CLAIM: z.string().min(1).default("roles"),
  AUTH_CLOCK_TOLERANCE_SECONDS: z.coerce.number().int().min(0).max(300).default(5),
  /** Refuse tokens whose `iat` is older than this (and tokens without `iat`); off when unset. */
  AUTH_MAX_TOKEN_AGE_SECONDS: seconds.optional(),

  PROFILES_FILE: z.string().min(1).default("src/config/profiles.json"),
  DOWNLOAD_DEFAULT_EXPIRES_IN: seconds.default(300),
  DOWNLOAD_MAX_EXPIRES_IN: seconds.default(3600),
  /**
   * Cacheable download URLs (requestDownload's `cacheable`, public objects) are signed at the start
   * of a window this long, so one object gives one URL per window; at most half DOWNLOAD_MAX_EXPIRES_IN.
   */
  DOWNLOAD_URL_WINDOW: seconds.default(600),
  /**
   * Types a download may be served INLINE as (comma-separated; empty: none); everything else is an
   * attachment. Only media a browser renders without running the content. text/plain is left out:
   * it is user-written text shown as a page of the bucket's origin (content spoofing), S3 sends no
   * `X-Content-Type-Options: nosniff`, and older browsers sniff such text into HTML.
   */
  DOWNLOAD_INLINE_TYPES: list.default([
    "image/png",
    "image/jpeg",
    "image/gif",
    "image/webp",
    "image/avif",
    "application/pdf",
    "video/mp4",
    "audio/mpeg",
  ]),

  /** Longest life of a share (shareObject), in seconds; a share asking for more, or for nothing, gets this. */
  SHARE_MAX_EXPIRES_IN: seconds.default(30 * 86_400),
  /** Lifetime of the presigned GET a share link redirects to (seconds). */
  SHARE_LINK_URL_TTL: seconds.max(3600).default(60),
  /** Share-link requests (GET /s/<token>) one client address may make per minute, answered or not (0: unlimited). */
  SHARE_LINK_ATTEMPTS_PER_MINUTE: z.coerce.number().int().min(0).default(30),

  /** Per-viewer quotas by role (JSON); see src/config/quotas.json. */
  QUOTAS_FILE: z.string().min(1).default("src/config/quotas.json"),
  /** Grants one viewer may be issued per minute, per kind (0: unlimited); counted per grant, not per request. */
  RATE_LIMIT_UPLOADS_PER_MINUTE: z.coerce.number().int().min(0).default(60),
  RATE_LIMIT_DOWNLOADS_PER_MINUTE: z.coerce.number().int().min(0).default(3000),
  /** Redis shared by every instance for the rate limits; unset: each instance counts in memory. */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, "a redis:// or rediss:// URL")
    .optional(),
  /** Every Redis key is `PREFIX:grants:…`; a trailing colon is optional (`ops` and `ops:` are the same prefix). */
  REDIS_KEY_PREFIX: z
    .string()
    .transform((v) => v.replace(/:+$/, ""))
    .pipe(z.string().min(1, "a prefix other than colons"))
    .default("valet"),
  /** Longest wait for Redis (connect, or one command) before a grant falls back to this instance's own counters. */
  REDIS_TIMEOUT_MS: millis.max(10_000).default(500),

  DATABASE_URL: z.string().min(1).default(".data/valet.sqlite"),
  REAP_GRACE_SECONDS: z.coerce.number().int().min(0).default(3600),
  REAP_INTERVAL_SECONDS: z.coerce.number().int().min(0).default(300),
  /** S3 clean-up calls (HEADs, deletes, version sweeps, multipart aborts) one instance's reaper has under way at once. */
  REAP_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(16),
  /** How long a reaper's claim on a batch of objects, and the stray sweep's lease (PostgreSQL), last unless renewed. */
  REAP_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  /** How long a grant row is kept after its expiry before the reaper prunes it (objects keep their upload grant's row). */
  GRANT_RETENTION_SECONDS: z.coerce
    .number()
    .int()
    .min(0)
    .default(30 * 86_400),
  /** Most grant rows one pruning statement deletes; a pass runs batches until none is full. */
  GRANT_PRUNE_BATCH: z.coerce.number().int().positive().max(100_000).default(5000),

  /** Webhook endpoints (a JSON array of {url, secret, events?, profiles?, id?}); or one endpoint: WEBHOOK_URL + WEBHOOK_SECRET. */
  WEBHOOKS_FILE: z.string().min(1).optional(),
  WEBHOOK_URL: z.string().min(1).optional(),
  /** `whsec_` + base64 of 24–64 random bytes (Standard Webhooks). */
  WEBHOOK_SECRET: z.string().min(1).optional(),
  /** One delivery attempt's limit: no 2xx within it counts as a failure and is retried. */
  WEBHOOK_TIMEOUT_MS: millis.max(60_000).default(5000),
  /** How long a delivery is retried after its event (or a redelivery) before it is FAILED. */
  WEBHOOK_RETRY_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(24),
  /** The wait before the first retry; it doubles per attempt (with jitter) up to WEBHOOK_BACKOFF_MAX_MS. */
  WEBHOOK_BACKOFF_MS: millis.default(5000),
  WEBHOOK_BACKOFF_MAX_MS: millis.default(3_600_000),
  /** How often the dispatcher looks for due deliveries (it also wakes when this instance writes an event). */
  WEBHOOK_POLL_MS: millis.max(60_000).default(1000),
  /** Deliveries one instance has under way at once. */
  WEBHOOK_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),
  /** Events whose deliveries all succeeded (or that had none) are pruned by the reaper this long after they happened. */
  EVENT_RETENTION_SECONDS: z.coerce
    .number()
    .int()
    .min(0)
    .default(7 * 86_400),

  GRAPHQL_INTROSPECTION: bool.optional(),
  GRAPHQL_LANDING_PAGE: bool.optional(),
  /** Repeated, already-validated operations run on graphql-js directly; false: every request goes through Apollo's pipeline. */
  GRAPHQL_DIRECT_EXECUTION: bool.default(true),
  /** Bounds on one request (src/bounds/): parse tokens, depth, aliases, directives, cost, grants issued. */
  GRAPHQL_MAX_TOKENS: z.coerce.number().int().positive().default(3000),
  GRAPHQL_MAX_DEPTH: z.coerce.number().int().positive().default(8),
  GRAPHQL_MAX_ALIASES: z.coerce.number().int().positive().default(15),
  GRAPHQL_MAX_DIRECTIVES: z.coerce.number().int().positive().default(10),
  GRAPHQL_MAX_COST: z.coerce.number().int().positive().default(20000),
  GRANTS_PER_REQUEST_MAX: z.coerce.number().int().positive().max(1000).default(1000),
  /** Serve /metrics on this port instead of the API's (keeps them off a public listener); unset: on PORT. */
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** How long each /readyz check (registry write path, S3) may take before it counts as down. */
  READINESS_TIMEOUT_MS: millis.default(1000),
  /** After SIGTERM and DRAIN_DELAY_MS, the longest a drain (in-flight requests, reaper, pools) may take before the process exits anyway. */
  SHUTDOWN_TIMEOUT_MS: millis.default(25000),
  // Fleet settings (issue 22 §4, §5, §7).
  /** On SIGTERM, how long /readyz answers 503 while requests are still served, before the listener closes (0: close at once). */
  DRAIN_DELAY_MS: z.coerce.number().int().min(0).max(120_000).default(5000),
  /** Most connections one process's PostgreSQL pool opens (each instance, each cluster worker). */
  PG_POOL_MAX: z.coerce.number().int().positive().max(1000).default(10),
  /** Consecutive Redis timeouts after which grants use local counters without waiting on Redis, until a probe answers. */
  REDIS_TIMEOUTS_BEFORE_FALLBACK: z.coerce.number().int().positive().max(1000).default(3),
  /** `npm run start:cluster` / `node dist/cli/cluster.js`: API processes on one port (node:cluster); 0: one per core. */
  WORKERS: z.coerce.number().int().min(0).max(256).default(1),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  /** `json` (one object per line) or `pretty` (needs the pino-pretty dev dependency); default: pretty in development. */
  LOG_FORMAT: z.enum(["json", "pretty"]).optional(),
});

export type Env = z.infer<typeof envSchema>;
