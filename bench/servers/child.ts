import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { cpus } from "node:os";
import { resolve } from "node:path";

/** A server script started in its own process (pinned to one core, or on every core); it prints its URL. */
export interface Child {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * TypeScript scripts run through the swc register; JavaScript ones (.mjs) with plain node, as they
 * would be deployed, unless `register` asks for the register anyway (the baseline A/B does).
 */
export function startChild(
  script: string,
  env: Record<string, string>,
  core?: number,
  register = script.endsWith(".ts"),
): Promise<Child> {
  const root = resolve(__dirname, "../..");
  // BENCH_NODE_ARGS: extra node flags for the server (e.g. --cpu-prof while tuning).
  const extra = (process.env.BENCH_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const args = [...extra, ...(register ? ["-r", "@swc-node/register"] : []), resolve(__dirname, script)];
  // Unpinned means every core: a child inherits the affinity of the process that spawns it (the
  // load generator, pinned to core 0), so it is given all of them explicitly.
  const cores = core === undefined ? `0-${cpus().length - 1}` : String(core);
  const [cmd, argv] = ["taskset", ["-c", cores, "node", ...args]];
  const child = spawn(cmd, argv, {
    cwd: root,
    env: { ...process.env, NODE_ENV: "production", ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((ok, fail) => {
    let out = "";
    child.once("exit", (code) => fail(new Error(`${script} exited with ${code}`)));
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /^READY (\S+)$/m.exec(out);
      if (match) {
        child.removeAllListeners("exit");
        ok({
          url: match[1],
          process: child,
          stop: () => new Promise<void>((done) => (child.once("exit", () => done()), child.kill("SIGTERM"))),
        });
      }
    });
  });
}

/**
 * Pins this process (the load generator) to one core, so that the servers pinned elsewhere have theirs.
 * `taskset -a`: every thread, not only the main one. Without it V8's helper threads (garbage
 * collection, compilers), started before the pinning, stay free to run on the servers' core.
 */
export function pinSelf(core: number, allThreads = true) {
  setAffinity(String(core), allThreads);
}

/** Sets this process's CPU affinity (a taskset list such as "0" or "0-1"); false if taskset failed. */
export function setAffinity(cpuList: string, allThreads: boolean): boolean {
  try {
    execFileSync("taskset", [...(allThreads ? ["-a"] : []), "-cp", cpuList, String(process.pid)], { stdio: "ignore" });
    return true;
  } catch {
    process.stderr.write("taskset unavailable: load generator and servers share cores\n");
    return false;
  }
}
