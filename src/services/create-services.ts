import type { Config } from "../config/config";
import type { ServiceDeps } from "./deps";
import { uuidv7 } from "../domain/uuidv7";
import { AppError } from "../errors/app-error";
import { ErrorCode } from "../errors/codes";
import { createGrantLimits } from "../limits/grant-limits";
import { endpointsFor } from "../policy/webhook.policy";
import { isDatabaseUnwritable } from "../store/errors";
import { PARTITIONS_AHEAD_MS } from "../store/grant-partitions";
import { createGroupCommit, type GroupCommit, type GroupCommitObserver } from "../store/group-commit";
import type * as S3StorageModule from "../storage/storage";
import type { Storage } from "../storage/types";
import { openDatabase, type Database } from "../store/database";
import { createStore } from "../store/store";
import type { DownloadGrantRecord, EventRouting, NewUpload, Store, UploadOutcome } from "../store/types";
import type { RedisObserver } from "../limits/redis-health";

/** Hooks applied while the services are built (metrics): wrappers that only watch, and observers. */
export interface ServiceInstrumentation {
  store?(store: Store): Store;
  storage?(storage: Storage): Storage;
  recordDownloads?: GroupCommitObserver<DownloadGrantRecord>;
  /** Also hears each upload recorded on its own after the exact usage check, as a write of one. */
  recordUploads?: GroupCommitObserver<NewUpload, UploadOutcome>;
  redis?: RedisObserver;
}

/** Overrides for tests: a different clock, store or storage backend, without touching configuration. */
export type ServiceOverrides = Partial<Pick<ServiceDeps, "now" | "uuid" | "store" | "publicUrl">> & {
  storage?: Storage;
  /** Errors no request sees (a dropped pool connection, a failed writer thread); the app logs them. */
  onBackgroundError?: (error: unknown) => void;
  /** Called after each commit that wrote an event to the outbox (the app's dispatcher wakes up). */
  onEventCommitted?: () => void;
  instrument?: ServiceInstrumentation;
};

/** The services, and what is behind them (for readiness checks); `close` flushes the group commits, then releases the storage and the database. */
export interface BuiltServices {
  services: ServiceDeps;
  storage: Storage;
  /** Null when a test handed in its own store. */
  database: Database | null;
  close: () => Promise<void>;
}

/** Opens the database and the storage behind the services. */
export async function createServices(config: Config, overrides: ServiceOverrides = {}): Promise<BuiltServices> {
  const instrument = overrides.instrument ?? {};
  const rawStorage = overrides.storage ?? loadS3Storage().createStorage(config.s3);
  const storage = instrument.storage?.(rawStorage) ?? rawStorage;
  const database = overrides.store
    ? null
    : await openDatabase(config.databaseUrl, { onBackgroundError: overrides.onBackgroundError, poolMax: config.pgPoolMax });
  // Every process that changes objects (the API, `npm run reap`) routes their events to the endpoints.
  const route: EventRouting = (type, profile) => endpointsFor(config.webhooks.endpoints, type, profile);
  const rawStore =
    overrides.store ??
    createStore(database!, { route, committed: overrides.onEventCommitted }, { leaseMs: config.reaper.leaseSeconds * 1000 });
  const store = instrument.store?.(rawStore) ?? rawStore;
  const now = overrides.now ?? (() => new Date());
  // Download grants land in daily partitions on PostgreSQL (store/grant-partitions.ts); the reaper keeps them coming.
  if (database) await store.prepareGrantPartitions(now(), new Date(now().getTime() + PARTITIONS_AHEAD_MS));
  const limits = await createGrantLimits({
    settings: config.limits,
    store,
    now,
    onBackgroundError: overrides.onBackgroundError ?? ((e) => process.stderr.write(`limits background error: ${e.message}\n`)),
    redisObserver: instrument.redis,
  });
  const recordDownloadGrants = createGroupCommit<DownloadGrantRecord>(async (grants) => {
    await store.recordDownloadGrants(grants);
  }, instrument.recordDownloads);
  const recordUploads = createGroupCommit<NewUpload, UploadOutcome>(
    (uploads) => store.recordUploadGrants(uploads),
    instrument.recordUploads,
  );
  const services: ServiceDeps = {
    config,
    presigner: storage.presigner,
    objects: storage.objects,
    multipart: storage.multipart,
    store,
    recordDownloadGrants: unwritableIsUnavailable(recordDownloadGrants),
    recordUploads: unwritableIsUnavailable(recordUploads),
    recordUploadAlone: async (upload, now, admits) => {
      const started = performance.now();
      const outcome = await store.recordUploadGrantWithinUsage(upload, now, admits).catch((e: unknown) => {
        throw isDatabaseUnwritable(e) ? unavailable(e) : e;
      });
      const results: UploadOutcome[] = [outcome.recorded ? "recorded" : "overQuota"];
      instrument.recordUploads?.({ items: [upload], results, waitMs: 0, writeMs: performance.now() - started });
      return outcome;
    },
    limits: limits.limits,
    now,
    uuid: overrides.uuid ?? (() => uuidv7()),
    grantId: () => uuidv7(),
    publicUrl: overrides.publicUrl ?? (() => config.http.publicUrl ?? `http://localhost:${config.http.port}`),
  };
  return {
    services,
    storage,
    database,
    close: async () => {
      // Grants still being batched are written before the database closes.
      await Promise.all([recordDownloadGrants.idle(), recordUploads.idle()]);
      storage.close();
      await limits.close();
      await database?.close();
    },
  };
}

/**
 * Around the group commit, which must see the database's own error to fail a batch together: a
 * registry that cannot write right now (locked past its timeout, read-only, full) is a
 * retryable SERVICE_UNAVAILABLE for the client, like a silent S3; the cause is logged.
 */
function unwritableIsUnavailable<T, R>(record: GroupCommit<T, R>): GroupCommit<T, R> {
  return (items) =>
    record(items).catch((e: unknown) => {
      throw isDatabaseUnwritable(e) ? unavailable(e) : e;
    });
}

const unavailable = (cause: unknown) =>
  new AppError(
    ErrorCode.SERVICE_UNAVAILABLE,
    "the grant registry cannot record grants right now; try again",
    { retryable: true },
    { cause },
  );

// Required on first use, not imported: the AWS SDK is the heaviest module here, and in-process
// tests (which bring their own storage) would load it once per test file for nothing.
function loadS3Storage(): typeof S3StorageModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deferred load, see above
  return require("../storage/storage") as typeof S3StorageModule;
}
