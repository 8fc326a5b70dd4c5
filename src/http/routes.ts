import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";

/** A plain answer: status, content type, body. */
export interface RouteAnswer {
  status: number;
  contentType: string;
  body: string;
}

/** Plain routes by path (GET, and /s3-events' POST, which reads the request). */
export type Routes = Readonly<Record<string, (req: IncomingMessage) => Promise<RouteAnswer>>>;

/** A listener serving only the given routes (for /metrics on its own port); 404 elsewhere. */
export function createRouteListener(routes: Routes, onError: (error: unknown) => void): RequestListener {
  return (req, res) => {
    const route = routes[(req.url ?? "/").split("?")[0]];
    if (route) answerRoute(req, res, route, onError);
    else send(res, 404, '{"error":"not found"}');
  };
}

/** Answers a plain route; a failing route is logged and answered 500. */
export function answerRoute(
  req: IncomingMessage,
  res: ServerResponse,
  route: (req: IncomingMessage) => Promise<RouteAnswer>,
  onError: (error: unknown) => void,
) {
  route(req).then(
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
