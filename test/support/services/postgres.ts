import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { aptInstall, asUser, freePort, run, type ThrowawayServer } from "./host";

const DEBIAN = "/usr/lib/postgresql";

/** The newest Debian PostgreSQL's bin directory (initdb and pg_ctl are not on PATH there). */
function binDir(): string | undefined {
  if (!existsSync(DEBIAN)) return undefined;
  const versions = readdirSync(DEBIAN).filter((v) => existsSync(join(DEBIAN, v, "bin", "initdb")));
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  return newest && join(DEBIAN, newest, "bin");
}

// The server runs as `postgres` (it refuses root); that user, which Debian's package creates, must own its files.
function handOver(dir: string): void {
  if (process.getuid?.() !== 0) return;
  chownSync(dir, Number(run("id", ["-u", "postgres"])), Number(run("id", ["-g", "postgres"])));
}

/**
 * A PostgreSQL of its own for one test run: a cluster in a temp directory on a free port, trust
 * auth, no fsync (nothing in it must outlive the run), with the database and superuser `wanted`
 * names (`postgres://USER@…/DB`, default postgres and test). Installs Debian's package if missing.
 */
export async function startThrowawayPostgres(wanted: URL): Promise<ThrowawayServer> {
  if (!binDir()) aptInstall(["postgresql"]);
  const bin = binDir();
  if (!bin) throw new Error(`no ${DEBIAN}/<version>/bin/initdb after installing postgresql`);
  const user = decodeURIComponent(wanted.username) || "postgres";
  const database = decodeURIComponent(wanted.pathname.slice(1)) || "test";
  const dir = mkdtempSync(join(tmpdir(), "valet-test-pg-"));
  handOver(dir);
  const data = join(dir, "data");
  const port = await freePort();
  const pgCtl = (...args: string[]) => run(...asUser("postgres", join(bin, "pg_ctl"), ["-D", data, ...args]));
  const initdb = ["-D", data, "-U", user, "--auth=trust", "--no-locale", "-E", "UTF8", "--no-sync"];
  run(...asUser("postgres", join(bin, "initdb"), initdb));
  const options = [`-p ${port}`, "-c listen_addresses=127.0.0.1", `-k ${dir}`, "-c max_connections=200"];
  options.push("-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off");
  pgCtl("-l", join(dir, "postgres.log"), "-o", options.join(" "), "-w", "-t", "60", "start");
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try {
      pgCtl("-m", "immediate", "stop");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  try {
    const admin = new pg.Client({ host: "127.0.0.1", port, user, database: "postgres" });
    await admin.connect();
    await admin.query(`create database "${database.replace(/"/g, '""')}"`).finally(() => admin.end());
  } catch (error) {
    stop();
    throw error;
  }
  const url = new URL(`postgres://127.0.0.1:${port}/`);
  url.username = encodeURIComponent(user);
  url.pathname = `/${encodeURIComponent(database)}`;
  return { url: url.toString(), stop };
}
