import type { Server } from "node:http";

/**
 * http://ADDRESS:PORT of the server once it listens (a wildcard address is written localhost),
 * http://localhost:PORT before: where links point when PUBLIC_URL is not set.
 */
export function listeningUrl(server: Server, configuredPort: number): string {
  const address = server.address();
  if (address === null || typeof address === "string") return `http://localhost:${configuredPort}`;
  const wildcard = address.address === "0.0.0.0" || address.address === "::";
  const host = wildcard ? "localhost" : address.family === "IPv6" ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}
