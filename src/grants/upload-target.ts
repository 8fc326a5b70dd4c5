import { UploadMethod } from "../domain/model";
import type { UploadPlan } from "../policy/upload.policy";
import type { ServiceDeps } from "../services/deps";
import { signedHeaders } from "../storage/signed-headers";
import type { FormField, HttpHeader, PresignPutOptions } from "../storage/types";
import type { UploadTransfer } from "../store/types";

/** Where and how a client sends an upload's bytes; each method carries only what it needs. */
export type UploadTarget =
  | {
      method: typeof UploadMethod.POST;
      url: string;
      /** The form fields, in order; the file goes last. */
      fields: FormField[];
    }
  | {
      method: typeof UploadMethod.PUT;
      url: string;
      /** The headers the PUT must carry, exactly. */
      headers: HttpHeader[];
      /** The Content-MD5 the PUT is signed for; null when none was given. */
      md5: string | null;
    }
  | {
      method: typeof UploadMethod.MULTIPART;
      /** S3's id of the multipart upload the parts fill. */
      uploadId: string;
      partSize: number;
      partCount: number;
    };

/**
 * Prepares where the bytes go: signs a POST or PUT, or starts the multipart upload at S3 (a
 * server-side call, bounded like every S3 call) whose parts the grant's part URLs will fill.
 */
export async function prepareUpload(deps: Pick<ServiceDeps, "presigner" | "multipart">, plan: UploadPlan): Promise<UploadTarget> {
  if (plan.method !== UploadMethod.MULTIPART) return signSingleUpload(deps, plan);
  const uploadId = await deps.multipart.create(plan.key, { contentType: plan.contentType });
  return { method: plan.method, uploadId, partSize: plan.parts.partSize, partCount: plan.parts.partCount };
}

/** Undoes prepareUpload when the grant could not be recorded, then rethrows why. */
export async function abandonUpload(
  deps: Pick<ServiceDeps, "multipart">,
  key: string,
  target: UploadTarget,
  why: unknown,
): Promise<never> {
  // Best effort: the reaper's sweep of old open uploads catches what this misses.
  if (target.method === UploadMethod.MULTIPART) await deps.multipart.abort(key, target.uploadId).catch(() => undefined);
  throw why;
}

/** Signs the request a POST or PUT upload sends. */
export function signSingleUpload(
  deps: Pick<ServiceDeps, "presigner">,
  plan: Exclude<UploadPlan, { method: typeof UploadMethod.MULTIPART }>,
): UploadTarget {
  const base = { key: plan.key, expiresIn: plan.expiresIn, now: plan.issuedAt, contentType: plan.contentType };
  if (plan.method === UploadMethod.POST) {
    const post = deps.presigner.presignPost({ ...base, contentLengthRange: [1, plan.size] });
    return { method: plan.method, url: post.url, fields: post.fields };
  }
  // Create-only (If-None-Match: *) and pinned to the exact size, the type and, when given, the MD5.
  const put: PresignPutOptions = { ...base, contentLength: plan.size, ifNoneMatch: "*", contentMd5: plan.md5 ?? undefined };
  return { method: plan.method, url: deps.presigner.presignPut(put), headers: signedHeaders(put), md5: plan.md5 };
}

/** What the object row keeps of how the bytes travel. */
export function transferOf(target: UploadTarget): UploadTransfer {
  const unsplit = { uploadId: null, partSize: null, partCount: null };
  if (target.method === UploadMethod.MULTIPART) {
    const { method, uploadId, partSize, partCount } = target;
    return { method, uploadId, partSize, partCount, contentMd5: null };
  }
  if (target.method === UploadMethod.PUT) return { method: target.method, ...unsplit, contentMd5: target.md5 };
  return { method: target.method, ...unsplit, contentMd5: null };
}
