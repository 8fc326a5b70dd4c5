import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";

/** A plain answer: status, content type, body, and headers beyond those (Cache-Control is no-store unless given). */
export interface RouteAnswer {
  status: number;
  contentType: string;
  body: string;
  headers?: Readonly<Record<string, string>>;
}

/** Plain routes by path (GET, and /s3-events' POST, which reads the request). */
export type Routes = Readonly<Record<string, (req: IncomingMessage) => Promise<RouteAnswer>>>;

/** GET routes by path prefix ("/s/"): each gets the rest of the path (never logged: it may be a secret) and the request. */
export type PrefixRoutes = Readonly<Record<string, (rest: string, req: IncomingMessage) => Promise<RouteAnswer>>>;

/** The prefix route for a path ("/s/abc" → the "/s/" route and "abc"), if any. */
export function matchPrefix(routes: PrefixRoutes | undefined, path: string) {
  const slash = path.indexOf("/", 1);
  const route = slash < 0 ? undefined : routes?.[path.slice(0, slash + 1)];
  return route && { route, rest: path.slice(slash + 1) };
}

/** A listener serving only the given routes (for /metrics on its own port); 404 elsewhere. */
export function createRouteListener(routes: Routes, onError: (error: unknown) => void): RequestListener {
  return (req, res) => {
    const route = routes[(req.url ?? "/").split("?")[0]];
    if (route) void answerRoute(res, () => route(req), onError);
    else send(res, 404, '{"error":"not found"}');
  };
}

/** Answers a plain route; a failing route is logged and answered 500. */
export function answerRoute(res: ServerResponse, route: () => Promise<RouteAnswer>, onError: (error: unknown) => void) {
  return route().then(
    ({ status, contentType, body, headers }) =>
      void res.writeHead(status, { "content-type": contentType, "cache-control": "no-store", ...headers }).end(body),
    (e: unknown) => {
      onError(e);
      send(res, 500, '{"error":"internal error"}');
    },
  );
}

/** Answers with a JSON body (ending a response whose headers already went out). */
export function send(res: ServerResponse, status: number, body: string) {
  if (res.headersSent) return void res.end();
  if (status === 413) res.shouldKeepAlive = false;
  res.writeHead(status, { "content-type": "application/json" }).end(body);
}
