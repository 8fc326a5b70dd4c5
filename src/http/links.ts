import { AppError } from "../errors/app-error";
import { ErrorCode } from "../errors/codes";
import { openShareLink } from "../objects/open-share-link.service";
import { openPublicObject } from "../objects/public-object.service";
import type { ServiceDeps } from "../services/deps";
import { clientAddress } from "./client-address";
import type { PrefixRoutes, RouteAnswer } from "./routes";

// Every refusal is this very answer: an unknown token, a revoked, expired or used-up link, an id
// that names no public object. Telling them apart would tell a guesser which tokens were real.
const NOT_FOUND: RouteAnswer = {
  status: 404,
  contentType: "application/json",
  body: '{"error":"not found"}',
  headers: { "referrer-policy": "no-referrer" },
};

/** GET /s/<token> (share links) and GET /o/<objectId> (public objects): redirects to presigned GETs. */
export function linkRoutes(services: ServiceDeps, trustedProxyHops: number): PrefixRoutes {
  return {
    "/s/": (token, req) =>
      refusingLimits(async () => {
        // Counted before anything is looked up, so guessing is bounded whatever the guesses are.
        await services.limits.consumeLinkAttempt(clientAddress(req, trustedProxyHops));
        const url = await openShareLink(services, token);
        // The URL is a capability: no cache may keep the answer, and the page it leads to must not learn the link.
        return url ? redirect(url, { "cache-control": "no-store", "referrer-policy": "no-referrer" }) : NOT_FOUND;
      }),
    "/o/": (objectId) =>
      refusingLimits(async () => {
        const found = await openPublicObject(services, objectId);
        return found ? redirect(found.url, { "cache-control": `public, max-age=${found.maxAge}` }) : NOT_FOUND;
      }),
  };
}

const redirect = (location: string, headers: Record<string, string>): RouteAnswer => ({
  status: 302,
  contentType: "text/plain; charset=utf-8",
  body: "",
  headers: { location, ...headers },
});

/** A spent budget is 429 with Retry-After; a registry or store that cannot answer now is 503; anything else fails the route (500). */
async function refusingLimits(answer: () => Promise<RouteAnswer>): Promise<RouteAnswer> {
  try {
    return await answer();
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    if (e.code === ErrorCode.RATE_LIMITED) return refusal(429, "too many requests", Number(e.details?.retryAfter ?? 60));
    if (e.code === ErrorCode.SERVICE_UNAVAILABLE) return refusal(503, "unavailable, try again", 1);
    throw e;
  }
}

const refusal = (status: number, error: string, retryAfter: number): RouteAnswer => ({
  status,
  contentType: "application/json",
  body: JSON.stringify({ error }),
  headers: { "retry-after": String(retryAfter), "referrer-policy": "no-referrer" },
});
