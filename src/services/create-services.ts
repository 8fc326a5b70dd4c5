import { randomUUID } from "node:crypto";
import type { Config } from "../config/config";
import type { ServiceDeps } from "./deps";
import { grantId } from "../domain/grant-id";
import { createGroupCommit } from "../store/group-commit";
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
  const services: ServiceDeps = {
    config,
    presigner: storage.presigner,
    objects: storage.objects,
    multipart: storage.multipart,
    store,
    recordDownloadGrants: createGroupCommit((grants) => store.recordDownloadGrants(grants)),
    recordUploads: createGroupCommit((uploads) => store.recordUploadGrants(uploads)),
    now: overrides.now ?? (() => new Date()),
    uuid: overrides.uuid ?? randomUUID,
    grantId: () => grantId(),
  };
  return {
    services,
    async close() {
      storage.close();
      await database?.close();
    },
  };
}
