// The shape of the configuration loadConfig builds (config.ts); what each setting means is in docs/configuration.md.
import type { EventType } from "../domain/events";
import type { Env } from "./env.schema";
import type { AsymmetricJwtAlgorithm, SECRET_JWT_ALGORITHM } from "./jwt-algorithms";
import type { UploadProfile } from "./profiles.schema";
import type { QuotaTable } from "./quotas.schema";

export type AuthConfig =
  | { kind: "secret"; secret: Uint8Array; algorithms: [typeof SECRET_JWT_ALGORITHM] }
  | { kind: "jwks"; url: URL }
  | { kind: "public-key"; pem: string; algorithm: AsymmetricJwtAlgorithm };

/** The reaper's timing, and how long grant rows outlive their expiry. */
export interface ReaperSettings {
  graceSeconds: number;
  /** 0: no periodic passes (npm run reap still runs one). */
  intervalSeconds: number;
  /** S3 clean-up calls one instance's reaper has under way at once. */
  concurrency: number;
  /** A claim on objects being reaped, and the stray sweep's lease, run out this long after they were taken or renewed. */
  leaseSeconds: number;
  /** Grant rows expired, and objects REJECTED, EXPIRED or ABORTED, longer ago than this are pruned (a grant an object refers to stays). */
  retentionSeconds: number;
  /** Most rows one pruning statement deletes. */
  pruneBatch: number;
  /** Delivered events (and those that went nowhere) are pruned this long after they happened. */
  eventRetentionSeconds: number;
}

/** One webhook endpoint: where events go, and the key they are signed with. */
export interface WebhookEndpoint {
  /** Names it in delivery records: its URL unless the webhooks file gives an id. */
  id: string;
  url: string;
  /** The HMAC-SHA256 key: the bytes a `whsec_…` secret stands for. */
  key: Uint8Array;
  events: readonly EventType[];
  /** Only events about objects of these profiles; null: every profile. */
  profiles: readonly string[] | null;
}

/** Where events are delivered and how each delivery is tried. */
export interface WebhookSettings {
  endpoints: readonly WebhookEndpoint[];
  timeoutMs: number;
  /** How long after its event a delivery is retried before it is FAILED. */
  retryMs: number;
  /** The first retry waits about firstMs; each next one twice as long, at most maxMs (with jitter). */
  backoff: { firstMs: number; maxMs: number };
  pollMs: number;
  concurrency: number;
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
    /** Proxies in front whose X-Forwarded-For entries are trusted (http/client-address.ts); 0: the socket's address. */
    trustProxyHops: number;
    /** Base of the links handed out, without a trailing slash; undefined: the address the server listens on. */
    publicUrl?: string;
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
    /** Claims the profiles refer to (`sameClaim`, `{claim:NAME}`); verified viewers carry their usable string values. */
    claimNames?: readonly string[];
    clockTolerance: number;
    /** Seconds after `iat` a token stops being accepted; undefined: no limit and `iat` optional. */
    maxTokenAge?: number;
  };
  profiles: Map<string, UploadProfile>;
  uploads: UploadSettings;
  downloads: DownloadSettings;
  links: LinkSettings;
  shares: ShareSettings;
  limits: LimitSettings;
  databaseUrl: string;
  /** PostgreSQL only: most connections this process's pool opens. */
  pgPoolMax: number;
  reaper: ReaperSettings;
  webhooks: WebhookSettings;
  s3Events: S3EventSettings;
  graphql: {
    introspection: boolean;
    landingPage: boolean;
    stackTraces: boolean;
    /** Run repeated, already-validated operations with graphql-js directly instead of Apollo's request pipeline (http/direct-execution.ts). */
    directExecution: boolean;
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
  ops: {
    metricsPort?: number;
    readinessTimeoutMs: number;
    shutdownTimeoutMs: number;
    /** On SIGTERM: /readyz answers 503 this long, requests still served, before the listener closes. */
    drainDelayMs: number;
    workers: number;
  };
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
  /** Seconds: cacheable URLs are signed at the start of such a window, so a window gives one URL (policy/cache-window.ts). */
  urlWindow: number;
  /** Lower-case type/subtype values a download may be INLINE as; never a scriptable type. */
  inlineTypes: readonly string[];
}

/** Share links (GET /s/<token>). */
export interface LinkSettings {
  /** Seconds the presigned GET a link redirects to stays valid. */
  urlTtl: number;
}

/** How long shares may last. */
export interface ShareSettings {
  /** Seconds; shareObject clamps expiresIn to it, and uses it when none is given. */
  maxExpiresIn: number;
}

/** Bounds on grant issuance: rate limits per viewer and kind, and per client address for share links; upload quotas by role. */
export interface LimitSettings {
  /** Upload grants one viewer may be issued per minute; 0: unlimited. */
  uploadsPerMinute: number;
  /** Download grants one viewer may be issued per minute; 0: unlimited. */
  downloadsPerMinute: number;
  /** Share-link requests one client address may make per minute, answered or not; 0: unlimited. */
  linkAttemptsPerMinute: number;
  quotas: QuotaTable;
  /** Where the rate counters are shared between instances; absent: each instance counts in memory. */
  redis?: {
    url: string;
    keyPrefix: string;
    timeoutMs: number;
    /** Consecutive timeouts after which Redis is not asked until a probe answers. */
    timeoutsBeforeFallback: number;
  };
}

/** Ceph RGW's push of ObjectCreated notifications to /s3-events. */
export interface S3EventSettings {
  enabled: boolean;
  /** The secret each push carries as ?token=. */
  token: string;
  /** Where the RGW reaches /s3-events; undefined: http://127.0.0.1:PORT/s3-events. */
  url?: string;
}
