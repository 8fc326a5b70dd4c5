import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { connect, createServer, type AddressInfo } from "node:net";

/** A server one test run started, and how to stop it and remove everything it wrote. */
export interface ThrowawayServer {
  url: string;
  stop(): void;
}

/** True when something accepts a TCP connection at host:port within `timeoutMs`. */
export function answers(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect({ host, port, timeout: timeoutMs });
    const end = (ok: boolean) => (socket.destroy(), done(ok));
    socket.once("connect", () => end(true));
    socket.once("timeout", () => end(false));
    socket.once("error", () => end(false));
  });
}

/** A port nothing listens on at 127.0.0.1 (it was free a moment ago). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((ok) => server.close(() => ok()));
  return port;
}

/** Runs a command to its end; a failure carries what it wrote. */
export function run(command: string, args: readonly string[]): string {
  try {
    return execFileSync(command, args, { stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(" ")} failed:\n${stdout ?? ""}${stderr ?? ""}`, { cause: error });
  }
}

const isRoot = () => process.getuid?.() === 0;

/** `command` as a given system user when running as root (PostgreSQL refuses root), else as ourselves. */
export function asUser(user: string, command: string, args: readonly string[]): [string, string[]] {
  return isRoot() ? ["runuser", ["-u", user, "--", command, ...args]] : [command, [...args]];
}

/** True when `command` is an executable file in a PATH directory. */
export function onPath(command: string): boolean {
  return (process.env.PATH ?? "").split(":").some((dir) => dir !== "" && existsSync(join(dir, command)));
}

/**
 * Installs Debian packages with apt-get, as scripts/ceph.sh does for Ceph: as root, or through
 * sudo. A fresh machine has neither PostgreSQL nor Redis.
 */
export function aptInstall(packages: readonly string[]): void {
  const sudo = isRoot() ? [] : ["sudo"];
  for (const tool of [...sudo, "apt-get"])
    if (!onPath(tool)) throw new Error(`${tool} not found: install ${packages.join(" ")} yourself`);
  process.stderr.write(`[test services] installing ${packages.join(" ")} with apt-get\n`);
  const apt = (...args: string[]) => {
    const [command, ...rest] = [...sudo, "env", "DEBIAN_FRONTEND=noninteractive", "apt-get", ...args];
    execFileSync(command, rest, { stdio: "inherit" });
  };
  apt("update", "-q");
  apt("install", "-y", "-q", "--no-install-recommends", ...packages);
}
