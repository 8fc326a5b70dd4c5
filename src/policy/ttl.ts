import { MAX_PRESIGN_SECONDS } from "../domain/limits";
import { badInput } from "../errors/app-error";

/** The TTL to grant: the default when none is asked, else the request clamped to the maximum. */
export function resolveExpiresIn(requested: number | null | undefined, defaultSeconds: number, maxSeconds: number): number {
  const ceiling = Math.min(maxSeconds, MAX_PRESIGN_SECONDS);
  if (requested === null || requested === undefined) return Math.min(defaultSeconds, ceiling);
  if (!Number.isInteger(requested) || requested < 1)
    throw badInput("expiresIn must be a positive number of seconds", "expiresIn");
  return Math.min(requested, ceiling);
}

/** Signing time at whole seconds: X-Amz-Date has no sub-second part, so the grant's times match it. */
export const signingInstant = (now: Date) => new Date(Math.floor(now.getTime() / 1000) * 1000);
