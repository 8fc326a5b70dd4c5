import { fileTypeFromBuffer, supportedMimeTypes } from "file-type/core";
import { baseContentType, normalizeContentType } from "../domain/content-type";
import type { StoredHead } from "../storage/types";

/** How many leading bytes the type detector needs (file-type's own recommendation). */
export const SNIFF_BYTES = 4100;

export interface Granted {
  contentType: string;
  maxBytes: number;
  /** A PUT's signed Content-MD5 (base64): the stored ETag must be that digest. */
  contentMd5?: string | null;
}

/**
 * Why a landed upload must be refused, or null when it is what was granted. Types the detector
 * knows must be detected as exactly that type; types it cannot know (text, JSON, CSV) must not
 * look like any binary format it does know, and text may not contain NUL bytes.
 */
export async function uploadProblem(granted: Granted, head: StoredHead, start: Uint8Array): Promise<string | null> {
  if (head.size < 1 || head.size > granted.maxBytes)
    return `stored size ${head.size} is outside the granted 1..${granted.maxBytes} bytes`;
  if (head.contentType === undefined || normalizeContentType(head.contentType) !== granted.contentType)
    return `stored Content-Type '${head.contentType}' is not the granted '${granted.contentType}'`;
  if (granted.contentMd5 != null) {
    // A single PUT's ETag is the hex MD5 of its bytes (S3 with SSE-S3 or none, and Ceph).
    const md5 = Buffer.from(granted.contentMd5, "base64").toString("hex");
    if (head.etag?.replaceAll('"', "") !== md5)
      return `stored ETag ${head.etag ?? "(none)"} is not the MD5 the grant signed (${md5})`;
  }
  const baseType = baseContentType(granted.contentType);
  const detected = (await fileTypeFromBuffer(start))?.mime;
  if (supportedMimeTypes.has(baseType)) {
    return detected === baseType ? null : `content looks like ${detected ?? "an unrecognised format"}, not ${baseType}`;
  }
  if (detected) return `content looks like ${detected}, not ${baseType}`;
  if (baseType.startsWith("text/") && start.includes(0)) return `content is binary, not ${baseType}`;
  return null;
}
