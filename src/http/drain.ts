import type { Server, ServerResponse } from "node:http";
import { Server as NetServer, type Socket } from "node:net";

/**
 * How long idle keep-alive connections stay open once draining starts: enough turns of the event
 * loop to read a request that has already arrived on one, which is then served.
 */
const IDLE_GRACE_MS = 100;
const POLL_MS = 20;

/** What a drain did: whether it finished on its own, and how many connections it had to cut at the deadline. */
export interface DrainResult {
  clean: boolean;
  forced: number;
}

/**
 * Graceful shutdown for one HTTP server. Draining stops accepting connections, answers every
 * request already on a connection with `Connection: close`, waits for work that outlives its
 * client (`track`), and closes connections that stay idle past a short grace; at the deadline
 * the rest are cut.
 *
 * Why not `server.close()` at once: since Node 19 it destroys idle keep-alive connections on the
 * spot, and a connection that looks idle may hold a request Node has not read yet (a busy event
 * loop); destroying it resets that request. The listener is closed alone, and idle connections
 * only once the loop has had time to read what they carry.
 */
export function createDrain(server: Server) {
  const open = new Set<ServerResponse>();
  const work = new Set<Promise<unknown>>();
  const sockets = new Set<Socket>();
  let draining: Promise<DrainResult> | undefined;

  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  server.on("request", (_req, res: ServerResponse) => {
    if (draining) res.shouldKeepAlive = false;
    open.add(res);
    res.once("close", () => open.delete(res));
  });

  const settled = () => sockets.size === 0 && work.size === 0;

  const run = async (timeoutMs: number): Promise<DrainResult> => {
    const started = Date.now();
    if (server.listening) NetServer.prototype.close.call(server);
    for (const res of open) if (!res.headersSent) res.shouldKeepAlive = false;
    while (!settled() && Date.now() - started < timeoutMs) {
      if (Date.now() - started >= Math.min(IDLE_GRACE_MS, timeoutMs / 2)) server.closeIdleConnections();
      await new Promise((tick) => setTimeout(tick, POLL_MS));
    }
    const forced = sockets.size;
    server.closeAllConnections();
    // http.Server.close also stops its connection-timeout timer; the listener is already closed.
    server.close();
    if (work.size > 0) await Promise.race([Promise.allSettled(work), new Promise((tick) => setTimeout(tick, POLL_MS))]);
    return { clean: forced === 0 && work.size === 0, forced };
  };

  return {
    /** Keeps shutdown waiting for this promise (a GraphQL execution whose client may have left). */
    track: (promise: Promise<unknown>) => {
      work.add(promise);
      void promise.finally(() => work.delete(promise)).catch(() => undefined);
    },
    /** Stops accepting and waits for in-flight requests, at most `timeoutMs`; later calls share the first drain. */
    drain(timeoutMs: number): Promise<DrainResult> {
      draining ??= run(timeoutMs);
      return draining;
    },
  };
}
