import { GrantKind, ObjectState, UploadMethod } from "../domain/model";
import { AppError } from "../errors/app-error";
import { AppErrorCode } from "../errors/codes";
import type { ServiceDeps } from "../services/deps";
import type { GrantRecord, ObjectRecord, UploadGrantRecord } from "../store/types";
import { eachLimited } from "./each-limited";
import { verifyLanded } from "./complete-upload.service";

/** What inspecting an upload found: the object as it was settled (null: nothing to settle), and whether its key held nothing. */
export interface Inspected {
  settled: ObjectRecord | null;
  empty: boolean;
}

const NONE: Inspected = { settled: null, empty: false };

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
export async function inspectLanded(deps: ServiceDeps, object: ObjectRecord): Promise<Inspected> {
  return inspectWith(deps, await deps.store.findGrant(object.grantId));
}

/**
 * inspectLanded over a reaper's batch, `concurrency` objects at a time, deciding for each exactly
 * as inspectLanded would, in fewer round trips: one read of the batch's grants, and for a POST or
 * PUT upload one HEAD of its key first. A key that holds nothing is judged, as verifyLanded judges
 * "nothing uploaded", from the object as one read of all such keys after their HEADs finds it —
 * two reads per object fewer; a key with bytes, and a multipart upload, go through verifyLanded.
 */
export async function inspectLandedMany(
  deps: ServiceDeps,
  objects: readonly ObjectRecord[],
  concurrency: number,
  signal?: AbortSignal,
): Promise<Inspected[]> {
  const grants = objects.length
    ? await deps.store.findUploadGrants(objects.map((o) => o.grantId))
    : new Map<string, UploadGrantRecord>();
  const looked = await eachLimited(
    objects,
    concurrency,
    async (object): Promise<Inspected | "nothing there"> => {
      const grant = grants.get(object.grantId) ?? null;
      if (!isLive(grant) || object.method === UploadMethod.MULTIPART) return inspectWith(deps, grant);
      return (await deps.objects.head(object.key)) ? inspectWith(deps, grant) : "nothing there";
    },
    signal,
  );
  const bare = objects.filter((_, i) => looked[i] === "nothing there");
  const now = bare.length ? await deps.store.findObjects(bare.map((o) => o.key)) : new Map<string, ObjectRecord>();
  return looked.map((l, i) => (l === "nothing there" ? judgeNothingThere(objects[i], now.get(objects[i].key)) : l));
}

const isLive = (grant: GrantRecord | null) => grant?.kind === GrantKind.UPLOAD && !grant.revokedAt;

async function inspectWith(deps: ServiceDeps, grant: GrantRecord | null): Promise<Inspected> {
  if (grant?.kind !== GrantKind.UPLOAD || grant.revokedAt) return NONE;
  try {
    const after = await verifyLanded(deps, grant);
    if (after && after.state !== ObjectState.PENDING) return { settled: after, empty: false };
    return { settled: null, empty: after !== null && after.method !== UploadMethod.MULTIPART };
  } catch (e) {
    // Parts missing, or beyond the plan (assembleParts): the upload never landed whole.
    if (e instanceof AppError && (e.code === AppErrorCode.UPLOAD_INCOMPLETE || e.code === AppErrorCode.BAD_USER_INPUT))
      return NONE;
    throw e;
  }
}

// verifyLanded's verdict when the HEAD of the current version finds nothing, read off the object
// as it is after that HEAD (the claimed row standing for its first read): still PENDING — checked
// by state alone, as verifyLanded does — settled meanwhile, or gone (deleted, or another grant's).
function judgeNothingThere(claimed: ObjectRecord, now: ObjectRecord | undefined): Inspected {
  if (now?.state === ObjectState.PENDING) return { settled: null, empty: claimed.method !== UploadMethod.MULTIPART };
  if (!now || now.grantId !== claimed.grantId) return NONE;
  return { settled: now, empty: false };
}
