import type { Viewer } from "../auth/viewer";
import { ObjectState } from "../domain/model";
import { badInput } from "../errors/app-error";
import { discardUpload } from "../grants/multipart.service";
import { findOwnUpload } from "../grants/own-upload";
import type { ServiceDeps } from "../services/deps";
import type { ObjectRecord } from "../store/types";

/**
 * Gives up a PENDING upload of any method: the row becomes ABORTED first (so a racing
 * completeUpload either finished before, or finds it ABORTED), then S3 forgets the multipart
 * upload and its parts, and every version a POST or PUT wrote is removed. Aborting twice answers
 * the ABORTED object again; an upload that already settled otherwise is BAD_USER_INPUT.
 * Bytes sent later through a URL that has not expired yet are removed by the reaper's stray sweep.
 */
export async function abortUpload(deps: ServiceDeps, viewer: Viewer, grantId: string): Promise<ObjectRecord> {
  const { grant, object } = await findOwnUpload(deps, viewer, grantId);
  if (object.state === ObjectState.PENDING && (await deps.store.markAborted(grant.key, deps.now()))) {
    await discardUpload(deps, object);
  }
  const after = await deps.store.findObject(grant.key);
  if (after?.grantId !== grant.id) throw badInput("this upload was deleted", "grantId");
  if (after.state !== ObjectState.ABORTED)
    throw badInput(`this upload is ${after.state}: only a PENDING upload can be aborted`, "grantId");
  return after;
}
