import type { Viewer } from "../auth/viewer";
import { GrantKind, ObjectState, UploadMethod } from "../domain/model";
import { badInput, forbidden, notFound, uploadIncomplete } from "../errors/app-error";
import type { ServiceDeps } from "../services/deps";
import type { ObjectRecord, UploadGrantRecord } from "../store/types";
import { assembleParts, type Assembled } from "./assemble-parts";
import { SNIFF_BYTES, uploadProblem } from "./verify-upload";

/** Rounds of verification before giving up on an upload that keeps changing under us. */
const ATTEMPTS = 3;

/**
 * Verifies what landed under an upload grant and records the outcome. What is verified is one
 * bucket version: its size and type from HEAD, its first bytes read by version id, and that same
 * version id is what AVAILABLE records and every download is signed for — so bytes written to
 * the key afterwards (a replayed form) are never what a download serves. A multipart upload is
 * first assembled at S3 from exactly its planned parts, and the version that makes is the one
 * verified. Content that fails verification is an answer, not an error: the object, REJECTED, with
 * its rejectReason. Concurrent calls all answer the outcome the registry settled on, whichever settled it.
 */
export async function completeUpload(deps: ServiceDeps, viewer: Viewer, grantId: string): Promise<ObjectRecord> {
  const grant = await deps.store.findGrant(grantId);
  if (!grant || grant.kind !== GrantKind.UPLOAD || grant.viewerId !== viewer.id) throw notFound(`no upload grant '${grantId}'`);
  if (grant.revokedAt) throw forbidden("this upload grant was revoked");
  const object = await verifyLanded(deps, grant);
  if (!object) throw notFound(`no upload grant '${grantId}'`); // deleted meanwhile
  if (object.state === ObjectState.PENDING) throw nothingUploaded(object, grant.expiresAt <= deps.now());
  return settled(object);
}

/**
 * The verification itself, for every path that settles an upload — completeUpload, the reaper
 * and S3's event notifications — so all of them judge the same version the same way and race
 * each other safely (each transition starts from PENDING; the first recorded verdict wins).
 * Returns the object as the registry settled it; the object still PENDING when nothing has landed
 * yet; null when it is gone (deleted, or its key now belongs to another grant).
 */
export async function verifyLanded(deps: ServiceDeps, grant: UploadGrantRecord): Promise<ObjectRecord | null> {
  for (let attempt = 0; ; attempt++) {
    const object = await deps.store.findObject(grant.key);
    if (!object || object.grantId !== grant.id) return null;
    if (object.state !== ObjectState.PENDING) return object;
    if (attempt === ATTEMPTS) throw new Error(`upload for grant ${grant.id} kept changing during verification`);
    const which = object.method === UploadMethod.MULTIPART ? await assembleParts(deps, object) : CURRENT;
    if ((await verifyVersion(deps, grant, object, which)) === "nothing uploaded") {
      const after = await deps.store.findObject(grant.key);
      if (after?.state === ObjectState.PENDING) return object;
    }
  }
}

const CURRENT: Assembled = { versionId: undefined, racing: false };

/**
 * One round: judge one version — the one a multipart completion made, else the key's current
 * one — and try to record the verdict. "settled" means a verdict was recorded (by us or a racing
 * call); "changed" means the version vanished under us, or a racing completion's is not visible yet.
 */
async function verifyVersion(
  deps: ServiceDeps,
  grant: UploadGrantRecord,
  object: ObjectRecord,
  which: Assembled,
): Promise<"settled" | "changed" | "nothing uploaded"> {
  const head = await deps.objects.head(grant.key, { versionId: which.versionId });
  if (!head) return which.versionId === undefined && !which.racing ? "nothing uploaded" : "changed";
  if (!head.versionId) throw new Error(`bucket returned no version id for ${grant.key}: is versioning enabled?`);
  const versionId = head.versionId;
  // A ranged GET of an empty object is a 416, so only non-empty objects are sniffed.
  const start = head.size > 0 ? await deps.objects.readStart(grant.key, SNIFF_BYTES, { versionId }) : new Uint8Array();
  if (start === null) return "changed";
  const granted = { contentType: grant.contentType, maxBytes: grant.maxBytes, contentMd5: object.contentMd5 };
  const problem = await uploadProblem(granted, head, start);
  const at = deps.now();
  if (problem) {
    // The row leaves PENDING first, so a racing call never publishes what is being removed.
    if (await deps.store.markRejected(grant.key, { reason: problem, at })) await deps.objects.removeVersions(grant.key);
    return "settled";
  }
  const facts = { size: head.size, contentType: grant.contentType, etag: head.etag ?? "", versionId, at };
  // Earlier POSTs under the same grant left older versions: nobody will ever be served them.
  if (await deps.store.markAvailable(grant.key, facts)) await deps.objects.removeVersions(grant.key, { keep: versionId });
  return "settled";
}

// Before any bytes landed the grant stays PENDING, so the client can still upload and complete
// again — unless the grant has expired, or S3 no longer holds the multipart upload.
function nothingUploaded(object: ObjectRecord, expired: boolean) {
  if (expired) return badInput("the grant expired before anything was uploaded: request a new grant", "grantId");
  if (object.method === UploadMethod.MULTIPART) {
    return badInput(
      "S3 holds neither this multipart upload nor its object (aborted, or expired by a bucket lifecycle rule): request a new grant",
      "grantId",
    );
  }
  return uploadIncomplete(`nothing has been uploaded for this grant yet: ${object.method} the file, then complete again`);
}

/** The answer for an object that left PENDING: AVAILABLE and REJECTED (rejectReason says why) are data, anything else an error. */
function settled(object: ObjectRecord): ObjectRecord {
  if (object.state === ObjectState.AVAILABLE || object.state === ObjectState.REJECTED) return object;
  if (object.state === ObjectState.ABORTED) throw badInput("this upload was aborted", "grantId");
  throw badInput("this upload expired before it was completed", "grantId");
}
