import { badInput } from "../errors/app-error";

/** What deciding about a share link needs of it. */
export interface LinkState {
  expiresAt: Date;
  revokedAt: Date | null;
  maxDownloads: number | null;
  downloads: number;
}

/** Whether a link may serve one more download at `now`: not revoked, not expired, not used up. */
export const isLinkUsable = (link: LinkState, now: Date): boolean =>
  link.revokedAt === null &&
  link.expiresAt.getTime() > now.getTime() &&
  (link.maxDownloads === null || link.downloads < link.maxDownloads);

/** A new link's download limit: a positive count, or null for none. */
export function linkMaxDownloads(requested: number | null | undefined): number | null {
  if (requested === null || requested === undefined) return null;
  if (!Number.isInteger(requested) || requested < 1) throw badInput("maxDownloads must be a positive count", "maxDownloads");
  return requested;
}

/** Seconds the URL a link redirects to is signed for: `ttl`, but never past the link's own end (at least 1). */
export function linkUrlExpiresIn(linkExpiresAt: Date, issuedAt: Date, ttl: number): number {
  const left = Math.ceil((linkExpiresAt.getTime() - issuedAt.getTime()) / 1000);
  return Math.max(1, Math.min(ttl, left));
}
