import type { DownloadSettings } from "../config/config";
import type { Disposition } from "../domain/model";
import { cacheableSigning, type CacheAudience } from "./cache-window";
import { contentDisposition, dispositionFor } from "./disposition";
import { downloadFilename } from "./download-name";
import type { VerifiedObject } from "./read.policy";
import { resolveExpiresIn, signingInstant } from "./ttl";

// What S3 is told to serve an object whose type was never verified: browsers save it, never render it.
const UNVERIFIED_TYPE = "application/octet-stream";

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
