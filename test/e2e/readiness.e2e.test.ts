import { createConnection, createServer, type AddressInfo, type Server, type Socket } from "node:net";
import { TEST_S3 } from "../support/ceph";
import { silentEndpoint, type FaultyEndpoint } from "../support/fault-servers";
import { startTestApp, testConfig, type TestApp } from "../support/harness";

/** A TCP relay to the RGW on a fixed port that can be stopped (connections refused) and started again. */
async function relayToRgw() {
  const target = new URL(TEST_S3.endpoint);
  const open = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;
  const start = async () => {
    server = createServer((client) => {
      const upstream = createConnection(Number(target.port), target.hostname);
      for (const s of [client, upstream]) {
        open.add(s);
        s.on("error", () => s.destroy());
        s.on("close", () => open.delete(s));
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((ok) => server!.listen(port, "127.0.0.1", ok));
    port = (server.address() as AddressInfo).port;
  };
  const stop = async () => {
    for (const s of open) s.destroy();
    await new Promise((closed) => server!.close(closed));
  };
  await start();
  return { url: `http://127.0.0.1:${port}`, start, stop };
}

const readyz = async (t: TestApp) => {
  const started = Date.now();
  const res = await fetch(t.url.replace("/graphql", "/readyz"));
  return {
    status: res.status,
    body: (await res.json()) as { ready: boolean; down?: string[]; checks: Record<string, string> },
    ms: Date.now() - started,
  };
};

describe("/readyz against a real S3 that goes away and comes back", () => {
  let relay: Awaited<ReturnType<typeof relayToRgw>>;
  let t: TestApp;
  beforeAll(async () => {
    relay = await relayToRgw();
    t = await startTestApp(testConfig({ S3_ENDPOINT: relay.url, DATABASE_URL: ":memory:", READINESS_TIMEOUT_MS: "1000" }));
  });
  afterAll(async () => {
    await t.close();
    await relay.stop().catch(() => undefined);
  });

  it("is ready while S3 and the registry answer", async () => {
    expect(await readyz(t)).toMatchObject({ status: 200, body: { ready: true, checks: { registry: "ok", s3: "ok" } } });
  });

  it("answers 503 naming s3 within the timeout once S3 stops answering, and 200 when it is back", async () => {
    await relay.stop();
    const down = await readyz(t);
    expect(down).toMatchObject({ status: 503, body: { ready: false, down: ["s3"], checks: { registry: "ok" } } });
    expect(down.ms).toBeLessThan(1500);
    await relay.start();
    expect(await readyz(t)).toMatchObject({ status: 200, body: { ready: true } });
  });

  it("keeps /healthz at 200 whatever S3 does (liveness only)", async () => {
    await relay.stop();
    try {
      expect((await fetch(t.url.replace("/graphql", "/healthz"))).status).toBe(200);
    } finally {
      await relay.start();
    }
  });
});

describe("/readyz against an S3 that accepts connections and never answers", () => {
  let silent: FaultyEndpoint;
  let t: TestApp;
  beforeAll(async () => {
    silent = await silentEndpoint();
    t = await startTestApp(testConfig({ S3_ENDPOINT: silent.url, S3_ENSURE_BUCKET: "false", READINESS_TIMEOUT_MS: "300" }));
  });
  afterAll(async () => {
    await t.close();
    await silent.close();
  });

  it("times the check out and says so", async () => {
    const res = await readyz(t);
    expect(res).toMatchObject({ status: 503, body: { down: ["s3"], checks: { s3: "timeout", registry: "ok" } } });
    expect(res.ms).toBeLessThan(1000);
  });
});
