import { createServer as createHttpServer, type RequestListener } from "node:http";
import { createConnection, createServer as createTcpServer, type AddressInfo, type Server, type Socket } from "node:net";

/** A stand-in S3 endpoint that misbehaves on purpose, and what it saw of its clients. */
export interface FaultyEndpoint {
  url: string;
  /** Connections accepted so far. */
  readonly connections: number;
  /** The most connections ever open at the same time. */
  readonly peakOpen: number;
  /** HTTP requests received so far (0 for a server that never reads them). */
  readonly requests: number;
  /** Resolves once the client has closed every connection; rejects if one is still open after `withinMs`. */
  drained(withinMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** Accepts connections and never answers, never closes. */
export function silentEndpoint(): Promise<FaultyEndpoint> {
  return track(createTcpServer(), () => 0);
}

/** Answers every request with the handler (a 503, a stalled body, …). */
export function answeringEndpoint(handler: RequestListener): Promise<FaultyEndpoint> {
  let requests = 0;
  const server = createHttpServer((req, res) => {
    requests++;
    handler(req, res);
  });
  return track(server, () => requests);
}

/** A URL whose port refuses connections: it was free a moment ago and nothing listens on it. */
export async function refusingEndpoint(): Promise<string> {
  const server = createTcpServer();
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((ok) => server.close(() => ok()));
  return `http://127.0.0.1:${port}`;
}

async function track(server: Server, requests: () => number): Promise<FaultyEndpoint> {
  const open = new Set<Socket>();
  let connections = 0;
  let peakOpen = 0;
  server.on("connection", (socket) => {
    connections++;
    open.add(socket);
    peakOpen = Math.max(peakOpen, open.size);
    socket.on("error", () => {});
    socket.on("close", () => open.delete(socket));
    // Read (and drop) what the client sends: a paused socket would never see the client hang up.
    socket.resume();
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get connections() {
      return connections;
    },
    get peakOpen() {
      return peakOpen;
    },
    get requests() {
      return requests();
    },
    async drained(withinMs = 2000) {
      const until = Date.now() + withinMs;
      while (open.size > 0) {
        if (Date.now() > until) throw new Error(`${open.size} connection(s) still open after ${withinMs} ms`);
        await new Promise((ok) => setTimeout(ok, 20));
      }
    },
    close() {
      for (const socket of open) socket.destroy();
      return new Promise<void>((ok) => server.close(() => ok()));
    },
  };
}

/** A TCP relay to `endpoint` that holds each chunk a client sends for `delayMs`: every S3 call takes that much longer. */
export async function slowRelay(endpoint: string, delayMs: number): Promise<{ url: string; close(): Promise<void> }> {
  const target = new URL(endpoint);
  const open = new Set<Socket>();
  const server = createTcpServer((client) => {
    const upstream = createConnection(Number(target.port || 80), target.hostname);
    for (const socket of [client, upstream]) {
      open.add(socket);
      socket.on("error", () => socket.destroy());
      socket.on("close", () => (open.delete(socket), client.destroy(), upstream.destroy()));
    }
    // Equal delays fire in order, so the bytes arrive as they were sent.
    client.on("data", (chunk) => setTimeout(() => upstream.write(chunk), delayMs));
    upstream.pipe(client);
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close() {
      for (const socket of open) socket.destroy();
      return new Promise<void>((ok) => server.close(() => ok()));
    },
  };
}
