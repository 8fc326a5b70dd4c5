/**
 * Canonical form of a Content-Type: type/subtype lower-cased, parameters kept, spaces trimmed,
 * so "Image/PNG " matches "image/png". Every comparison of types goes through here.
 */
export function normalizeContentType(raw: string): string {
  return raw
    .trim()
    .split(";")
    .map((part, i) => (i === 0 ? part.trim().toLowerCase() : part.trim()))
    .join("; ");
}

/** The type/subtype without parameters, lower-cased: "text/plain; charset=utf-8" → "text/plain". */
export const baseContentType = (raw: string): string => raw.split(";")[0].trim().toLowerCase();
