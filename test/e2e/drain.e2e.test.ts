import BetterSqlite3 from "better-sqlite3";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { Agent } from "node:http";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { startValetProcess, type ValetProcess } from "../support/valet-process";
import { TEST_S3 } from "../support/ceph";
import { getReadyz, postUpload as post, type Outcome } from "../support/drain-client";
import { tokenFor } from "../support/tokens";

const SECRET = "valet-drain-test-secret-0123456789abcdef-0123456789";
const SHUTDOWN_TIMEOUT_MS = 10_000;

/** `node src/main.ts` as deployed (production, JSON logs), on a fresh SQLite file and bucket; resolves once it listens. */
function startValet(databaseUrl: string, shutdownTimeoutMs = SHUTDOWN_TIMEOUT_MS, drainDelayMs = 0): Promise<ValetProcess> {
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
    DRAIN_DELAY_MS: String(drainDelayMs),
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

  it("keeps serving, and /readyz answers 503, for DRAIN_DELAY_MS after SIGTERM; only then refuses connections", async () => {
    const DELAY_MS = 2500;
    const valet = await startValet(join(dir, "delay.sqlite"), SHUTDOWN_TIMEOUT_MS, DELAY_MS);
    const token = await tokenFor("alice", ["user"], { key: new TextEncoder().encode(SECRET) });
    type Timed = Outcome & { at: number; what: "grant" | "readyz" };
    const seen: Timed[] = [];
    let stopping = false;
    // Load on keep-alive connections, and a new connection every 50 ms for a grant and for /readyz,
    // as a load balancer opens them; each loop ends at its first failure.
    const loop = async (what: Timed["what"], next: () => Promise<Outcome>, pauseMs: number) => {
      while (!stopping) {
        const at = Date.now();
        const outcome = await next();
        seen.push({ ...outcome, at, what });
        if (outcome.kind === "failed") return;
        if (pauseMs) await new Promise((r) => setTimeout(r, pauseMs));
      }
    };
    const loops = [
      ...Array.from({ length: 16 }, () => {
        const agent = new Agent({ keepAlive: true, maxSockets: 1 });
        return loop("grant", () => post(valet.port, token, agent), 0).finally(() => agent.destroy());
      }),
      loop("grant", () => post(valet.port, token, false), 50),
      loop("readyz", () => getReadyz(valet.port), 50),
    ];
    await new Promise((r) => setTimeout(r, 1000));
    const signalled = Date.now();
    valet.child.kill("SIGTERM");
    while (!valet.logs.some((l) => l.message === "shutting down")) await new Promise((r) => setTimeout(r, 10));
    stopping = true;
    await Promise.all(loops);
    const { code } = await valet.exited;

    const closedAt = Date.parse(String(valet.logs.find((l) => l.message === "shutting down")!.time));
    expect(closedAt - signalled).toBeGreaterThanOrEqual(DELAY_MS - 50);
    // Everything started before the listener closed was answered, grants with a grant…
    const before = seen.filter((o) => o.at < closedAt - 100);
    expect(before.filter((o) => o.kind === "failed")).toEqual([]);
    for (const o of before.filter((o) => o.what === "grant"))
      expect(JSON.parse((o as { body: string }).body)).toMatchObject({ data: { requestUpload: { id: expect.any(String) } } });
    // …and /readyz said 503 "draining" from the signal on (a probe already under way may still say 200).
    const probes = before.filter((o) => o.what === "readyz" && o.at > signalled + 100) as Array<
      Timed & { status: number; body: string }
    >;
    expect(probes.length).toBeGreaterThanOrEqual(3);
    for (const p of probes)
      expect([p.status, JSON.parse(p.body)]).toMatchObject([503, { ready: false, down: expect.arrayContaining(["draining"]) }]);
    // After the delay: new connections are refused before anything is sent, none cut mid-request.
    expect(seen.filter((o) => o.kind === "failed" && (o.code !== "ECONNREFUSED" || o.sent))).toEqual([]);
    expect(await post(valet.port, token, false)).toMatchObject({ kind: "failed", code: "ECONNREFUSED" });
    expect(code).toBe(0);
  });
});
