import { Worker } from "node:worker_threads";
import { SQLITE } from "./bulk-sql";
import { SQLITE_PRAGMAS } from "./sqlite";

/** Writes grant batches on a second SQLite connection in a worker thread. */
export interface GrantWriter {
  /** Resolves once the rows (insertGrants' JSON parameter) have committed and been fsynced. */
  insertGrants(grantsJson: string): Promise<void>;
  /** Upload grants and their PENDING objects, in one transaction. */
  insertUploads(grantsJson: string, objectsJson: string): Promise<void>;
  close(): Promise<void>;
}

// The worker body is plain CommonJS so it runs the same from ts sources, dist/ and jest.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.path);
for (const pragma of workerData.pragmas) db.pragma(pragma);
const grant = db.prepare(workerData.sql.insertGrant);
const object = db.prepare(workerData.sql.insertObject);
const write = db.transaction((grants, objects) => {
  for (const row of grants) grant.run(row);
  for (const row of objects) object.run(row);
});
parentPort.on("message", ({ id, grantsJson, objectsJson }) => {
  try {
    write(JSON.parse(grantsJson), objectsJson === undefined ? [] : JSON.parse(objectsJson));
    parentPort.postMessage({ id });
  } catch (e) {
    parentPort.postMessage({ id, error: { message: e.message, code: e.code } });
  }
});
`;

/**
 * With synchronous=FULL every commit waits for fsync. better-sqlite3 is synchronous, so on the
 * main thread that wait would stall every request in flight; in a worker it stalls nothing, and
 * grants arriving meanwhile gather into the next batch (group commit, see group-commit.ts).
 * If the thread dies, waiting and later writes fail, and `onFailure` hears why.
 */
export function startGrantWriter(path: string, onFailure: (error: Error) => void): GrantWriter {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { driver: require.resolve("better-sqlite3"), path, pragmas: SQLITE_PRAGMAS, sql: SQLITE },
  });
  const waiting = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  let next = 0;
  let stopped: Error | undefined;
  let closing = false;
  const stop = (error: Error, report: boolean) => {
    if (stopped) return;
    stopped = error;
    for (const w of waiting.values()) w.reject(error);
    waiting.clear();
    if (report) onFailure(error);
  };
  worker.on("message", ({ id, error }: { id: number; error?: { message: string; code?: string } }) => {
    const w = waiting.get(id)!;
    waiting.delete(id);
    if (waiting.size === 0) worker.unref();
    if (error) w.reject(Object.assign(new Error(error.message), { code: error.code }));
    else w.resolve();
  });
  worker.on("error", (error) => stop(error, true));
  worker.on("exit", (code) => stop(new Error(`grant writer stopped (exit code ${code})`), !closing));
  // Idle, the writer must not keep a process alive; busy, it must (or a CLI could exit mid-write).
  worker.unref();
  const send = (message: { grantsJson: string; objectsJson?: string }) =>
    new Promise<void>((resolve, reject) => {
      if (stopped) return reject(stopped);
      const id = next++;
      if (waiting.size === 0) worker.ref();
      waiting.set(id, { resolve, reject });
      worker.postMessage({ id, ...message });
    });
  return {
    insertGrants: (grantsJson) => send({ grantsJson }),
    insertUploads: (grantsJson, objectsJson) => send({ grantsJson, objectsJson }),
    close: async () => {
      closing = true;
      await worker.terminate();
    },
  };
}
