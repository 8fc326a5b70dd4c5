// The grant writer thread's body (sqlite-writer.ts starts it): a second connection on the SQLite
// file, one transaction per batch, the answer posted back with the batch's id.
import { parentPort, workerData } from "node:worker_threads";
import BetterSqlite3 from "better-sqlite3";

/** What sqlite-writer.ts hands the thread. */
export interface WriterData {
  path: string;
  pragmas: readonly string[];
  sql: { insertGrant: string; insertObject: string; moveUsage: string; admitUsage: string };
}

/** One batch: rows as JSON arrays of cells in column order (bulk-sql.ts). */
export interface WriteRequest {
  id: number;
  grantsJson: string;
  objectsJson?: string;
  /** The objects' owners' counter moves (usage-counters.ts), committed with them. */
  usageJson?: string;
  /**
   * Per upload (grants[i] with objects[i]), null or the parameters of its admission
   * (usage-counters.ts `admitUsage`, bound in order): such an upload moves its counters itself,
   * and is left out when they would exceed its quota. Its counters are not in `usageJson`.
   */
  admissionsJson?: string;
}

/** Sent last: close the connection and end the thread (after every batch sent before it). */
export interface CloseRequest {
  close: true;
}

/** The answer to one batch: its id, and why it failed when it did. */
export interface WriteAnswer {
  id: number;
  error?: { message: string; code?: string };
  /** The uploads (indexes into the batch) left out because their quota would be exceeded. */
  refused?: number[];
}

const { path, pragmas, sql } = workerData as WriterData;
const port = parentPort!;
const db = new BetterSqlite3(path);
// exec, not pragma(): pragma() leaves a statement behind for the garbage collector (sqlite-handles.ts).
for (const pragma of pragmas) db.exec(`PRAGMA ${pragma}`);
const grant = db.prepare(sql.insertGrant);
const object = db.prepare(sql.insertObject);
const moveUsage = db.prepare(sql.moveUsage);
const admitUsage = db.prepare(sql.admitUsage);
const write = db.transaction(
  (grants: unknown[][], objects: unknown[][], usage: unknown[][], admissions: (unknown[] | null)[]): number[] => {
    const refused: number[] = [];
    grants.forEach((row, i) => {
      const admission = admissions[i];
      if (admission && admitUsage.run(admission).changes === 0) return refused.push(i);
      grant.run(row);
      if (objects.length > 0) object.run(objects[i]);
    });
    for (const row of usage) moveUsage.run(row);
    return refused;
  },
);
const rows = (json: string | undefined) => (json === undefined ? [] : (JSON.parse(json) as unknown[][]));

port.on("message", (request: WriteRequest | CloseRequest) => {
  if ("close" in request) {
    // Closing the port leaves the thread nothing to wait for: it ends by itself with exit code 0,
    // its connection closed and its statements finalized, instead of being terminated mid-call.
    db.close();
    port.close();
    return;
  }
  const { id, grantsJson, objectsJson, usageJson, admissionsJson } = request;
  let answer: WriteAnswer = { id };
  try {
    const admissions = admissionsJson === undefined ? [] : (JSON.parse(admissionsJson) as (unknown[] | null)[]);
    const refused = write(rows(grantsJson), rows(objectsJson), rows(usageJson), admissions);
    if (refused.length > 0) answer = { id, refused };
  } catch (e) {
    const { message, code } = e as { message: string; code?: string };
    answer = { id, error: { message, code } };
  }
  port.postMessage(answer);
});
