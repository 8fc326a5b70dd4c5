import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

/** One POST the receiver got, exactly as sent. */
export interface Received {
  headers: http.IncomingHttpHeaders;
  /** The raw body, as a signature covers it. */
  body: string;
  /** The webhook-id header. */
  id: string;
  /** The parsed body. */
  event: { type: string; timestamp: string; data: Record<string, unknown> & { key: string } };
  at: number;
}

/** How the receiver answers a request: a status, or "hang" (never answers). */
export type Answer = number | "hang";

/** An app backend's webhook endpoint, on a node:http server in the test. */
export interface WebhookReceiver {
  url: string;
  received: Received[];
  /** Sets how each request is answered; `attempt` counts this webhook-id's requests, from 1. */
  answer(rule: (event: Received, attempt: number) => Answer): void;
  /** The requests for one object key. */
  forKey(key: string): Received[];
  /** Resolves once `count` requests for `key` (of `type`, if given) have arrived; fails after `timeoutMs`. */
  waitFor(key: string, count?: number, options?: { type?: string; timeoutMs?: number }): Promise<Received[]>;
  close(): Promise<void>;
}

/** A fresh Standard Webhooks secret: whsec_ + base64 of 32 random bytes. */
export const newWebhookSecret = () => `whsec_${randomBytes(32).toString("base64")}`;

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: Received[] = [];
  let rule: (event: Received, attempt: number) => Answer = () => 204;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const id = String(req.headers["webhook-id"]);
      const entry: Received = { headers: req.headers, body, id, event: JSON.parse(body) as Received["event"], at: Date.now() };
      received.push(entry);
      const answer = rule(entry, received.filter((r) => r.id === id).length);
      if (answer !== "hang") res.writeHead(answer).end();
    });
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const forKey = (key: string) => received.filter((r) => r.event.data.key === key);
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    received,
    answer: (r) => void (rule = r),
    forKey,
    async waitFor(key, count = 1, { type, timeoutMs = 10_000 } = {}) {
      const deadline = Date.now() + timeoutMs;
      const matching = () => forKey(key).filter((r) => type === undefined || r.event.type === type);
      while (matching().length < count) {
        if (Date.now() > deadline)
          throw new Error(`receiver got ${matching().length} of ${count} webhooks for ${key} in ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 20));
      }
      return matching();
    },
    async close() {
      server.closeAllConnections();
      await new Promise((done) => server.close(done));
    },
  };
}
