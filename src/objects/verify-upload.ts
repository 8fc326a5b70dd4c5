import { fileTypeFromBuffer, supportedMimeTypes } from "file-type/core";
import { baseContentType, normalizeContentType } from "../domain/content-type";
import type { StoredHead } from "../storage/types";

/** How many leading bytes the type detector needs (file-type's own recommendation). */
export const SNIFF_BYTES = 4100;

export interface Granted {
  contentType: string;
  maxBytes: number;
}

/**
 * Why a landed upload must be refused, or null when it is what was granted. Types the detector
 * knows must be detected as exactly that type; types it cannot know (text, JSON, CSV) must not
 * look like any binary format it does know, and text may not contain NUL bytes.
 */
export async function uploadProblem(granted: Granted, head: StoredHead, start: Uint8Array): Promise<string | null> {
  if (head.size < 1 || head.size > granted.maxBytes) return `stored size ${head.size} is outside the granted 1..${granted.maxBytes} bytes`;
  const stored = normalizeContentType(head.contentType ?? "");
  if (stored !== granted.contentType) return `stored Content-Type '${head.contentType}' is not the granted '${granted.contentType}'`;
  const baseType = baseContentType(granted.contentType);
  const detected = (await fileTypeFromBuffer(start))?.mime;
  if ((supportedMimeTypes as ReadonlySet<string>).has(baseType)) {
    return detected === baseType ? null : `content looks like ${detected ?? "an unrecognised format"}, not ${baseType}`;
  }
  if (detected) return `content looks like ${detected}, not ${baseType}`;
  if (baseType.startsWith("text/") && start.includes(0)) return `content is binary, not ${baseType}`;
  return null;
}
