export type DispositionKind = "attachment" | "inline";

/**
 * Content-Disposition per RFC 6266: an ASCII `filename` fallback for old clients, plus an
 * RFC 5987 `filename*` with the UTF-8 name when the name is not plain ASCII.
 */
export function contentDisposition(kind: DispositionKind, filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]|["\\%]/g, "_");
  if (fallback === filename) return `${kind}; filename="${filename}"`;
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encodeRfc5987(filename)}`;
}

// encodeURIComponent leaves ' ( ) * unescaped, but RFC 5987 attr-char does not allow them.
const encodeRfc5987 = (value: string) =>
  encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
