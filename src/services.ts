import { randomUUID } from "node:crypto";
import type { Config } from "./config/config";
import type { ServiceDeps } from "./grants/deps";
import { grantId } from "./grants/grant-id";
import { createGroupCommit } from "./store/group-commit";
import { createObjectStore } from "./storage/objects";
import { createPresigner } from "./storage/presigner";
import { createS3Client } from "./storage/s3-client";
import { openDatabase } from "./store/database";
import { createStore } from "./store/store";

/** Overrides for tests: a different clock or store, without touching configuration. */
export type ServiceOverrides = Partial<Pick<ServiceDeps, "now" | "uuid" | "store">>;

/** Opens the database and S3 clients behind the services; `close` releases them. */
export async function createServices(
  config: Config,
  overrides: ServiceOverrides = {},
): Promise<{ services: ServiceDeps; close(): Promise<void> }> {
  const presigner = createPresigner(config.s3);
  const s3 = createS3Client(config.s3);
  const database = overrides.store ? null : await openDatabase(config.databaseUrl);
  const store = overrides.store ?? createStore(database!);
  const services: ServiceDeps = {
    config,
    presigner,
    objects: createObjectStore(s3, config.s3.bucket),
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
      s3.destroy();
      await database?.close();
    },
  };
}
