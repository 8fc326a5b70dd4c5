import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize } from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".map": "application/json",
};

export interface StaticSite {
  origin: string;
  close(): Promise<void>;
}

/** Serves directories by URL prefix on 127.0.0.1 (longest prefix first); "/" falls back to its index.html. */
export async function serveStatic(mounts: Record<string, string>): Promise<StaticSite> {
  const prefixes = Object.keys(mounts).sort((a, b) => b.length - a.length);
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    const prefix = prefixes.find((p) => path.startsWith(p))!;
    const rest = normalize(path.slice(prefix.length)).replace(/^(\.\.[/\\])+/, "");
    const file = join(mounts[prefix], rest === "" || rest === "." || rest.endsWith("/") ? "index.html" : rest);
    readFile(file).then(
      (body) => res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" }).end(body),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, close: () => new Promise<void>((ok) => server.close(() => ok())) };
}
