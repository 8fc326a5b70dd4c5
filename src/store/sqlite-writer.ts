import { extname, join } from "node:path";
import { Worker } from "node:worker_threads";
import { SQLITE } from "./bulk-sql";
import { SQLITE_PRAGMAS } from "./sqlite";
import type { CloseRequest, WriteAnswer, WriteRequest, WriterData } from "./sqlite-writer.worker";

/** Writes grant batches on a second SQLite connection in a worker thread. */
export interface GrantWriter {
  /** Resolves once the rows (insertGrants' JSON parameter) have committed and been fsynced. */
  insertGrants(grantsJson: string): Promise<void>;
  /**
   * Upload grants and their PENDING objects, with their owners' usage counter moves, in one
   * transaction; uploads with an admission (sqlite-writer.worker.ts `admissionsJson`) only within
   * their quota. Resolves to the indexes of the uploads left out for their quota.
   */
  insertUploads(grantsJson: string, objectsJson: string, usageJson: string, admissionsJson: string): Promise<number[]>;
  /**
   * Lets the batches already sent commit, then has the thread close its connection and end by
   * itself. Resolves to the thread's exit code: 0 when it did; otherwise it had already failed, or
   * was terminated after CLOSE_TIMEOUT_MS.
   */
  close(): Promise<number>;
}

/** How long `close` waits for the thread to end by itself before terminating it. */
export const CLOSE_TIMEOUT_MS = 10_000;

const WORKER_FILE = join(__dirname, `sqlite-writer.worker${extname(__filename)}`);

/**
 * Compiled (dist/), the worker is a .js file Node runs as it is. From TypeScript sources (jest,
 * `node -r @swc-node/register`) it is a .ts file: the thread registers swc-node first, unless it
 * inherited the registration from the parent's `-r`.
 */
function startWorker(workerData: WriterData): Worker {
  if (extname(WORKER_FILE) !== ".ts") return new Worker(WORKER_FILE, { workerData });
  const register = require.resolve("@swc-node/register");
  const boot = `if (!require.extensions[".ts"]) require(${JSON.stringify(register)}); require(${JSON.stringify(WORKER_FILE)});`;
  return new Worker(boot, { eval: true, workerData });
}

/**
 * With synchronous=FULL every commit waits for fsync. better-sqlite3 is synchronous, so on the
 * main thread that wait would stall every request in flight; in a worker it stalls nothing, and
 * grants arriving meanwhile gather into the next batch (group commit, see group-commit.ts).
 * If the thread dies, waiting and later writes fail, and `onFailure` hears why.
 */
export function startGrantWriter(path: string, onFailure: (error: Error) => void): GrantWriter {
  const worker = startWorker({ path, pragmas: SQLITE_PRAGMAS, sql: SQLITE });
  const waiting = new Map<number, { resolve: (refused: number[]) => void; reject: (e: Error) => void }>();
  let next = 0;
  let stopped: Error | undefined;
  let closing: Promise<number> | undefined;
  const exited = new Promise<number>((resolve) => worker.once("exit", resolve));
  const stop = (error: Error, report: boolean) => {
    if (stopped) return;
    stopped = error;
    for (const w of waiting.values()) w.reject(error);
    waiting.clear();
    if (report) onFailure(error);
  };
  worker.on("message", ({ id, error, refused = [] }: WriteAnswer) => {
    const w = waiting.get(id)!;
    waiting.delete(id);
    if (waiting.size === 0 && !closing) worker.unref();
    if (error) w.reject(Object.assign(new Error(error.message), { code: error.code }));
    else w.resolve(refused);
  });
  worker.on("error", (error) => stop(error, true));
  worker.on("exit", (code) => stop(new Error(`grant writer stopped (exit code ${code})`), closing === undefined));
  // Idle, the writer must not keep a process alive; busy, it must (or a CLI could exit mid-write).
  worker.unref();
  const send = (message: Omit<WriteRequest, "id">) =>
    new Promise<number[]>((resolve, reject) => {
      if (stopped) return reject(stopped);
      if (closing) return reject(new Error("grant writer closed"));
      const id = next++;
      if (waiting.size === 0) worker.ref();
      waiting.set(id, { resolve, reject });
      worker.postMessage({ id, ...message } satisfies WriteRequest);
    });
  return {
    insertGrants: (grantsJson) => send({ grantsJson }).then(() => undefined),
    insertUploads: (grantsJson, objectsJson, usageJson, admissionsJson) =>
      send({ grantsJson, objectsJson, usageJson, admissionsJson }),
    // Not worker.terminate() while the thread holds an open connection: with better-sqlite3 on Node 24
    // tearing a thread down mid-call can abort the whole process (WiseLibs/better-sqlite3#1507, #1515).
    close: () => (closing ??= closeWorker(worker, exited, stopped !== undefined)),
  };
}

async function closeWorker(worker: Worker, exited: Promise<number>, failed: boolean): Promise<number> {
  if (failed) return worker.terminate().then(() => exited);
  worker.ref(); // a process must not exit before its writer has closed the file
  worker.postMessage({ close: true } satisfies CloseRequest);
  const fallback = setTimeout(() => void worker.terminate(), CLOSE_TIMEOUT_MS);
  try {
    return await exited;
  } finally {
    clearTimeout(fallback);
  }
}
