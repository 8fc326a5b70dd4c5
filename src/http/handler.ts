import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { HeaderMap, type ApolloServer } from "@apollo/server";
import { elapsedMs, startRecord, type RequestRecord } from "../observability/request-record";
import { applyCors, originCheck, type CorsPolicy } from "./cors";
import type { DirectAnswer } from "./direct-execution";
import { answerRoute, matchPrefix, send, type PrefixRoutes, type Routes } from "./routes";

const BODY_LIMIT = 1024 * 1024;

export interface HandlerOptions<C> {
  cors: CorsPolicy;
  /** Builds a request's context; `record` is the request's own, to note what the context learnt. */
  context: (req: IncomingMessage, record: RequestRecord) => Promise<C>;
  /** Failures outside GraphQL execution (they are answered with a bare 500). */
  onError: (error: unknown) => void;
  /** Once per request (probes aside), when its answer is out or its client has gone. */
  onAnswered?: (record: RequestRecord, req: IncomingMessage, res: ServerResponse) => void;
  /** Receives each GraphQL request's processing, which may outlive its client (shutdown waits for it). */
  track?: (work: Promise<unknown>) => void;
  /** Further plain routes by path (/metrics, /readyz, /s3-events); not logged, like /healthz. */
  routes?: Routes;
  /** GET routes by path prefix (/s/<token>, /o/<id>); not logged either (a path may hold a secret), other methods 404. */
  prefixRoutes?: PrefixRoutes;
  /** The direct lane: answers what it can without Apollo's pipeline, or returns undefined (direct-execution.ts). */
  direct?: (body: unknown, req: IncomingMessage, record: RequestRecord) => Promise<DirectAnswer | undefined>;
}

/**
 * The whole HTTP surface on plain node:http: /graphql (CORS, JSON body, Apollo), /healthz (the
 * process is alive, nothing more), the given plain routes (/readyz, /metrics) and prefix routes
 * (/s/<token>, /o/<objectId>). This is the hot
 * path of every grant, so it does only what those routes need.
 */
export function createRequestHandler<C extends object>(apollo: ApolloServer<C>, options: HandlerOptions<C>): RequestListener {
  const allowed = originCheck(options.cors);
  const { onAnswered } = options;
  return (req, res) => {
    const url = req.url ?? "/";
    const q = url.indexOf("?");
    const path = q < 0 ? url : url.slice(0, q);
    if (path === "/healthz") return send(res, 200, '{"ok":true}');
    const route = options.routes?.[path];
    if (route) return void answerRoute(res, () => route(req), options.onError);
    const prefixed = matchPrefix(options.prefixRoutes, path);
    if (prefixed) {
      if (req.method !== "GET") return send(res, 404, '{"error":"not found"}');
      const work = answerRoute(res, () => prefixed.route(prefixed.rest, req), options.onError);
      return options.track?.(work);
    }
    const record = startRecord(req, path);
    if (onAnswered) res.once("close", () => onAnswered(record, req, res));
    if (path !== "/graphql") return send(res, 404, '{"error":"not found"}');
    if (applyCors(req, res, allowed)) return;
    const work = readJsonBody(req)
      .then(async (body) => {
        const direct = body === undefined ? undefined : await options.direct?.(body, req, record);
        record.lane = direct ? "direct" : "apollo";
        if (direct) {
          const headers = new Map([["content-type", direct.contentType], ...(direct.headers ?? [])]);
          return answer(res, record, direct.status, headers, direct.body);
        }
        return executeGraphQL(apollo, req, res, body, q < 0 ? "" : url.slice(q), options.context, record);
      })
      .catch((e: unknown) => {
        if (e instanceof HttpError) return send(res, e.status, JSON.stringify({ error: e.message }));
        options.onError(e);
        send(res, 500, '{"error":"internal error"}');
      });
    options.track?.(work);
  };
}

async function executeGraphQL<C extends object>(
  apollo: ApolloServer<C>,
  req: IncomingMessage,
  res: ServerResponse,
  body: unknown,
  search: string,
  context: HandlerOptions<C>["context"],
  record: RequestRecord,
) {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(", ") : value);
  }
  const response = await apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: req.method!.toUpperCase(), headers, search, body },
    context: () => context(req, record),
  });
  if (response.body.kind === "complete")
    return answer(res, record, response.status ?? 200, response.headers, response.body.string);
  answer(res, record, response.status ?? 200, response.headers);
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

/** Sends a GraphQL answer's head (and body, when given) with the headers every answer carries. */
function answer(res: ServerResponse, record: RequestRecord, status: number, headers: Iterable<[string, string]>, body?: string) {
  for (const [key, value] of headers) res.setHeader(key, value);
  if (record.requestId) res.setHeader("x-request-id", record.requestId);
  // Answers carry live capabilities (presigned URLs): no shared or browser cache may keep them.
  res.setHeader("cache-control", "no-store");
  // Server-Timing shows in browser devtools and lets the benchmark read server time per request.
  res.setHeader("server-timing", `app;dur=${elapsedMs(record).toFixed(2)}`);
  res.statusCode = status;
  if (body !== undefined) res.end(body);
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The parsed JSON body of a POST with a JSON content type; undefined for anything else (Apollo answers those). */
function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const type = req.headers["content-type"] ?? "";
  if (req.method !== "POST" || !/^application\/(graphql-response\+)?json\b/i.test(type)) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= BODY_LIMIT) return void chunks.push(chunk);
      // Too large: answer now and close the connection after the answer; the rest is discarded.
      chunks.length = 0;
      reject(new HttpError(413, "request body too large"));
    });
    req.on("error", reject);
    req.on("end", () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks, size).toString("utf8")));
      } catch {
        reject(new HttpError(400, "request body is not valid JSON"));
      }
    });
  });
}
