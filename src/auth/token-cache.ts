import type { TokenVerifier, VerifiedToken } from "./verify-token";

export interface TokenCacheOptions {
  /** Most tokens remembered; the oldest entry is dropped first. */
  maxEntries: number;
  /** Longest a verification is reused, so a key removed from a JWKS stops working within this time. */
  maxAgeMs: number;
  now?: () => number;
}

/**
 * Remembers successful verifications by the exact token string until the token's own `exp`
 * (or maxAgeMs, if sooner). A JWT's signature covers every claim, so the same string verifies
 * the same way until then; failures are never cached. This takes signature checking (WebCrypto,
 * a thread-pool round trip in jose) off the path of every request after a client's first.
 */
export function cacheVerifiedTokens(
  verify: (token: string) => Promise<VerifiedToken>,
  options: TokenCacheOptions,
): TokenVerifier {
  const now = options.now ?? Date.now;
  const entries = new Map<string, { viewer: VerifiedToken["viewer"]; until: number }>();
  return async (token) => {
    const hit = entries.get(token);
    const at = now();
    if (hit && hit.until > at) return hit.viewer;
    // Stryker disable next-line ConditionalExpression: deleting a token that is not cached is a no-op.
    if (hit) entries.delete(token);
    const { viewer, expiresAt } = await verify(token);
    if (entries.size >= options.maxEntries) entries.delete(entries.keys().next().value!);
    entries.set(token, { viewer, until: Math.min(expiresAt, at + options.maxAgeMs) });
    return viewer;
  };
}
