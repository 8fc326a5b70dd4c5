import type { IncomingMessage, ServerResponse } from "node:http";

/** Which browser origins may call the API. */
export interface CorsPolicy {
  /** Allowed exactly as written (scheme, host and port). */
  origins: readonly string[];
  /** Development: any port of http://localhost and http://127.0.0.1, for dev servers that pick their own. */
  anyLocalPort: boolean;
}

// An Origin header is scheme://host[:port] with nothing after it; the port is 1-5 digits.
const LOCAL_ORIGIN = /^http:\/\/(?:localhost|127\.0\.0\.1)(?::\d{1,5})?$/;

/** The policy the configuration asks for. */
export const corsPolicyOf = (http: { corsOrigins: string[]; corsAnyLocalPort: boolean }): CorsPolicy => ({
  origins: http.corsOrigins,
  anyLocalPort: http.corsAnyLocalPort,
});

// S3 (AWS, Ceph RGW) allows one `*` in an AllowedOrigin; these match any port of the two local hosts.
const LOCAL_BUCKET_ORIGINS = ["http://localhost:*", "http://127.0.0.1:*"];

/** AllowedOrigins of the bucket's CORS rule (S3_ENSURE_BUCKET): the same origins the API allows. */
export const bucketCorsOrigins = (policy: CorsPolicy): string[] =>
  policy.anyLocalPort ? [...policy.origins, ...LOCAL_BUCKET_ORIGINS] : [...policy.origins];

/** The predicate an Origin header is checked with: exact list, plus local dev servers when asked. */
export function originCheck(policy: CorsPolicy): (origin: string) => boolean {
  const exact = new Set(policy.origins);
  return policy.anyLocalPort ? (origin) => exact.has(origin) || LOCAL_ORIGIN.test(origin) : (origin) => exact.has(origin);
}

/** Sets CORS headers for an allowed Origin; answers preflights itself (returns true then). */
export function applyCors(req: IncomingMessage, res: ServerResponse, allowed: (origin: string) => boolean): boolean {
  const origin = req.headers.origin;
  const ok = origin !== undefined && allowed(origin);
  res.setHeader("vary", "Origin");
  if (ok) res.setHeader("access-control-allow-origin", origin);
  if (req.method !== "OPTIONS") return false;
  if (ok) {
    res.setHeader("access-control-allow-methods", "GET,POST,OPTIONS");
    res.setHeader("access-control-allow-headers", req.headers["access-control-request-headers"] ?? "content-type,authorization");
    res.setHeader("access-control-max-age", "600");
  }
  res.writeHead(204).end();
  return true;
}
