import type { AppOverrides } from "../../src/app";
import { createLogger } from "../../src/observability/logger";
import { startInProcessApp, type InProcessApp } from "./in-process";

/** One request as a client sends it. */
export interface Sent {
  body: unknown;
  token?: string;
  headers?: Record<string, string>;
}

/** What a client sees of an answer, up to the values that differ between any two grants. */
export interface Seen {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface LanePair {
  /** The app with the direct lane (the default); its request log lines are in `lines`. */
  direct: InProcessApp;
  /** The same app with every request through Apollo (GRAPHQL_DIRECT_EXECUTION=false). */
  apollo: InProcessApp;
  lines: Array<Record<string, unknown>>;
  send(t: InProcessApp, request: Sent): Promise<Seen>;
  /** Which path answered the direct app's latest request. */
  lastLane(): unknown;
  /**
   * The request sent to both apps twice (the first sight of a query text goes through Apollo,
   * which teaches the lane): the second answers, and which lane answered the direct app's.
   */
  both(request: Sent): Promise<{ ours: Seen; theirs: Seen; lane: unknown }>;
  close(): Promise<void>;
}

// Headers that differ between any two answers, whichever path sends them.
const VARYING_HEADERS = new Set(["date", "server-timing", "x-request-id", "connection", "keep-alive"]);

/**
 * Two apps side by side, one with the direct lane and one without, for differential tests: the
 * lane must answer exactly as Apollo's pipeline does. `overrides` is called once per app.
 */
export async function startLanePair(env: Record<string, string>, overrides: () => AppOverrides = () => ({})): Promise<LanePair> {
  const lines: Array<Record<string, unknown>> = [];
  const logger = createLogger({
    level: "info",
    format: "json",
    destination: { write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>) },
  });
  const direct = await startInProcessApp(env, { ...overrides(), logger });
  const apollo = await startInProcessApp({ ...env, GRAPHQL_DIRECT_EXECUTION: "false" }, overrides());
  const send = async (t: InProcessApp, { body, token, headers = {} }: Sent): Promise<Seen> => {
    const res = await fetch(t.url, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      body: JSON.stringify(body),
    });
    const seen: Record<string, string> = {};
    res.headers.forEach((value, name) => void (VARYING_HEADERS.has(name) || (seen[name] = value)));
    const text = normalise(await res.text());
    // The length follows the body, whose normalised parts differ in length between grants.
    delete seen["content-length"];
    return { status: res.status, headers: seen, body: text };
  };
  const lastLane = () => lines.filter((l) => l.message === "request").at(-1)?.lane;
  return {
    direct,
    apollo,
    lines,
    send,
    lastLane,
    async both(request) {
      await send(direct, request);
      await send(apollo, request);
      const ours = await send(direct, request);
      const lane = lastLane();
      return { ours, theirs: await send(apollo, request), lane };
    },
    close: async () => void (await Promise.all([direct.close(), apollo.close()])),
  };
}

/** The answer with what differs between any two grants replaced: ids, keys, URLs' signatures and dates, times. */
export function normalise(text: string): string {
  return text
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, "<uuid>")
    .replace(/(X-Amz-(Signature|Date|Credential)=)[^&"]+/g, "$1<x>")
    .replace(
      /("(X-Amz-Signature|X-Amz-Date|X-Amz-Credential|Policy|x-amz-signature|x-amz-date|x-amz-credential|policy)","value":")[^"]+/g,
      "$1<x>",
    )
    .replace(/valet-test-[0-9a-f]{10}/g, "<bucket>")
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, "<time>");
}
