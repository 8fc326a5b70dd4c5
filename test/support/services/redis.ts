import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { aptInstall, freePort, onPath, run, type ThrowawayServer } from "./host";

/** True when a Redis at 127.0.0.1:port answers PING. */
function pongs(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect({ host: "127.0.0.1", port, timeout: 500 });
    const end = (ok: boolean) => (socket.destroy(), done(ok));
    socket.once("connect", () => socket.write("PING\r\n"));
    socket.once("data", (reply) => end(reply.toString().startsWith("+PONG")));
    socket.once("timeout", () => end(false));
    socket.once("error", () => end(false));
  });
}

/** A Redis of its own for one test run: a free port, memory only (no RDB, no AOF). Installs Debian's package if missing. */
export async function startThrowawayRedis(): Promise<ThrowawayServer> {
  if (!onPath("redis-server")) aptInstall(["redis-server"]);
  const dir = mkdtempSync(join(tmpdir(), "valet-test-redis-"));
  const port = await freePort();
  const pidFile = join(dir, "redis.pid");
  run("redis-server", [
    ...["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    ...["--daemonize", "yes", "--dir", dir, "--pidfile", pidFile, "--logfile", join(dir, "redis.log")],
  ]);
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    // Memory only: SIGTERM ends it at once, with nothing to write.
    if (existsSync(pidFile)) process.kill(Number(readFileSync(pidFile, "utf8")), "SIGTERM");
    rmSync(dir, { recursive: true, force: true });
  };
  for (const until = Date.now() + 10_000; !(await pongs(port)); await new Promise((r) => setTimeout(r, 50)))
    if (Date.now() > until) {
      stop();
      throw new Error(`redis-server did not answer on port ${port} within 10 s`);
    }
  return { url: `redis://127.0.0.1:${port}`, stop };
}
