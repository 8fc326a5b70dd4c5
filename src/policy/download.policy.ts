import { isAdmin, type Viewer } from "../auth/viewer";
import type { DownloadSettings } from "../config/config";
import type { Disposition } from "../domain/model";
import { cacheableSigning, type CacheAudience } from "./cache-window";
import { contentDisposition, dispositionFor } from "./disposition";
import { downloadFilename } from "./download-name";
import { isUnderViewerPrefix } from "./keys";
import { resolveExpiresIn, signingInstant } from "./ttl";

/** What the read policy needs to know of an object. */
export interface ReadableObject {
  key: string;
  ownerId: string;
  state: string;
  filename: string;
  /** The type verified at completeUpload; null only before verification. */
  contentType: string | null;
  /** The bucket version verified at completeUpload; null only before verification. */
  versionId: string | null;
}

// What S3 is told to serve an object whose type was never verified: browsers save it, never render it.
const UNVERIFIED_TYPE = "application/octet-stream";

/** A readable object: AVAILABLE, so it has the version it was verified as. */
export type VerifiedObject = ReadableObject & { versionId: string };

/**
 * Admins read everything available; others only their own objects under their own prefix.
 * Callers answer NOT_FOUND on false, so a denial never reveals that the object exists. An
 * object without a verified version is never readable: a URL for "whatever the key holds now"
 * could serve bytes written after the check.
 */
export function canReadObject(viewer: Viewer, object: ReadableObject | null | undefined): object is VerifiedObject {
  if (!object || object.state !== "AVAILABLE" || !object.versionId) return false;
  return isAdmin(viewer) || (object.ownerId === viewer.id && isUnderViewerPrefix(viewer, object.key));
}

export interface DownloadPlan {
  key: string;
  /** The verified version: later writes to the key are not what the URL serves. */
  versionId: string;
  responseContentDisposition: string;
  /** Pinned into the URL (response-content-type) so S3 serves the verified type, whatever it stored. */
  responseContentType: string;
  /** Cacheable plans only: the Cache-Control S3 answers the GET with (response-cache-control). */
  responseCacheControl?: string;
  issuedAt: Date;
  expiresAt: Date;
  expiresIn: number;
}

/** What a download asks for; `cache` makes it cacheable for that audience (cache-window.ts). */
export interface DownloadAsk {
  expiresIn?: number | null;
  disposition?: Disposition | null;
  cache?: CacheAudience | null;
}

/** Pins a download grant's key, served type, disposition and lifetime. */
export function planDownload(object: VerifiedObject, request: DownloadAsk, settings: DownloadSettings, now: Date): DownloadPlan {
  const asked = resolveExpiresIn(request.expiresIn, settings.defaultExpiresIn, settings.maxExpiresIn);
  const cached = request.cache
    ? cacheableSigning(now, asked, settings.urlWindow, settings.maxExpiresIn, request.cache)
    : { issuedAt: signingInstant(now), expiresIn: asked, cacheControl: undefined };
  const { issuedAt, expiresIn } = cached;
  const contentType = object.contentType ?? UNVERIFIED_TYPE;
  const kind = dispositionFor(request.disposition ?? "attachment", contentType, settings.inlineTypes);
  return {
    key: object.key,
    versionId: object.versionId,
    responseContentDisposition: contentDisposition(kind, downloadFilename(object.filename, contentType)),
    responseContentType: contentType,
    responseCacheControl: cached.cacheControl,
    issuedAt,
    expiresAt: new Date(issuedAt.getTime() + expiresIn * 1000),
    expiresIn,
  };
}
