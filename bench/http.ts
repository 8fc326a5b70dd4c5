import autocannon from "autocannon";

export interface HttpResult {
  reqPerSec: number;
  p50: number;
  p99: number;
  ok: number;
  failed: number;
}

/** Drives one GraphQL operation at `url` for a bounded time; counts 2xx and everything else. */
export async function hammer(url: string, body: string, headers: Record<string, string>, seconds: number, connections = 16): Promise<HttpResult> {
  const result = await autocannon({
    url,
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
    duration: seconds,
    connections,
  });
  return {
    reqPerSec: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok: result["2xx"],
    failed: result.non2xx + result.errors + result.timeouts,
  };
}

/** Sequential requests, one at a time: per-request time as the client sees it on loopback. */
export async function timeSequential(url: string, body: string, headers: Record<string, string>, count: number) {
  const times: number[] = [];
  let granted = 0;
  for (let i = 0; i < count; i++) {
    const start = process.hrtime.bigint();
    const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
    const text = await res.text();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    const json = JSON.parse(text) as { errors?: unknown[] };
    granted += text.split("X-Amz-Signature=").length - 1;
    if (json.errors) throw new Error(`request failed: ${JSON.stringify(json.errors).slice(0, 300)}`);
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(count / 2)], p99: times[Math.min(count - 1, Math.floor(count * 0.99))], min: times[0], granted };
}

/** Checks one answer has data and no errors before a run is timed. */
export async function expectOk(url: string, body: string, headers: Record<string, string>): Promise<void> {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
  const json = (await res.json()) as { data?: unknown; errors?: unknown[] };
  if (!res.ok || json.errors || !json.data) throw new Error(`bench operation failed at ${url}: ${JSON.stringify(json).slice(0, 400)}`);
}
