/** Bytes of the file sent so far, and the file's size. */
export interface UploadProgress {
  loaded: number;
  total: number;
}

/**
 * Bytes of the FILE sent, from the bytes of the multipart body sent. The form's fields (policy,
 * signature: about a kilobyte) go before the file and only a closing boundary after it, so all the
 * overhead is counted as coming first: the file's bar stays at 0 while the fields go out, then
 * follows the file byte for byte.
 */
export function fileBytesSent(bodyLoaded: number, bodyTotal: number, fileSize: number): number {
  const overhead = Math.max(0, bodyTotal - fileSize);
  return Math.min(fileSize, Math.max(0, bodyLoaded - overhead));
}
