import { baseContentType } from "../domain/content-type";

// Key extensions come from the granted type, never from the client's filename, so a key's
// extension always agrees with the Content-Type S3 will serve.
const EXTENSIONS: Record<string, string> = {
  "image/png": ".png",
  "image/jpeg": ".jpg",
  "image/webp": ".webp",
  "image/gif": ".gif",
  "image/avif": ".avif",
  "image/heic": ".heic",
  "application/pdf": ".pdf",
  "text/plain": ".txt",
  "text/csv": ".csv",
  "application/zip": ".zip",
  "application/json": ".json",
  "video/mp4": ".mp4",
  "video/quicktime": ".mov",
  "audio/mpeg": ".mp3",
};

/** The extension (with dot) for a content type, or "" when none is known. */
export function extensionFor(contentType: string): string {
  return EXTENSIONS[baseContentType(contentType)] ?? "";
}
