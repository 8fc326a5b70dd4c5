/** Who may keep a copy of a cacheable download: the viewer's own browser, or any cache on the way (public objects). */
export type CacheAudience = "private" | "public";

/** When a cacheable URL is signed, for how long, and the Cache-Control S3 is told to answer with. */
export interface CacheableSigning {
  issuedAt: Date;
  expiresIn: number;
  cacheControl: string;
}

/**
 * Signs at the start of the `window` (seconds, counted from the epoch) that holds `now`, so every
 * request for the same object and audience within one window gets a byte-identical URL, which
 * browsers and CDNs can cache. The lifetime is the asked one (at least one window) plus a window,
 * within `ceiling`: a URL handed out in its window's last second still has that much left.
 * max-age is what the URL has left at its window's end: the request's own instant is not in the
 * URL, so nothing signed may depend on it.
 */
export function cacheableSigning(
  now: Date,
  expiresIn: number,
  window: number,
  ceiling: number,
  audience: CacheAudience,
): CacheableSigning {
  const windowMs = window * 1000;
  const issuedAt = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const lifetime = Math.min(Math.max(expiresIn, window) + window, ceiling);
  return { issuedAt, expiresIn: lifetime, cacheControl: `${audience}, max-age=${lifetime - window}` };
}

/** Whole seconds from `now` to the end of its window, at least 1: how long an answer naming the window's URL may be cached. */
export function windowSecondsLeft(now: Date, window: number): number {
  const windowMs = window * 1000;
  return Math.ceil((windowMs - (now.getTime() % windowMs)) / 1000);
}
