import workerThreads from "node:worker_threads";

/**
 * better-sqlite3 12 built against Node 24's headers aborts the whole process when the garbage
 * collector frees one of its connections or statements: node::ObjectWrap's destructor removes an
 * environment cleanup hook, and Node asserts that a current Environment exists, which a GC pass
 * may run without ("Assertion failed: (env) != nullptr", WiseLibs/better-sqlite3#1515). A handle
 * still reachable when its thread ends is freed by that cleanup hook instead, which is safe. So
 * every connection and statement the store creates stays reachable until its thread ends; a closed
 * connection's statements are finalized by `close()`, so what stays is a few small objects.
 *
 * The list hangs on a Node built-in module object: jest gives every test file its own module
 * registry (and globals) but shares built-in modules, so a finished test file's connections are not
 * collected with its registry. Each thread has its own built-ins, hence its own list.
 */
const HANDLES = Symbol.for("valet.store.sqliteHandles");

type Anchor = { [HANDLES]?: object[] };

/** Keeps a better-sqlite3 connection or statement reachable for the rest of this thread's life. */
export function retainSqliteHandle<T extends object>(handle: T): T {
  const anchor = workerThreads as unknown as Anchor;
  (anchor[HANDLES] ??= []).push(handle);
  return handle;
}
