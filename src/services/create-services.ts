import { randomUUID } from "node:crypto";
import type { Config } from "../config/config";
import type { ServiceDeps } from "./deps";
import { grantId } from "../domain/grant-id";
import { createGrantLimits } from "../limits/grant-limits";
import { AppError } from "../errors/app-error";
import { ErrorCode } from "../errors/codes";
import { isDatabaseUnwritable } from "../store/errors";
import { createGroupCommit, type GroupCommit } from "../store/group-commit";
import { createStorage } from "../storage/storage";
import type { Storage } from "../storage/types";
import { openDatabase } from "../store/database";
import { createStore } from "../store/store";

/** Overrides for tests: a different clock, store or storage backend, without touching configuration. */
export type ServiceOverrides = Partial<Pick<ServiceDeps, "now" | "uuid" | "store">> & {
  storage?: Storage;
  /** Errors no request sees (a dropped pool connection, a failed writer thread); the app logs them. */
  onBackgroundError?: (error: unknown) => void;
};

/** Opens the database and the storage behind the services; `close` releases both. */
export async function createServices(
  config: Config,
  overrides: ServiceOverrides = {},
): Promise<{ services: ServiceDeps; close(): Promise<void> }> {
  const storage = overrides.storage ?? createStorage(config.s3);
  const database = overrides.store ? null : await openDatabase(config.databaseUrl, { onBackgroundError: overrides.onBackgroundError });
  const store = overrides.store ?? createStore(database!);
  const now = overrides.now ?? (() => new Date());
  const limits = await createGrantLimits({
    settings: config.limits,
    store,
    now,
    onBackgroundError: overrides.onBackgroundError ?? ((e) => process.stderr.write(`limits background error: ${e.message}\n`)),
  });
  const services: ServiceDeps = {
    config,
    presigner: storage.presigner,
    objects: storage.objects,
    store,
    recordDownloadGrants: unwritableIsUnavailable(createGroupCommit((grants) => store.recordDownloadGrants(grants))),
    recordUploads: unwritableIsUnavailable(createGroupCommit((uploads) => store.recordUploadGrants(uploads))),
    limits: limits.limits,
    now,
    uuid: overrides.uuid ?? randomUUID,
    grantId: () => grantId(),
  };
  return {
    services,
    async close() {
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
function unwritableIsUnavailable<T>(record: GroupCommit<T>): GroupCommit<T> {
  return (items) =>
    record(items).catch((e: unknown) => {
      if (!isDatabaseUnwritable(e)) throw e;
      throw new AppError(ErrorCode.SERVICE_UNAVAILABLE, "the grant registry cannot record grants right now; try again", { retryable: true }, { cause: e });
    });
}
