import type { Database } from "./database";
import { createRunExclusive } from "./exclusive";
import { createGrantRepository } from "./grants.repo";
import { createObjectRepository } from "./objects.repo";
import { createRetentionRepository } from "./retention.repo";
import { createShareLinkRepository } from "./share-links.repo";
import { createShareRepository } from "./shares.repo";
import { createSweepRepository } from "./sweeps.repo";
import type { Store } from "./types";
import { createUsageRepository } from "./usage.repo";

/** The store over an open database. */
export function createStore(database: Database): Store {
  const { db, dialect, prepareSqlite, grantWriter } = database;
  return {
    ...createGrantRepository(db, dialect, grantWriter, prepareSqlite),
    ...createObjectRepository(db, dialect, prepareSqlite),
    ...createShareRepository(db),
    ...createShareLinkRepository(db, dialect),
    ...createSweepRepository(db),
    ...createUsageRepository(db),
    ...createRetentionRepository(db, dialect),
    runExclusive: createRunExclusive(database),
  };
}
