import { isIP } from "node:net";
import type { IncomingMessage } from "node:http";

/**
 * The address per-client limits key on. With no trusted proxy it is the socket's peer. With
 * `trustedHops` proxies of yours in front, each appending the address it received from to
 * X-Forwarded-For, it is the entry `trustedHops` from the right: what the outermost of your proxies
 * saw. Entries further left were written by the client and are ignored, or a client could pick its
 * own key. A request with fewer entries (it skipped a proxy) is keyed on the leftmost one it has.
 * IPv6 clients are keyed by their /64, which one subscriber usually holds whole.
 */
export function clientAddress(req: Pick<IncomingMessage, "headers" | "socket">, trustedHops: number): string {
  const peer = req.socket.remoteAddress ?? "";
  const forwarded = trustedHops > 0 ? forwardedFor(req.headers["x-forwarded-for"]) : [];
  const chain = [peer, ...forwarded.reverse()];
  const chosen = chain[Math.min(trustedHops, chain.length - 1)];
  return limitKey(isIP(chosen) ? chosen : peer);
}

function forwardedFor(header: string | string[] | undefined): string[] {
  const value = Array.isArray(header) ? header.join(",") : (header ?? "");
  return value
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
}

/** One key per client: an IPv4 address (also when written IPv4-mapped), or an IPv6 address's /64. */
export function limitKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1];
  if (isIP(address) !== 6) return address;
  const [head, tail] = address.split("%")[0].toLowerCase().split("::");
  const groups = (part: string | undefined) => (part ? part.split(":").flatMap((g) => (g.includes(".") ? ["0", "0"] : [g])) : []);
  const front = groups(head);
  const back = groups(tail);
  const all = tail === undefined ? front : [...front, ...Array<string>(8 - front.length - back.length).fill("0"), ...back];
  return `${all
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(":")}::/64`;
}
