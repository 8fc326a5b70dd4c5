import { availableParallelism } from "node:os";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigError, DEV_JWT_SECRET, loadConfig } from "./config";

const root = `${__dirname}/../..`;
const load = (env: Record<string, string>) => () => loadConfig(env, root);

describe("loadConfig", () => {
  it("uses the dev secret outside production", () => {
    const config = loadConfig({}, root);
    expect(config.auth.kind).toBe("secret");
    expect(config.graphql).toMatchObject({ introspection: true, landingPage: true, stackTraces: true });
  });

  it("defaults S3 to the local dev RGW outside production, and to nothing in production", () => {
    expect(loadConfig({}, root).s3).toMatchObject({
      endpoint: "http://127.0.0.1:7480",
      forcePathStyle: true,
      credentials: { accessKeyId: "valet-dev-access-key" },
    });
    const production = loadConfig({ NODE_ENV: "production", AUTH_JWKS_URL: "https://id.example.com/jwks.json" }, root).s3;
    expect(production).toMatchObject({ endpoint: undefined, forcePathStyle: false, credentials: undefined });
  });

  test.each([
    ["no auth at all", {}],
    ["the dev secret", { AUTH_JWT_SECRET: DEV_JWT_SECRET }],
    ["a short secret", { AUTH_JWT_SECRET: "short" }],
  ])("refuses production with %s", (_label, env) => {
    expect(load({ NODE_ENV: "production", ...env })).toThrow(ConfigError);
  });

  it("starts production with a JWKS URL, introspection and landing page off", () => {
    const config = loadConfig({ NODE_ENV: "production", AUTH_JWKS_URL: "https://id.example.com/.well-known/jwks.json" }, root);
    expect(config.auth.kind).toBe("jwks");
    expect(config.graphql).toMatchObject({ introspection: false, landingPage: false, stackTraces: false });
  });

  test.each([
    ["development", { NODE_ENV: "development" }, "pretty"],
    ["test", { NODE_ENV: "test" }, "json"],
    ["production", { NODE_ENV: "production", AUTH_JWKS_URL: "https://id.example.com/jwks.json" }, "json"],
    ["development with LOG_FORMAT=json", { NODE_ENV: "development", LOG_FORMAT: "json" }, "json"],
  ])("logs %s as %s", (_label, env, format) => {
    expect(loadConfig(env, root).logFormat).toBe(format);
  });

  it("reads the operations settings, metrics on the API's port unless METRICS_PORT is set", () => {
    expect(loadConfig({}, root).ops).toEqual({
      metricsPort: undefined,
      readinessTimeoutMs: 1000,
      shutdownTimeoutMs: 25000,
      drainDelayMs: 5000,
      workers: 1,
    });
    expect(
      loadConfig(
        { METRICS_PORT: "9464", READINESS_TIMEOUT_MS: "500", SHUTDOWN_TIMEOUT_MS: "5000", DRAIN_DELAY_MS: "0", WORKERS: "3" },
        root,
      ).ops,
    ).toEqual({ metricsPort: 9464, readinessTimeoutMs: 500, shutdownTimeoutMs: 5000, drainDelayMs: 0, workers: 3 });
    expect(loadConfig({ WORKERS: "0" }, root).ops.workers).toBe(availableParallelism());
  });

  it("sizes the PostgreSQL pool from PG_POOL_MAX, 10 by default", () => {
    expect(loadConfig({}, root).pgPoolMax).toBe(10);
    expect(loadConfig({ PG_POOL_MAX: "2" }, root).pgPoolMax).toBe(2);
    expect(() => loadConfig({ PG_POOL_MAX: "0" }, root)).toThrow(/PG_POOL_MAX/);
  });

  it("lets shares last 30 days by default, or SHARE_MAX_EXPIRES_IN seconds", () => {
    expect(loadConfig({}, root).shares).toEqual({ maxExpiresIn: 2_592_000 });
    expect(loadConfig({ SHARE_MAX_EXPIRES_IN: "3600" }, root).shares).toEqual({ maxExpiresIn: 3600 });
    expect(() => loadConfig({ SHARE_MAX_EXPIRES_IN: "0" }, root)).toThrow(/SHARE_MAX_EXPIRES_IN/);
  });

  it("names no token claims for the development profiles", () => {
    expect(loadConfig({}, root).auth.claimNames).toEqual([]);
  });

  it("keeps grant rows 30 days after expiry and delivered events 7 days by default, and prunes 5000 at a time", () => {
    expect(loadConfig({}, root).reaper).toEqual({
      eventRetentionSeconds: 604_800,
      graceSeconds: 3600,
      intervalSeconds: 300,
      concurrency: 16,
      leaseSeconds: 60,
      retentionSeconds: 2_592_000,
      pruneBatch: 5000,
    });
    expect(loadConfig({ GRANT_RETENTION_SECONDS: "60", GRANT_PRUNE_BATCH: "10" }, root).reaper).toMatchObject({
      retentionSeconds: 60,
      pruneBatch: 10,
    });
  });

  test.each([
    ["a bad port", { PORT: "http" }],
    ["a bad metrics port", { METRICS_PORT: "70000" }],
    ["a negative retention", { GRANT_RETENTION_SECONDS: "-1" }],
    ["a zero prune batch", { GRANT_PRUNE_BATCH: "0" }],
    ["negative workers", { WORKERS: "-2" }],
    ["a zero shutdown timeout", { SHUTDOWN_TIMEOUT_MS: "0" }],
    ["an unknown log format", { LOG_FORMAT: "xml" }],
    ["a download default above the maximum", { DOWNLOAD_DEFAULT_EXPIRES_IN: "4000", DOWNLOAD_MAX_EXPIRES_IN: "3600" }],
    ["a download maximum over 7 days", { DOWNLOAD_MAX_EXPIRES_IN: "604801" }],
    ["a URL window over half the download maximum", { DOWNLOAD_URL_WINDOW: "1801", DOWNLOAD_MAX_EXPIRES_IN: "3600" }],
    ["a zero URL window", { DOWNLOAD_URL_WINDOW: "0" }],
    ["a PUBLIC_URL that is not http(s)", { PUBLIC_URL: "ftp://files.example.com" }],
    ["a PUBLIC_URL that is not a URL", { PUBLIC_URL: "files.example.com" }],
    ["a share-link URL lifetime over an hour", { SHARE_LINK_URL_TTL: "3601" }],
    ["a negative proxy count", { TRUST_PROXY_HOPS: "-1" }],
    ["a missing profiles file", { PROFILES_FILE: "nope.json" }],
  ])("refuses %s", (_label, env) => {
    expect(load(env)).toThrow(ConfigError);
  });

  it("signs cacheable URLs in 10-minute windows by default; a window may be half the download maximum", () => {
    expect(loadConfig({}, root).downloads.urlWindow).toBe(600);
    expect(loadConfig({ DOWNLOAD_URL_WINDOW: "1800", DOWNLOAD_MAX_EXPIRES_IN: "3600" }, root).downloads.urlWindow).toBe(1800);
  });

  it("serves share links from the listening address, for 60 s URLs, 30 attempts a minute per socket address, by default", () => {
    const config = loadConfig({}, root);
    expect(config.http).toMatchObject({ publicUrl: undefined, trustProxyHops: 0 });
    expect(config.links).toEqual({ urlTtl: 60 });
    expect(config.limits.linkAttemptsPerMinute).toBe(30);
  });

  it("reads PUBLIC_URL without its trailing slash, and the proxies in front", () => {
    const config = loadConfig({ PUBLIC_URL: "https://files.example.com/valet/", TRUST_PROXY_HOPS: "2" }, root);
    expect(config.http).toMatchObject({ publicUrl: "https://files.example.com/valet", trustProxyHops: 2 });
  });

  it("limits grants per viewer by default: 60 uploads and 3000 downloads a minute, counted in memory, quotas from quotas.json", () => {
    const { limits } = loadConfig({}, root);
    expect(limits).toMatchObject({ uploadsPerMinute: 60, downloadsPerMinute: 3000, redis: undefined });
    expect(limits.quotas.get("default")).toEqual({
      outstandingUploads: 100,
      pendingBytes: 1024 ** 3,
      storedBytes: 10 * 1024 ** 3,
    });
  });

  it("shares the rate counters through Redis when REDIS_URL is set", () => {
    const { limits } = loadConfig(
      { REDIS_URL: "redis://:secret@cache:6379/2", REDIS_KEY_PREFIX: "prod", REDIS_TIMEOUT_MS: "100" },
      root,
    );
    expect(limits.redis).toEqual({
      url: "redis://:secret@cache:6379/2",
      keyPrefix: "prod",
      timeoutMs: 100,
      timeoutsBeforeFallback: 3,
    });
    expect(
      loadConfig({ REDIS_URL: "redis://cache", REDIS_TIMEOUTS_BEFORE_FALLBACK: "1" }, root).limits.redis?.timeoutsBeforeFallback,
    ).toBe(1);
  });

  test.each([
    ["ops", "ops"],
    ["ops:", "ops"],
    ["ops::", "ops"],
    ["team:ops", "team:ops"],
  ])("takes REDIS_KEY_PREFIX=%s as the prefix %s, so keys have one colon after it", (given, prefix) => {
    expect(loadConfig({ REDIS_URL: "redis://cache", REDIS_KEY_PREFIX: given }, root).limits.redis?.keyPrefix).toBe(prefix);
  });

  it("defaults REDIS_KEY_PREFIX to valet and refuses one of colons only", () => {
    expect(loadConfig({ REDIS_URL: "redis://cache" }, root).limits.redis?.keyPrefix).toBe("valet");
    expect(() => loadConfig({ REDIS_URL: "redis://cache", REDIS_KEY_PREFIX: ":" }, root)).toThrow(
      "REDIS_KEY_PREFIX: a prefix other than colons",
    );
  });

  const quotas = (content: unknown) => {
    const path = join(mkdtempSync(join(tmpdir(), "valet-config-")), "quotas.json");
    writeFileSync(path, JSON.stringify(content));
    return path;
  };
  const limits = { outstandingUploads: 1, pendingBytes: 1, storedBytes: 1 };

  test.each([
    ["a missing quotas file", () => ({ QUOTAS_FILE: "nope.json" })],
    ["a quotas file without default", () => ({ QUOTAS_FILE: quotas({ staff: limits }) })],
    ["a negative limit", () => ({ QUOTAS_FILE: quotas({ default: { ...limits, pendingBytes: -1 } }) })],
    ["a quota missing from an entry", () => ({ QUOTAS_FILE: quotas({ default: { outstandingUploads: 1, pendingBytes: 1 } }) })],
    ["an unknown quota", () => ({ QUOTAS_FILE: quotas({ default: { ...limits, files: 3 } }) })],
    ["a REDIS_URL that is not redis://", () => ({ REDIS_URL: "http://cache:6379" })],
    ["a negative rate limit", () => ({ RATE_LIMIT_UPLOADS_PER_MINUTE: "-1" })],
  ])("refuses %s", (_label, env) => {
    expect(load(env())).toThrow(ConfigError);
  });

  it("accepts null as unlimited and 0 as nothing allowed", () => {
    const path = quotas({ default: { outstandingUploads: 0, pendingBytes: null, storedBytes: null } });
    expect(loadConfig({ QUOTAS_FILE: path }, root).limits.quotas.get("default")).toEqual({
      outstandingUploads: 0,
      pendingBytes: null,
      storedBytes: null,
    });
  });
});
