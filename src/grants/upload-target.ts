import { UploadMethod } from "../domain/model";
import type { UploadPlan } from "../policy/upload.policy";
import type { ServiceDeps } from "../services/deps";
import { signedHeaders } from "../storage/signed-headers";
import type { FormField, HttpHeader, PresignPutOptions } from "../storage/types";
import type { UploadTransfer } from "../store/types";

/** Where and how a client sends an upload's bytes, and what the object row records about it. */
export interface UploadTarget {
  /** The POST form's or the PUT's URL; null for MULTIPART (each part has its own). */
  url: string | null;
  /** POST only: the form fields, in order. */
  fields: FormField[];
  /** PUT only: the headers the PUT must carry. */
  headers: HttpHeader[];
  transfer: UploadTransfer;
}

/** Signs the request a POST or PUT upload sends. */
export function signSingleUpload(deps: Pick<ServiceDeps, "presigner">, plan: UploadPlan): UploadTarget {
  const base = { key: plan.key, expiresIn: plan.expiresIn, now: plan.issuedAt, contentType: plan.contentType };
  const transfer: UploadTransfer = { method: plan.method, uploadId: null, partSize: null, partCount: null, contentMd5: plan.md5 };
  if (plan.method === UploadMethod.POST) {
    const post = deps.presigner.presignPost({ ...base, contentLengthRange: [1, plan.maxBytes] });
    return { url: post.url, fields: post.fields, headers: [], transfer };
  }
  // Create-only (If-None-Match: *) and pinned to the exact size, the type and, when given, the MD5.
  const put: PresignPutOptions = { ...base, contentLength: plan.declaredSize, ifNoneMatch: "*", contentMd5: plan.md5 ?? undefined };
  return { url: deps.presigner.presignPut(put), fields: [], headers: signedHeaders(put), transfer };
}
