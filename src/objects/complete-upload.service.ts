import type { Viewer } from "../auth/viewer";
import { badInput, forbidden, notFound } from "../errors/app-error";
import type { ServiceDeps } from "../services/deps";
import type { ObjectRecord } from "../store/types";
import { SNIFF_BYTES, uploadProblem } from "./verify-upload";

/**
 * Verifies what landed under an upload grant and records the outcome. A mismatch removes the
 * object from the bucket and marks it REJECTED; calling again returns the same outcome.
 */
export async function completeUpload(deps: ServiceDeps, viewer: Viewer, grantId: string): Promise<ObjectRecord> {
  const grant = await deps.store.findGrant(grantId);
  if (!grant || grant.kind !== "upload" || grant.viewerId !== viewer.id) throw notFound(`no upload grant '${grantId}'`);
  if (grant.revokedAt) throw forbidden("this upload grant was revoked");
  const object = await deps.store.findObject(grant.key);
  if (!object) throw notFound(`no upload grant '${grantId}'`);
  if (object.state === "AVAILABLE") return object;
  if (object.state !== "PENDING") throw badInput(outcomeMessage(object), "grantId");

  const head = await deps.objects.head(grant.key);
  if (!head) throw badInput("nothing has been uploaded for this grant yet: POST the file first", "grantId");
  const granted = { contentType: grant.contentType, maxBytes: grant.maxBytes };
  // A ranged GET of an empty object is a 416, so only non-empty objects are sniffed.
  const start = head.size > 0 ? await deps.objects.readStart(grant.key, SNIFF_BYTES) : new Uint8Array();
  const problem = await uploadProblem(granted, head, start);
  const at = deps.now();
  if (problem) {
    await deps.objects.remove(grant.key);
    await deps.store.markRejected(grant.key, { reason: problem, at });
  } else {
    await deps.store.markAvailable(grant.key, { size: head.size, contentType: granted.contentType, etag: head.etag ?? "", at });
  }
  // Re-read: a concurrent call may have recorded the outcome first; its answer is the answer.
  const settled = await deps.store.findObject(grant.key);
  if (!settled) throw notFound(`no upload grant '${grantId}'`); // deleted meanwhile
  if (settled.state !== "AVAILABLE") throw badInput(outcomeMessage(settled), "grantId");
  return settled;
}

function outcomeMessage(object: ObjectRecord): string {
  if (object.state === "REJECTED") return `upload rejected: ${object.rejectReason ?? "it did not match its grant"}`;
  return "this upload expired before it was completed";
}
