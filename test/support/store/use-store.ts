import type { Dialect } from "../../../src/store/database";
import { createStore } from "../../../src/store/store";
import type { Store } from "../../../src/store/types";
import { openTestDatabase, type TestDatabase } from "./databases";

/** A fresh database and store for every test of the enclosing describe (jest hooks). */
export function useTestStore(dialect: Dialect): { readonly store: Store; readonly testDb: TestDatabase } {
  const current = {} as { store: Store; testDb: TestDatabase };
  beforeEach(async () => {
    current.testDb = await openTestDatabase(dialect);
    current.store = createStore(current.testDb.database);
  });
  afterEach(() => current.testDb?.dispose());
  return current;
}
