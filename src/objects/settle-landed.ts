import { GrantKind, ObjectState, UploadMethod } from "../domain/model";
import { AppError } from "../errors/app-error";
import { AppErrorCode } from "../errors/codes";
import type { ServiceDeps } from "../services/deps";
import type { ObjectRecord } from "../store/types";
import { verifyLanded } from "./complete-upload.service";

/**
 * Settles a PENDING upload nobody completed — its client died after sending the bytes — exactly
 * as completeUpload would: AVAILABLE or REJECTED, with the same verification and races. Null when
 * there is nothing to settle: no bytes (or not all the parts of a multipart upload), a revoked
 * grant (revoking settles the upload itself), or an object that left PENDING or went meanwhile.
 */
export async function settleLanded(deps: ServiceDeps, object: ObjectRecord): Promise<ObjectRecord | null> {
  return (await inspectLanded(deps, object)).settled;
}

/**
 * settleLanded, and whether the key was seen empty: a POST or PUT upload whose key held no
 * version when looked at. Once its grant has expired (and the grace passed) nothing can land
 * there any more, so an expired upload seen empty has nothing to delete (the reaper skips that call).
 */
export async function inspectLanded(
  deps: ServiceDeps,
  object: ObjectRecord,
): Promise<{ settled: ObjectRecord | null; empty: boolean }> {
  const none = { settled: null, empty: false };
  const grant = await deps.store.findGrant(object.grantId);
  if (grant?.kind !== GrantKind.UPLOAD || grant.revokedAt) return none;
  try {
    const after = await verifyLanded(deps, grant);
    if (after && after.state !== ObjectState.PENDING) return { settled: after, empty: false };
    return { settled: null, empty: after !== null && after.method !== UploadMethod.MULTIPART };
  } catch (e) {
    // Parts missing, or beyond the plan (assembleParts): the upload never landed whole.
    if (e instanceof AppError && (e.code === AppErrorCode.UPLOAD_INCOMPLETE || e.code === AppErrorCode.BAD_USER_INPUT))
      return none;
    throw e;
  }
}
