import type { HttpHeader, PresignPutOptions, PresignUploadPartOptions } from "./types";

/**
 * The headers a presigned PUT or UploadPart signed, as the uploader must send them: any other
 * value (or a missing header) and S3 refuses the request. HTTP clients set Content-Length from
 * the body themselves (browsers refuse to let a page set it); it is listed so the size is explicit.
 */
export function signedHeaders(
  o: Partial<Pick<PresignPutOptions & PresignUploadPartOptions, "contentType" | "contentLength" | "contentMd5" | "ifNoneMatch">>,
): HttpHeader[] {
  const headers: HttpHeader[] = [];
  if (o.contentType != null) headers.push({ name: "Content-Type", value: o.contentType });
  if (o.contentLength != null) headers.push({ name: "Content-Length", value: String(o.contentLength) });
  if (o.contentMd5 != null) headers.push({ name: "Content-MD5", value: o.contentMd5 });
  if (o.ifNoneMatch != null) headers.push({ name: "If-None-Match", value: o.ifNoneMatch });
  return headers;
}
