import BetterSqlite3 from "better-sqlite3";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { Agent, request } from "node:http";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { startValetProcess, type ValetProcess } from "../support/valet-process";
import { TEST_S3 } from "../support/ceph";
import { print } from "graphql";
import { RequestUploadDocument } from "../../client/generated/graphql";
import { avatarInput } from "../support/operations";
import { tokenFor } from "../support/tokens";

const SECRET = "valet-drain-test-secret-0123456789abcdef-0123456789";
const SHUTDOWN_TIMEOUT_MS = 10_000;

/** `node src/main.ts` as deployed (production, JSON logs), on a fresh SQLite file and bucket; resolves once it listens. */
function startValet(databaseUrl: string, shutdownTimeoutMs = SHUTDOWN_TIMEOUT_MS): Promise<ValetProcess> {
  return startValetProcess({
    AUTH_JWT_SECRET: SECRET,
    S3_ENDPOINT: TEST_S3.endpoint,
    S3_ACCESS_KEY_ID: TEST_S3.accessKeyId,
    S3_SECRET_ACCESS_KEY: TEST_S3.secretAccessKey,
    S3_BUCKET: `valet-drain-${randomBytes(4).toString("hex")}`,
    S3_ENSURE_BUCKET: "true",
    DATABASE_URL: databaseUrl,
    REAP_INTERVAL_SECONDS: "1",
    // One viewer keeps 64 uploads in flight: its per-viewer budget and quotas are not what is tested here.
    RATE_LIMIT_UPLOADS_PER_MINUTE: "0",
    QUOTAS_FILE: resolve(__dirname, "../../bench/servers/unlimited-quotas.json"),
    LOG_LEVEL: "info",
    SHUTDOWN_TIMEOUT_MS: String(shutdownTimeoutMs),
  });
}

type Outcome = { kind: "answered"; status: number; body: string } | { kind: "failed"; code: string; sent: boolean };

/** One POST /graphql; `hold` keeps the last bytes of the body back until it resolves. */
function post(port: number, token: string, agent: Agent | false, hold?: Promise<void>): Promise<Outcome> {
  const body = JSON.stringify({ query: print(RequestUploadDocument), variables: { input: avatarInput() } });
  return new Promise((done) => {
    let sent = false;
    const req = request(
      {
        host: "127.0.0.1",
        port,
        method: "POST",
        path: "/graphql",
        agent,
        headers: {
          "content-type": "application/json",
          authorization: `Bearer ${token}`,
          "content-length": Buffer.byteLength(body),
        },
      },
      (res) => {
        let text = "";
        res.on("data", (c: Buffer) => (text += c.toString()));
        res.on("end", () => done({ kind: "answered", status: res.statusCode!, body: text }));
        res.on("error", (e: NodeJS.ErrnoException) => done({ kind: "failed", code: e.code ?? e.message, sent: true }));
      },
    );
    req.on("socket", (socket) => socket.once("connect", () => (sent = true)).once("free", () => (sent = true)));
    req.on("error", (e: NodeJS.ErrnoException) =>
      done({ kind: "failed", code: e.code ?? e.message, sent: sent || req.reusedSocket }),
    );
    if (!hold) return void req.end(body);
    req.write(body.slice(0, 40));
    void hold.then(() => req.end(body.slice(40)));
  });
}

describe("SIGTERM under load", () => {
  const dir = mkdtempSync(join(tmpdir(), "valet-drain-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("answers every request in flight, refuses new connections, records every grant it answered, and exits 0 in time", async () => {
    const databaseUrl = join(dir, "registry.sqlite");
    const valet = await startValet(databaseUrl);
    const token = await tokenFor("alice", ["user"], { key: new TextEncoder().encode(SECRET) });

    // 32 clients in a loop on keep-alive connections, as a load balancer's pool would be…
    let stopping = false;
    let answeredBefore = 0;
    const loops = Array.from({ length: 32 }, async () => {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      const outcomes: Outcome[] = [];
      while (!stopping || outcomes.length === 0) {
        const outcome = await post(valet.port, token, agent);
        outcomes.push(outcome);
        if (outcome.kind === "failed") break;
        if (!stopping) answeredBefore++;
      }
      agent.destroy();
      return outcomes;
    });
    // …and 32 requests whose bodies are still arriving when SIGTERM lands.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const slow = Array.from({ length: 32 }, () => post(valet.port, token, false, held));
    // Warm: every loop has had a few answers, so SIGTERM lands in the middle of steady traffic.
    for (const until = Date.now() + 10_000; answeredBefore < 32 * 4 && Date.now() < until;)
      await new Promise((r) => setTimeout(r, 20));
    expect(answeredBefore).toBeGreaterThanOrEqual(32 * 4);

    const signalled = Date.now();
    valet.child.kill("SIGTERM");
    // Once it says so, the listener is closed (the same turn closes it); the held bodies then
    // arrive mid-drain.
    while (!valet.logs.some((l) => l.message === "shutting down")) await new Promise((r) => setTimeout(r, 10));
    const late = await post(valet.port, token, false);
    await new Promise((r) => setTimeout(r, 100));
    release();
    stopping = true;
    const outcomes = [...(await Promise.all(loops)).flat(), ...(await Promise.all(slow))];
    const { code, at } = await valet.exited;

    const failures = outcomes.filter((o): o is Extract<Outcome, { kind: "failed" }> => o.kind === "failed");
    const answered = outcomes.filter((o): o is Extract<Outcome, { kind: "answered" }> => o.kind === "answered");
    expect(failures.filter((f) => f.code !== "ECONNREFUSED" || f.sent)).toEqual([]);
    expect(late).toMatchObject({ kind: "failed", code: "ECONNREFUSED" });
    expect((await Promise.all(slow)).map((o) => o.kind === "answered" && o.status)).toEqual(Array(32).fill(200));
    for (const a of answered) expect(JSON.parse(a.body)).toMatchObject({ data: { requestUpload: { id: expect.any(String) } } });
    expect(code).toBe(0);
    expect(at - signalled).toBeLessThan(SHUTDOWN_TIMEOUT_MS);
    expect(valet.logs.map((l) => l.message)).toEqual(expect.arrayContaining(["shutting down", "shut down"]));

    const registry = new BetterSqlite3(databaseUrl, { readonly: true });
    try {
      const { n } = registry.prepare("select count(*) as n from grants").get() as { n: number };
      expect(n).toBe(answered.length);
    } finally {
      registry.close();
    }
  });

  it("cuts a request that never completes at the shutdown timeout, and still exits", async () => {
    const valet = await startValet(join(dir, "stuck.sqlite"), 1500);
    const token = await tokenFor("alice", ["user"], { key: new TextEncoder().encode(SECRET) });
    const stuck = post(valet.port, token, false, new Promise<void>(() => undefined));
    await new Promise((r) => setTimeout(r, 200));
    const signalled = Date.now();
    valet.child.kill("SIGTERM");
    const { code, at } = await valet.exited;
    expect(await stuck).toMatchObject({ kind: "failed" });
    expect(code).toBe(0);
    const done = valet.logs.find((l) => l.message === "shut down");
    expect(done).toMatchObject({ level: "warn", clean: false, forcedConnections: 1 });
    // Its own clock from the signal to the end of the drain; the wall clock adds signal delivery
    // and process teardown, which a loaded machine stretches.
    expect(done!.ms).toBeGreaterThanOrEqual(1200); // the drain's share (80 %) ran out first
    expect(done!.ms).toBeLessThan(1500);
    expect(at - signalled).toBeLessThan(1500 + 3000);
  });
});
