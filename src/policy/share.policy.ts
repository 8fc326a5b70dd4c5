import { isAdmin, type Viewer } from "../auth/viewer";
import type { ShareSettings } from "../config/config";
import { isUsableClaimValue } from "../domain/read-rule";
import { badInput } from "../errors/app-error";
import { isOwner, type ReadableObject } from "./read.policy";

/** What a client asks of shareObject, besides the key. */
export interface ShareRequest {
  viewer?: string | null;
  role?: string | null;
  expiresIn?: number | null;
}

/** Whom a share names and until when; decided before anything is stored. */
export interface SharePlan {
  viewerId: string | null;
  role: string | null;
  createdAt: Date;
  expiresAt: Date;
}

/** Only the owner (under an owner prefix) and admins may share an object or see and revoke its shares. */
export const canManageShares = (viewer: Viewer, object: Pick<ReadableObject, "ownerId" | "key">) =>
  isAdmin(viewer) || isOwner(viewer, object);

/**
 * Exactly one grantee, named as a token names it (a subject, or a role: a bounded string without
 * control characters); a lifetime clamped to the maximum, which is also what no lifetime gets.
 * Owners decide whom to share with: a role the owner lacks is as good as any.
 */
export function planShare(request: ShareRequest, settings: ShareSettings, now: Date): SharePlan {
  const viewerId = request.viewer ?? null;
  const role = request.role ?? null;
  if ((viewerId === null) === (role === null)) throw badInput("give exactly one of viewer and role");
  if (viewerId !== null && !isUsableClaimValue(viewerId))
    throw badInput("viewer must be a token subject: 1 to 128 characters, no control characters, not . or ..", "viewer");
  if (role !== null && !isUsableClaimValue(role))
    throw badInput("role must be 1 to 128 characters, no control characters, not . or ..", "role");
  return {
    viewerId,
    role,
    createdAt: now,
    expiresAt: new Date(now.getTime() + shareSeconds(request.expiresIn, settings) * 1000),
  };
}

/** A share's or a share link's lifetime in seconds: as asked within the maximum, the maximum when not asked. */
export function shareSeconds(requested: number | null | undefined, { maxExpiresIn }: ShareSettings): number {
  if (requested === null || requested === undefined) return maxExpiresIn;
  if (!Number.isInteger(requested) || requested < 1)
    throw badInput("expiresIn must be a positive number of seconds", "expiresIn");
  return Math.min(requested, maxExpiresIn);
}
