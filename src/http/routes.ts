import type { RequestListener, ServerResponse } from "node:http";

/** A plain answer: status, content type, body. */
export interface RouteAnswer {
  status: number;
  contentType: string;
  body: string;
}

/** Plain GET routes by path. */
export type Routes = Readonly<Record<string, () => Promise<RouteAnswer>>>;

/** A listener serving only the given routes (for /metrics on its own port); 404 elsewhere. */
export function createRouteListener(routes: Routes, onError: (error: unknown) => void): RequestListener {
  return (req, res) => {
    const route = routes[(req.url ?? "/").split("?")[0]];
    if (route) answerRoute(res, route, onError);
    else send(res, 404, '{"error":"not found"}');
  };
}

/** Answers a plain route; a failing route is logged and answered 500. */
export function answerRoute(res: ServerResponse, route: () => Promise<RouteAnswer>, onError: (error: unknown) => void) {
  route().then(
    ({ status, contentType, body }) =>
      void res.writeHead(status, { "content-type": contentType, "cache-control": "no-store" }).end(body),
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
