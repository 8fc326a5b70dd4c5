import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { openDatabase } from "./database";

// Under Node 24, better-sqlite3 12 aborts the process when the collector frees one of its handles
// (sqlite-handles.ts): a closed store's handles must stay reachable. Checked on any Node version
// with weak references and a forced collection; under Node 24 the old code aborted here instead.
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

async function collectGarbage() {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Opens a store, runs a query, closes it; only weak references to its handles leave this function. */
async function closedStoreHandles() {
  const database = await openDatabase(":memory:");
  await database.db.selectFrom("grants").select("id").execute();
  const statement = database.prepareSqlite!("select 1");
  const handles = [new WeakRef(statement), new WeakRef(statement.database)];
  await database.close();
  return handles;
}

describe("better-sqlite3 handles", () => {
  it("a closed store's connection and statements are never collected", async () => {
    const handles = await closedStoreHandles();
    const unrelated = ((o: object) => new WeakRef(o))({ garbage: true });
    await collectGarbage();
    expect(unrelated.deref()).toBeUndefined(); // the collection did run, and frees what nothing holds
    expect(handles.map((h) => h.deref() !== undefined)).toEqual([true, true]);
  });
});
