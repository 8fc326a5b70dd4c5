import autocannon from "autocannon";

export interface HttpResult {
  reqPerSec: number;
  p50: number;
  p99: number;
  ok: number;
  failed: number;
  /** Answers that were not what the run times (HTTP 2xx with GraphQL `errors`, or no grant in it). */
  notGranted: number;
}

/** What every timed answer must be: a grant (a signature and no GraphQL errors), or data without errors (the no-op ceilings). */
export type Expect = "grant" | "data";

/** The check of one response body (autocannon's verifyBody; a split body is joined before it runs). */
export function answerCheck(expect: Expect): (body: string | Buffer | undefined) => boolean {
  const needle = expect === "grant" ? "X-Amz-Signature" : '"data":{';
  return (body) => {
    const text = String(body ?? "");
    return text.includes(needle) && !text.includes('"errors"');
  };
}

/**
 * Each server is driven, once, before its measured runs, until it has answered WARMUP.requests (the
 * JIT warms by work done, not by time: on a busy machine a server pinned to one core got so little
 * of it in a 2 s warm-up that its upload grants still cost 2-3× the CPU of a warm one), for at
 * least WARMUP.minSeconds and at most WARMUP.maxSeconds (a slow peer such as Companion).
 */
export const WARMUP: WarmUp = { requests: 15_000, minSeconds: 2, maxSeconds: 20 };

export interface WarmUp {
  requests: number;
  minSeconds: number;
  maxSeconds: number;
}

/** The median of several runs by req/s. */
export const medianRun = <T>(runs: T[], reqPerSec: (run: T) => number): T =>
  [...runs].sort((a, b) => reqPerSec(a) - reqPerSec(b))[Math.floor(runs.length / 2)];

export type Measured = HttpResult & { okTotal: number; notGrantedTotal: number };

/**
 * Runs the servers in turn, `rounds` times (each checked and warmed up before its first run: WARMUP), and
 * keeps each one's median run; `okTotal` counts every 2xx it gave, warm-up included, and
 * `notGrantedTotal` every answer that failed `expect` (warm-up included).
 */
export async function alternate(
  servers: Array<{ url: string }>,
  headers: Array<Record<string, string>>,
  bodies: Array<string | null>,
  seconds: number,
  rounds: number,
  connections: number,
  options: {
    expect?: Expect;
    beforeRun?: (server: number) => void;
    afterRun?: (server: number, run: HttpResult, warmUp: boolean) => void;
    /** Each server's warm-up (default WARMUP for all). */
    warmUpFor?: (server: number) => WarmUp;
    /** Headers per connection (connection n gets entry n modulo the length) for a server, on top of `headers`. */
    perConnection?: (server: number) => Array<Record<string, string>> | undefined;
  } = {},
): Promise<Measured[]> {
  const expect = options.expect ?? "grant";
  const runs: HttpResult[][] = servers.map(() => []);
  const okTotal = servers.map(() => 0);
  const notGrantedTotal = servers.map(() => 0);
  const drive = async (i: number, duration: number, warmUp = false) => {
    options.beforeRun?.(i);
    const run = await hammer(servers[i].url, bodies[i], headers[i], duration, connections, expect, options.perConnection?.(i));
    okTotal[i] += run.ok;
    notGrantedTotal[i] += run.notGranted;
    options.afterRun?.(i, run, warmUp);
    return run;
  };
  const warmUp = async (i: number) => {
    const { requests, minSeconds, maxSeconds } = options.warmUpFor?.(i) ?? WARMUP;
    const started = Date.now();
    let answered = (await drive(i, minSeconds, true)).ok;
    while (answered < requests && Date.now() - started < maxSeconds * 1000) answered += (await drive(i, 1, true)).ok;
  };
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < servers.length; i++) {
      if (r === 0) {
        await expectOk(servers[i].url, bodies[i], headers[i]);
        await warmUp(i);
      }
      runs[i].push(await drive(i, seconds));
    }
  }
  return runs.map((r, i) => ({
    ...medianRun(r, (run) => run.reqPerSec),
    okTotal: okTotal[i],
    notGrantedTotal: notGrantedTotal[i],
  }));
}

/**
 * Drives one request at `url` for a bounded time (a POST of a GraphQL body, or a GET when `body` is
 * null); counts 2xx, everything else, and the answers whose body fails `expect`.
 */
export async function hammer(
  url: string,
  body: string | null,
  headers: Record<string, string>,
  seconds: number,
  connections = 32,
  expect: Expect = "grant",
  perConnection?: Array<Record<string, string>>,
): Promise<HttpResult> {
  const base = body === null ? headers : { "content-type": "application/json", ...headers };
  let next = 0;
  const result = await autocannon({
    url,
    ...(body === null ? { method: "GET", headers: base } : { method: "POST", headers: base, body }),
    duration: seconds,
    connections,
    // autocannon calls this once per connection: each gets its own headers (a viewer of its own, say).
    setupClient: perConnection && ((client) => client.setHeaders({ ...base, ...perConnection[next++ % perConnection.length] })),
    verifyBody: answerCheck(expect),
  });
  return {
    reqPerSec: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok: result["2xx"],
    failed: result.non2xx + result.errors + result.timeouts,
    notGranted: result.mismatches,
  };
}

/**
 * Sequential requests, one at a time: per-request time as the client sees it on loopback, and
 * the server's own time from its Server-Timing header (arrival to response head, after commit).
 */
export async function timeSequential(url: string, body: string, headers: Record<string, string>, count: number) {
  const times: number[] = [];
  const server: number[] = [];
  let granted = 0;
  for (let i = 0; i < count; i++) {
    const start = process.hrtime.bigint();
    const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
    const text = await res.text();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    server.push(Number(/dur=([\d.]+)/.exec(res.headers.get("server-timing") ?? "")?.[1] ?? NaN));
    const json = JSON.parse(text) as { errors?: unknown[] };
    granted += text.split("X-Amz-Signature=").length - 1;
    if (json.errors) throw new Error(`request failed: ${JSON.stringify(json.errors).slice(0, 300)}`);
  }
  return { client: percentiles(times), server: percentiles(server), granted };
}

/** Checks one answer has data and no errors (GraphQL), or signed fields (a GET of Companion's params), before a run is timed. */
export async function expectOk(url: string, body: string | null, headers: Record<string, string>): Promise<void> {
  const res = await (body === null
    ? fetch(url, { headers })
    : fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body }));
  const json = (await res.json()) as { data?: unknown; errors?: unknown[]; fields?: Record<string, string> };
  const answered = body === null ? Boolean(json.fields?.["X-Amz-Signature"]) : Boolean(json.data) && !json.errors;
  if (!res.ok || !answered) throw new Error(`bench operation failed at ${url}: ${JSON.stringify(json).slice(0, 400)}`);
}

function percentiles(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))];
  return { p50: at(0.5), p99: at(0.99), min: sorted[0] };
}
