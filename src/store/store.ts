import type { Database } from "./database";
import { createGrantRepository, type GrantRepository } from "./grants.repo";
import { createObjectRepository, type ObjectRepository } from "./objects.repo";

/** Everything services need from persistence; depend on this, not on Kysely. */
export interface Store extends GrantRepository, ObjectRepository {}

/** The store over an open database. */
export function createStore(database: Database): Store {
  const { db, prepareSqlite, grantWriter } = database;
  return { ...createGrantRepository(db, grantWriter, prepareSqlite), ...createObjectRepository(db, prepareSqlite) };
}
