import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { S3EventSettings } from "../config/config";
import type { Logger } from "../logger";
import type { Metrics } from "../observability/metrics";
import { settleNotified } from "../objects/s3-events.service";
import type { ServiceDeps } from "../services/deps";
import { parseObjectCreated } from "../storage/s3-event-records";
import type { RouteAnswer } from "./routes";

/** Where the RGW pushes ObjectCreated notifications. */
export const S3_EVENTS_PATH = "/s3-events";
const BODY_LIMIT = 1024 * 1024;

/** The push endpoint the RGW is given: S3_EVENTS_URL, or this machine's listening port; the token as ?token=. */
export function eventPushUrl(settings: S3EventSettings, port: number): string {
  const url = new URL(settings.url ?? `http://127.0.0.1:${port}${S3_EVENTS_PATH}`);
  url.searchParams.set("token", settings.token);
  return url.toString();
}

/**
 * POST /s3-events?token=…: 401 without the token (compared in constant time), 400 for a body that
 * is not an S3 event message — neither changes anything — else the uploads it names are settled
 * (s3-events.service.ts) before the answer, so a failure (S3 unreachable) answers 500 and the
 * RGW's persistent topic delivers the event again.
 */
export function s3EventsRoute(deps: ServiceDeps, settings: S3EventSettings, bucket: string, metrics: Metrics, logger: Logger) {
  const expected = digest(settings.token);
  return async (req: IncomingMessage): Promise<RouteAnswer> => {
    const token = new URL(req.url ?? "/", "http://valet").searchParams.get("token") ?? "";
    if (req.method !== "POST" || !timingSafeEqual(digest(token), expected)) {
      req.resume();
      metrics.s3Event("unauthenticated");
      return answer(401, { error: "unauthenticated" });
    }
    const created = parseObjectCreated(await readJson(req));
    if (!created) {
      metrics.s3Event("malformed");
      return answer(400, { error: "not an S3 event notification" });
    }
    const outcome = await settleNotified(deps, bucket, created);
    metrics.s3Event("settled", outcome.settled);
    metrics.s3Event("ignored", outcome.ignored);
    logger.debug("s3 event", outcome);
    return answer(200, outcome);
  };
}

const digest = (text: string) => createHash("sha256").update(text).digest();
const answer = (status: number, body: object): RouteAnswer => ({
  status,
  contentType: "application/json",
  body: JSON.stringify(body),
});

/** The body as JSON; undefined when it is too large or not JSON (answered 400 like any malformed event). */
function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= BODY_LIMIT) chunks.push(chunk);
    });
    req.on("error", () => resolve(undefined));
    req.on("end", () => {
      try {
        resolve(size <= BODY_LIMIT ? JSON.parse(Buffer.concat(chunks).toString("utf8")) : undefined);
      } catch {
        resolve(undefined);
      }
    });
  });
}
