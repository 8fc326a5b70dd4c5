import type { Database } from "./database";
import { createDeliveryRepository } from "./deliveries.repo";
import { createRunExclusive, type ExclusiveOptions } from "./exclusive";
import { createGrantRepository } from "./grants.repo";
import { createObjectRepository } from "./objects.repo";
import { createRetentionRepository } from "./retention.repo";
import { createShareLinkRepository } from "./share-links.repo";
import { createShareRepository } from "./shares.repo";
import { createSweepRepository } from "./sweeps.repo";
import type { Outbox, Store } from "./types";
import { createUsageRepository } from "./usage.repo";

/** The store over an open database; `outbox` routes the events state changes write; `options` time the leases. */
export function createStore(database: Database, outbox: Outbox = {}, options: ExclusiveOptions = {}): Store {
  const { db, dialect, prepareSqlite, grantWriter } = database;
  return {
    ...createGrantRepository(db, dialect, grantWriter, prepareSqlite),
    ...createObjectRepository(db, dialect, prepareSqlite, outbox),
    ...createShareRepository(db, outbox),
    ...createShareLinkRepository(db, dialect),
    ...createSweepRepository(db),
    ...createUsageRepository(db, dialect),
    ...createRetentionRepository(db, dialect),
    ...createDeliveryRepository(db, dialect),
    runExclusive: createRunExclusive(database, options),
  };
}
