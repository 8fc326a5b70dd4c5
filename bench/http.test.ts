import { createServer, type Server } from "node:http";
import { alternate, hammer } from "./http";

/** A server answering every request with HTTP 200 and `body`, like a GraphQL server does even for errors. */
async function answering(body: string): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => res.writeHead(200, { "content-type": "application/json" }).end(body));
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}/graphql`, server };
}

const GRANT = JSON.stringify({ data: { requestDownload: { url: "http://s3/b/k?X-Amz-Signature=abc" } } });
const REFUSED = JSON.stringify({ data: null, errors: [{ message: "over quota", extensions: { code: "QUOTA_EXCEEDED" } }] });
const NO_GRANT = JSON.stringify({ data: { requestDownload: null } });
const NOOP = JSON.stringify({ data: { ok: null } });

describe("every timed answer is checked", () => {
  const servers: Server[] = [];
  afterAll(() => servers.forEach((s) => s.close()));
  const start = async (body: string) => {
    const s = await answering(body);
    servers.push(s.server);
    return s.url;
  };

  it.each([
    ["a 200 with GraphQL errors", REFUSED],
    ["data without a signature", NO_GRANT],
  ])("counts %s as not granted, though it is a 2xx", async (_, body) => {
    const run = await hammer(await start(body), "{}", {}, 1, 2);
    expect(run.ok).toBeGreaterThan(0);
    expect(run.failed).toBe(0);
    expect(run.notGranted).toBe(run.ok);
  });

  it("counts grants as granted", async () => {
    const run = await hammer(await start(GRANT), "{}", {}, 1, 2);
    expect(run.ok).toBeGreaterThan(0);
    expect(run.notGranted).toBe(0);
  });

  it("takes data for a no-op, and still not errors", async () => {
    const [noop, refused] = [await start(NOOP), await start(REFUSED)];
    expect((await hammer(noop, "{}", {}, 1, 2, "data")).notGranted).toBe(0);
    const run = await hammer(refused, "{}", {}, 1, 2, "data");
    expect(run.notGranted).toBe(run.ok);
  });

  it("adds up, per server, the answers that were not grants, warm-up included", async () => {
    // Grants at first (so the check before timing passes), then refusals: a quota that bites mid-run.
    let answered = 0;
    const server = createServer((req, res) => {
      req.resume();
      req.on("end", () => res.writeHead(200).end(answered++ === 0 ? GRANT : REFUSED));
    });
    servers.push(server);
    await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
    const flipping = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
    const [good, bad] = await alternate([{ url: await start(GRANT) }, { url: flipping }], [{}, {}], ["{}", "{}"], 1, 1, 2, {
      warmUpFor: () => ({ requests: 0, minSeconds: 1, maxSeconds: 1 }),
    });
    expect(good.notGrantedTotal).toBe(0);
    expect(good.okTotal).toBeGreaterThan(0);
    expect(bad.okTotal).toBeGreaterThan(bad.ok); // the warm-up's answers are in the total
    expect(bad.notGrantedTotal).toBe(bad.okTotal);
  });
});

describe("the warm-up", () => {
  it("goes on past its shortest run until the server has answered enough, within its longest", async () => {
    const server = createServer((req, res) => {
      req.resume();
      req.on("end", () => res.writeHead(200).end(GRANT));
    });
    await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
    const warmUps: number[] = [];
    const afterRun = (_: number, run: { ok: number }, warmUp: boolean) => void (warmUp && warmUps.push(run.ok));
    try {
      // Far more answers than a 1 s run gives: the warm-up goes on until its longest (3 s: two or three runs).
      await alternate([{ url }], [{}], ["{}"], 1, 1, 2, {
        afterRun,
        warmUpFor: () => ({ requests: 1e9, minSeconds: 1, maxSeconds: 3 }),
      });
      expect(warmUps.length).toBeGreaterThanOrEqual(2);
      warmUps.length = 0;
      // Enough after its shortest run: one warm-up run only.
      await alternate([{ url }], [{}], ["{}"], 1, 1, 2, {
        afterRun,
        warmUpFor: () => ({ requests: 1, minSeconds: 1, maxSeconds: 3 }),
      });
      expect(warmUps).toHaveLength(1);
    } finally {
      server.close();
    }
  });
});

describe("headers per connection", () => {
  it("gives each connection its own headers, on top of the common ones", async () => {
    const seen = new Set<string>();
    const server = createServer((req, res) => {
      seen.add(`${req.headers.authorization} ${String(req.headers["x-common"])}`);
      req.resume();
      req.on("end", () => res.writeHead(200).end(GRANT));
    });
    await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
    try {
      const viewers = ["a", "b", "c"].map((v) => ({ authorization: `Bearer ${v}` }));
      const run = await hammer(url, "{}", { authorization: "Bearer common", "x-common": "1" }, 1, 3, "grant", viewers);
      expect(run.ok).toBeGreaterThan(0);
      expect([...seen].sort()).toEqual(["Bearer a 1", "Bearer b 1", "Bearer c 1"]);
    } finally {
      server.close();
    }
  });
});
