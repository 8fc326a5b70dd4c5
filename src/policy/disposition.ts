import { baseContentType } from "../domain/content-type";
import { isScriptableContentType } from "../domain/scriptable";
import type { Disposition } from "../domain/model";
import { extensionFor } from "./content-types";

/**
 * INLINE only when asked for and the verified type is configured inline, has a known extension
 * and cannot run script; otherwise an attachment. The downgrade is silent: the client still gets
 * a working URL, and a browser saving a file it asked to show is the safe way to be wrong.
 */
export function dispositionFor(requested: Disposition, contentType: string, inlineTypes: readonly string[]): Disposition {
  const type = baseContentType(contentType);
  const mayInline = inlineTypes.includes(type) && extensionFor(type) !== "" && !isScriptableContentType(type);
  return requested === "inline" && mayInline ? "inline" : "attachment";
}

/**
 * Content-Disposition per RFC 6266: an ASCII `filename` fallback for old clients, plus an
 * RFC 5987 `filename*` with the UTF-8 name when the name is not plain ASCII.
 */
export function contentDisposition(kind: Disposition, filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]|["\\%]/g, "_");
  if (fallback === filename) return `${kind}; filename="${filename}"`;
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encodeRfc5987(filename)}`;
}

// encodeURIComponent leaves ' ( ) * unescaped, but RFC 5987 attr-char does not allow them.
const encodeRfc5987 = (value: string) =>
  encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
