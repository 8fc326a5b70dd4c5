import { ObjectState, UploadMethod } from "../domain/model";
import type { ServiceDeps } from "../services/deps";
import type { ObjectCreated } from "../storage/s3-event-records";
import { settleLanded } from "./settle-landed";

/** What one notification came to: uploads it settled, and records it had no use for. */
export interface NotifiedOutcome {
  settled: number;
  ignored: number;
}

/**
 * Settles the PENDING POST and PUT uploads an ObjectCreated notification names, with
 * completeUpload's own verification (settle-landed.ts): the event is a hint that bytes landed,
 * never proof of what they are. Records for another bucket, unknown keys, settled objects and
 * multipart uploads are ignored — S3 assembles a multipart upload only when completeUpload (or
 * the reaper) asks it to, so its event merely confirms what that call is already settling.
 */
export async function settleNotified(
  deps: ServiceDeps,
  bucket: string,
  created: readonly ObjectCreated[],
): Promise<NotifiedOutcome> {
  const outcome: NotifiedOutcome = { settled: 0, ignored: 0 };
  for (const record of created) {
    const object = record.bucket === bucket ? await findByKeys(deps, record.keys) : null;
    const settles = object?.state === ObjectState.PENDING && object.method !== UploadMethod.MULTIPART;
    if (settles && (await settleLanded(deps, object))) outcome.settled++;
    else outcome.ignored++;
  }
  return outcome;
}

async function findByKeys(deps: ServiceDeps, keys: readonly string[]) {
  for (const key of keys) {
    const object = await deps.store.findObject(key);
    if (object) return object;
  }
  return null;
}
