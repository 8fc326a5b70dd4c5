import { GrantKind, ObjectState } from "../domain/model";
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
  const grant = await deps.store.findGrant(object.grantId);
  if (grant?.kind !== GrantKind.UPLOAD || grant.revokedAt) return null;
  try {
    const after = await verifyLanded(deps, grant);
    return after && after.state !== ObjectState.PENDING ? after : null;
  } catch (e) {
    // Parts missing, or beyond the plan (assembleParts): the upload never landed whole.
    if (e instanceof AppError && (e.code === AppErrorCode.UPLOAD_INCOMPLETE || e.code === AppErrorCode.BAD_USER_INPUT))
      return null;
    throw e;
  }
}
