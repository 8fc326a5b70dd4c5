import { hasRole, isAdmin, type Viewer } from "../auth/viewer";
import { OWNER_ONLY, type ReadRule } from "../domain/read-rule";
import { isUnderOwnerPrefix } from "./keys";

/** What the read policy needs to know of an object. */
export interface ReadableObject {
  key: string;
  /** The object's identity: the id of the upload grant that created its row (never reused, unlike a key). */
  grantId: string;
  ownerId: string;
  state: string;
  filename: string;
  /** The type verified at completeUpload; null only before verification. */
  contentType: string | null;
  /** The bucket version verified at completeUpload; null only before verification. */
  versionId: string | null;
  /** The uploader's claim values recorded at upload (`sameClaim`); null when none were. */
  claims: Readonly<Record<string, string>> | null;
}

/** A readable object: AVAILABLE, so it has the version it was verified as. */
export type VerifiedObject = ReadableObject & { versionId: string };

/** What the read policy needs to know of a share: whom it names, for which object, until when. */
export interface ShareGrant {
  id: string;
  /** The shared object's identity (ReadableObject.grantId). */
  objectId: string;
  viewerId: string | null;
  role: string | null;
  expiresAt: Date;
  revokedAt: Date | null;
}

/** An object is readable at all only once verified: a URL for "whatever the key holds now" could serve bytes written after the check. */
export const isVerified = (object: ReadableObject | null | undefined): object is VerifiedObject =>
  !!object && object.state === "AVAILABLE" && !!object.versionId;

export const isOwner = (viewer: Viewer, object: Pick<ReadableObject, "ownerId" | "key">) =>
  object.ownerId === viewer.id && isUnderOwnerPrefix(object.ownerId, object.key);

/**
 * May the viewer read the object without any share: as admin, as owner (under an owner prefix),
 * or by the profile's read rule? A viewer without the `sameClaim` claim, or an object that
 * recorded none, is no member: a missing value never equals another missing value.
 */
export function canReadWithoutShare(
  viewer: Viewer,
  object: ReadableObject | null | undefined,
  rule: ReadRule,
): object is VerifiedObject {
  if (!isVerified(object)) return false;
  if (isAdmin(viewer) || isOwner(viewer, object)) return true;
  switch (rule.kind) {
    case "owner":
      return false;
    case "authenticated":
    case "public":
      return true;
    case "roles":
      return rule.roles.some((role) => hasRole(viewer, role));
    case "sameClaim": {
      const recorded = object.claims?.[rule.claim];
      return typeof recorded === "string" && viewer.claims?.[rule.claim] === recorded;
    }
  }
}

/** Is the share in force at `now` for this object and this viewer (by id, or by one of the viewer's roles)? */
export function isShareFor(viewer: Viewer, object: Pick<ReadableObject, "grantId">, share: ShareGrant, now: Date): boolean {
  if (share.objectId !== object.grantId || share.revokedAt !== null || share.expiresAt <= now) return false;
  return share.viewerId !== null ? share.viewerId === viewer.id : share.role !== null && hasRole(viewer, share.role);
}

/** Why a read is allowed: by the viewer's own right (admin, owner, the profile's rule), or through one share. */
export type ReadAccess = { share: null } | { share: ShareGrant };

/**
 * The read decision: admins read every verified object; the owner, and whoever the profile's
 * rule admits, read it; so does a viewer named (or holding a role named) by an active share of
 * this very object. Null: denied, which callers answer with NOT_FOUND, so a denial never
 * reveals that the object exists.
 */
export function readAccess(
  viewer: Viewer,
  object: ReadableObject | null | undefined,
  rule: ReadRule,
  shares: readonly ShareGrant[],
  now: Date,
): ReadAccess | null {
  if (canReadWithoutShare(viewer, object, rule)) return { share: null };
  if (!isVerified(object)) return null;
  const share = shares.find((s) => isShareFor(viewer, object, s, now));
  return share ? { share } : null;
}

/** readAccess as a predicate. */
export const canReadObject = (
  viewer: Viewer,
  object: ReadableObject | null | undefined,
  rule: ReadRule,
  shares: readonly ShareGrant[],
  now: Date,
): object is VerifiedObject => readAccess(viewer, object, rule, shares, now) !== null;

/** May anyone, signed in or not, read the object (the public route)? Only a verified object of a `public` profile. */
export const isPublicObject = (object: ReadableObject | null | undefined, rule: ReadRule): object is VerifiedObject =>
  isVerified(object) && rule.kind === "public";

/** The read rule of the profile an object was uploaded under; owner-only once that profile is gone. */
export const readRuleOf = (profiles: ReadonlyMap<string, { read: ReadRule }>, profile: string): ReadRule =>
  profiles.get(profile)?.read ?? OWNER_ONLY;
