import type { DownloadSettings } from "../config/config";
import type { Disposition } from "../domain/model";
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
  issuedAt: Date;
  expiresAt: Date;
  expiresIn: number;
}

/** Pins a download grant's key, served type, disposition and lifetime. */
export function planDownload(
  object: VerifiedObject,
  request: { expiresIn?: number | null; disposition?: Disposition | null },
  settings: DownloadSettings,
  now: Date,
): DownloadPlan {
  const expiresIn = resolveExpiresIn(request.expiresIn, settings.defaultExpiresIn, settings.maxExpiresIn);
  const issuedAt = signingInstant(now);
  const contentType = object.contentType ?? UNVERIFIED_TYPE;
  const kind = dispositionFor(request.disposition ?? "attachment", contentType, settings.inlineTypes);
  return {
    key: object.key,
    versionId: object.versionId,
    responseContentDisposition: contentDisposition(kind, downloadFilename(object.filename, contentType)),
    responseContentType: contentType,
    issuedAt,
    expiresAt: new Date(issuedAt.getTime() + expiresIn * 1000),
    expiresIn,
  };
}
