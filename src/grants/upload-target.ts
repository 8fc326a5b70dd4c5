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

/**
 * Prepares where the bytes go: signs a POST or PUT, or starts the multipart upload at S3 (a
 * server-side call, bounded like every S3 call) whose parts the grant's part URLs will fill.
 */
export async function prepareUpload(deps: Pick<ServiceDeps, "presigner" | "multipart">, plan: UploadPlan): Promise<UploadTarget> {
  if (plan.method !== UploadMethod.MULTIPART || plan.parts === null) return signSingleUpload(deps, plan);
  const uploadId = await deps.multipart.create(plan.key, { contentType: plan.contentType });
  const { partSize, partCount } = plan.parts;
  return {
    url: null,
    fields: [],
    headers: [],
    transfer: { method: plan.method, uploadId, partSize, partCount, contentMd5: null },
  };
}

/** Undoes prepareUpload when the grant could not be recorded, then rethrows why. */
export async function abandonUpload(
  deps: Pick<ServiceDeps, "multipart">,
  key: string,
  target: UploadTarget,
  why: unknown,
): Promise<never> {
  // Best effort: the reaper's sweep of old open uploads catches what this misses.
  if (target.transfer.uploadId !== null) await deps.multipart.abort(key, target.transfer.uploadId).catch(() => undefined);
  throw why;
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
  const put: PresignPutOptions = {
    ...base,
    contentLength: plan.declaredSize,
    ifNoneMatch: "*",
    contentMd5: plan.md5 ?? undefined,
  };
  return { url: deps.presigner.presignPut(put), fields: [], headers: signedHeaders(put), transfer };
}
