import { isAdmin, type Viewer } from "../auth/viewer";
import { contentDisposition, type DispositionKind } from "./disposition";
import { isUnderViewerPrefix } from "./keys";
import { resolveExpiresIn, signingInstant } from "./ttl";

/** What the read policy needs to know of an object. */
export interface ReadableObject {
  key: string;
  ownerId: string;
  state: string;
  filename: string;
}

/**
 * Admins read everything available; others only their own objects under their own prefix.
 * Callers answer NOT_FOUND on false, so a denial never reveals that the object exists.
 */
export function canReadObject(viewer: Viewer, object: ReadableObject | null | undefined): object is ReadableObject {
  if (!object || object.state !== "AVAILABLE") return false;
  return isAdmin(viewer) || (object.ownerId === viewer.id && isUnderViewerPrefix(viewer, object.key));
}

export interface DownloadPlan {
  key: string;
  responseContentDisposition: string;
  issuedAt: Date;
  expiresAt: Date;
  expiresIn: number;
}

/** Pins a download grant's key, disposition and lifetime. */
export function planDownload(
  object: ReadableObject,
  request: { expiresIn?: number | null; disposition?: DispositionKind | null },
  limits: { defaultExpiresIn: number; maxExpiresIn: number },
  now: Date,
): DownloadPlan {
  const expiresIn = resolveExpiresIn(request.expiresIn, limits.defaultExpiresIn, limits.maxExpiresIn);
  const issuedAt = signingInstant(now);
  return {
    key: object.key,
    responseContentDisposition: contentDisposition(request.disposition ?? "attachment", object.filename),
    issuedAt,
    expiresAt: new Date(issuedAt.getTime() + expiresIn * 1000),
    expiresIn,
  };
}
