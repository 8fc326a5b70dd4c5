import { randomBytes } from "node:crypto";
import { resolve } from "node:path";
import pg from "pg";
import { RequestUploadDocument } from "../../client/generated/graphql";
import { openDatabase } from "../../src/store/database";
import { TEST_S3 } from "../support/ceph";
import { postGraphQL } from "../support/child-app";
import { slowRelay } from "../support/fault-servers";
import { avatarInput } from "../support/operations";
import { adminQuery, TEST_PG_URL } from "../support/store/databases";
import { seedUploads, uploadFixture } from "../support/store/fixtures";
import { tokenFor } from "../support/tokens";
import { startValetProcess, type ValetProcess } from "../support/valet-process";

// The reaper keeps no session state (claims and a lease are rows with an expiry), so what a
// restart, a fail-over, idle_session_timeout or a proxy does to the pool's sessions may cost a
// statement or the pass, never the process; and a SIGTERM must not wait for the pass to run to its end.

const SECRET = "valet-reaper-sessions-secret-0123456789abcdef-01234";
const SHUTDOWN_TIMEOUT_MS = 15_000;
// Each abandoned upload costs the pass one S3 listing, held S3_DELAY_MS by the relay: with one
// clean-up at a time (REAP_CONCURRENCY=1) a pass over them all lasts ABANDONED × S3_DELAY_MS at
// least (20 s), longer than the shutdown timeout.
const ABANDONED = 400;
const S3_DELAY_MS = 50;

/** A database of its own on the test server, so "every backend of the app's database" is only this app's. */
async function privateDatabase(): Promise<{ name: string; url: string; dispose(): Promise<void> }> {
  const name = `valet_reaper_${randomBytes(5).toString("hex")}`;
  await adminQuery(`create database ${name}`);
  const url = new URL(TEST_PG_URL);
  url.pathname = `/${name}`;
  return { name, url: url.toString(), dispose: () => adminQuery(`drop database if exists ${name} with (force)`) };
}

/** Upload grants that expired an hour ago, with their PENDING objects (and no bytes): the reaper's work. */
async function seedAbandoned(url: string): Promise<void> {
  const database = await openDatabase(url);
  try {
    const expiresAt = new Date(Date.now() - 3_600_000);
    const issuedAt = new Date(expiresAt.getTime() - 60_000);
    const uploads = Array.from({ length: ABANDONED }, () => uploadFixture({ viewerId: "bob", issuedAt, expiresAt }));
    await seedUploads(database.db, uploads);
  } finally {
    await database.close();
  }
}

/** One statement on a connection of its own (to `url`, or to the test server's own database). */
async function query<R extends pg.QueryResultRow>(text: string, values: unknown[] = [], url = TEST_PG_URL): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** Advisory locks held in database `name`: none, since the reaper keeps no session state. */
const advisoryLocks = async (name: string) =>
  (
    await query<{ pid: number }>(
      "select l.pid from pg_locks l join pg_database d on d.oid = l.database where l.locktype = 'advisory' and d.datname = $1",
      [name],
    )
  ).length;

const expiredCount = async (url: string) =>
  Number((await query<{ n: string }>("select count(*) as n from objects where state = 'EXPIRED'", [], url))[0].n);

/** Polls `condition`; fails at once, with its last words, if `valet` has exited meanwhile. */
async function waitFor(valet: ValetProcess, what: string, condition: () => Promise<boolean>, timeoutMs = 20_000) {
  for (const until = Date.now() + timeoutMs; !(await condition()); await new Promise((r) => setTimeout(r, 50))) {
    if (valet.child.exitCode !== null)
      throw new Error(
        `valet exited (${valet.child.exitCode}) while waiting until ${what}:\n${valet.lines.slice(-15).join("\n")}`,
      );
    if (Date.now() > until) throw new Error(`timed out waiting until ${what}`);
  }
}

