import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TEST_S3 } from "../support/ceph";
import { startValetProcess, type ValetProcess } from "../support/valet-process";

/** `{ serverTime }` on a connection of its own (so the cluster's round robin sees a new connection each time). */
const ask = (port: number) =>
  new Promise<number>((done, fail) =>
    request(
      {
        host: "127.0.0.1",
        port,
        path: "/graphql",
        method: "POST",
        agent: false,
        headers: { "content-type": "application/json" },
      },
      (res) => (res.resume(), done(res.statusCode!)),
    )
      .on("error", fail)
      .end(JSON.stringify({ query: "{ serverTime }" })),
  );

describe("WORKERS=2 (src/cli/cluster.ts)", () => {
  const dir = mkdtempSync(join(tmpdir(), "valet-cluster-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("serves one port from two worker processes, and drains both on SIGTERM", async () => {
    const valet = await startValetProcess(
      {
        WORKERS: "2",
        AUTH_JWT_SECRET: `valet-cluster-${randomBytes(16).toString("hex")}`,
        DATABASE_URL: join(dir, "registry.sqlite"),
        S3_ENDPOINT: TEST_S3.endpoint,
        S3_ACCESS_KEY_ID: TEST_S3.accessKeyId,
        S3_SECRET_ACCESS_KEY: TEST_S3.secretAccessKey,
        S3_BUCKET: `valet-cluster-${randomBytes(4).toString("hex")}`,
        S3_ENSURE_BUCKET: "true",
        S3_REQUEST_TIMEOUT_MS: "15000",
        LOG_LEVEL: "info",
      },
      { script: "src/cli/cluster.ts", listening: 2, timeoutMs: 80_000 },
    );
    try {
      await servesFromBoth(valet);
    } finally {
      if (valet.child.exitCode === null) valet.child.kill("SIGKILL");
    }
  }, 120_000);
});

async function servesFromBoth(valet: ValetProcess): Promise<void> {
  const listening = valet.logs.filter((l) => l.message === "valet listening");
  expect(new Set(listening.map((l) => l.pid)).size).toBe(2);
  expect(new Set(listening.map((l) => l.port)).size).toBe(1);

  const statuses = [];
  for (let i = 0; i < 20; i++) statuses.push(await ask(valet.port));
  expect(statuses).toEqual(Array(20).fill(200));
  await new Promise((r) => setTimeout(r, 200)); // the last request lines
  const served = valet.logs.filter((l) => l.message === "request" && l.path === "/graphql");
  expect(new Set(served.map((l) => l.pid)).size).toBe(2);

  valet.child.kill("SIGTERM");
  expect((await valet.exited).code).toBe(0);
  const shutDown = valet.logs.filter((l) => l.message === "shut down");
  expect(shutDown.map((l) => l.clean)).toEqual([true, true]);
  expect(new Set(shutDown.map((l) => l.pid))).toEqual(new Set(listening.map((l) => l.pid)));
}
