import "reflect-metadata";
import cluster, { type Worker } from "node:cluster";
import { extname, resolve } from "node:path";
import { loadConfig } from "../config/config";
import { isPostgresUrl } from "../store/postgres";

// npm run start:cluster (or node dist/cli/cluster.js): WORKERS copies of main on one port through
// node:cluster, so one machine's cores all serve. Each worker is a whole instance (its own pools,
// group commits and drain); they share the registry, and Redis when REDIS_URL is set, exactly as
// separate instances would. SIGTERM or SIGINT reaches every worker, which drains; the primary
// exits once all have, with the first non-zero code among them. The first worker starts alone
// (it runs the migrations; two at once would race on SQLite), the others once it listens. A worker
// that dies unasked after listening is replaced; one that never got that far stops them all.
function main() {
  const config = loadConfig();
  const workers = config.ops.workers;
  // SQLite's reaper lock is per process: on SQLite only the first worker runs the reaper.
  const sqlite = !isPostgresUrl(config.databaseUrl);
  cluster.setupPrimary({ exec: resolve(__dirname, `../main${extname(__filename)}`) });
  let stopping = false;
  let exitCode = 0;
  const indexOf = new Map<Worker, number>();
  const listened = new Set<Worker>();
  const fork = (index: number) => {
    const env: Record<string, string> = {};
    if (sqlite && index > 1) env.REAP_INTERVAL_SECONDS = "0";
    // Each worker's counters are its own: one metrics port per worker, from METRICS_PORT up.
    if (config.ops.metricsPort) env.METRICS_PORT = String(config.ops.metricsPort + index - 1);
    indexOf.set(cluster.fork(env), index);
  };
  fork(1);
  cluster.on("listening", (worker) => {
    // The API's port and, with METRICS_PORT, the metrics port: only the first counts.
    if (listened.has(worker)) return;
    listened.add(worker);
    if (listened.size === 1 && indexOf.get(worker) === 1) for (let i = 2; i <= workers; i++) fork(i);
  });
  cluster.on("exit", (worker, code) => {
    const index = indexOf.get(worker)!;
    indexOf.delete(worker);
    if (code) exitCode ||= code;
    if (!stopping && listened.delete(worker)) {
      process.stderr.write(`worker ${index} exited with ${code}; starting another\n`);
      return fork(index);
    }
    if (!stopping) {
      exitCode ||= 1;
      stop();
    }
    if (indexOf.size === 0) process.exit(exitCode);
  });
  // Always SIGTERM: a Ctrl-C already reached every worker (one process group), and a second
  // SIGINT would make a worker skip its drain.
  function stop() {
    stopping = true;
    for (const worker of indexOf.keys()) worker.process.kill("SIGTERM");
  }
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main();