describe("the reaper's PostgreSQL sessions end under it (on PostgreSQL and Ceph)", () => {
  let db: Awaited<ReturnType<typeof privateDatabase>>;
  let relay: Awaited<ReturnType<typeof slowRelay>>;
  let valet: ValetProcess | undefined;

  beforeEach(async () => {
    db = await privateDatabase();
    await seedAbandoned(db.url);
    relay = await slowRelay(TEST_S3.endpoint, S3_DELAY_MS);
    valet = await startValetProcess({
      AUTH_JWT_SECRET: SECRET,
      S3_ENDPOINT: relay.url,
      S3_ACCESS_KEY_ID: TEST_S3.accessKeyId,
      S3_SECRET_ACCESS_KEY: TEST_S3.secretAccessKey,
      S3_BUCKET: `valet-reaper-${randomBytes(4).toString("hex")}`,
      S3_ENSURE_BUCKET: "true",
      DATABASE_URL: db.url,
      REAP_INTERVAL_SECONDS: "1",
      REAP_GRACE_SECONDS: "0",
      REAP_CONCURRENCY: "1",
      REAP_LEASE_SECONDS: "5",
      RATE_LIMIT_UPLOADS_PER_MINUTE: "0",
      QUOTAS_FILE: resolve(__dirname, "../../bench/servers/unlimited-quotas.json"),
      SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS),
    });
  });
  afterEach(async () => {
    if (valet?.child.exitCode === null) valet.child.kill("SIGKILL");
    await valet?.exited;
    await relay.close();
    await db.dispose();
  });

  /** Resolves once a pass has reaped something and has more to do (the pass is under way). */
  async function passUnderWay(): Promise<{ expired: number }> {
    let expired = 0;
    await waitFor(
      valet!,
      "a reaper pass has reaped",
      async () => {
        expired = await expiredCount(db.url);
        return expired > 0 && expired < ABANDONED;
      },
      45_000,
    );
    return { expired };
  }

  it("terminating every backend of the app's database mid-pass and under load: the process lives and answers, and reaping goes on", async () => {
    const auth = { authorization: `Bearer ${await tokenFor("alice", ["user"], { key: new TextEncoder().encode(SECRET) })}` };
    const upload = () =>
      postGraphQL<{ requestUpload: { id: string } }>(valet!.url, RequestUploadDocument, { input: avatarInput() }, auth);
    let phase: "before" | "after" = "before";
    const answered = { before: 0, after: 0 };
    let running = true;
    const clients = Array.from({ length: 8 }, async () => {
      // A request whose connection was terminated under it may fail; the answers after it must not.
      for (; running;)
        await upload().then(
          (res) => void (res.data?.requestUpload.id && answered[phase]++),
          () => undefined,
        );
    });
    try {
      await passUnderWay();
      expect(answered.before).toBeGreaterThan(0);
      expect(await advisoryLocks(db.name)).toBe(0);

      const terminated = await query<{ pid: number }>(
        "select pid, pg_terminate_backend(pid) from pg_stat_activity where datname = $1",
        [db.name],
      );
      phase = "after";
      expect(terminated.length).toBeGreaterThan(0);

      // Reaping goes on (this pass, or the next over what it had not claimed) on new sessions.
      const resumedFrom = await expiredCount(db.url);
      await waitFor(valet!, "the reaper reaps on", async () => (await expiredCount(db.url)) > resumedFrom + 10);
      await waitFor(valet!, "requests are answered again", async () => answered.after > 20);
    } finally {
      running = false;
      await Promise.all(clients);
    }
    expect(valet!.child.exitCode).toBeNull();
    expect((await upload()).data?.requestUpload.id).toEqual(expect.any(String));
    // A pass whose statement was cut off fails with that reason and is retried; nothing else fails.
    for (const line of valet!.lines.filter((l) => /reaper failed/.test(l)))
      expect(line).toMatch(/terminat|connection error|lost the \\"reaper\\" lease/);
    expect(valet!.lines.join("\n")).not.toMatch(/Unhandled 'error' event/);
    valet!.child.kill("SIGTERM");
    expect((await valet!.exited).code).toBe(0);
  }, 90_000);

  it(`SIGTERM during a pass: the pass stops and the process exits 0 well before the ${SHUTDOWN_TIMEOUT_MS / 1000} s shutdown timeout`, async () => {
    await passUnderWay();
    const signalled = Date.now();
    valet!.child.kill("SIGTERM");
    const { code, at } = await valet!.exited;
    expect(code).toBe(0);
    expect(at - signalled).toBeLessThan(SHUTDOWN_TIMEOUT_MS / 3);
    expect(await expiredCount(db.url)).toBeLessThan(ABANDONED);
    expect(valet!.logs.filter((l) => l.message === "reaper failed")).toEqual([]);
  }, 60_000);
});
