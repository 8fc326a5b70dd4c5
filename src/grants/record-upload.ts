import type { QuotaLimits } from "../domain/quota";
import { assertWithinQuota, exceededQuota } from "../policy/quota.policy";
import type { ServiceDeps } from "../services/deps";
import type { NewUpload } from "../store/types";

/**
 * Records an upload grant within its viewer's quotas (null: none). The usage counters decide in
 * the transaction that records it (batched with other uploads), so two uploads cannot pass one
 * check, on any number of instances. The counters never fall below the exact usage: they still
 * count uploads whose grant expired until the reaper settles them. So when they refuse, the exact
 * usage decides, in a transaction of its own that holds the viewer's counters row; if it refuses
 * too, QUOTA_EXCEEDED with that usage, and nothing is recorded.
 */
export async function recordWithinQuota(
  deps: Pick<ServiceDeps, "recordUploads" | "recordUploadAlone" | "now">,
  upload: Omit<NewUpload, "quota">,
  quota: QuotaLimits | null,
): Promise<void> {
  const [outcome] = await deps.recordUploads([{ ...upload, quota }]);
  if (outcome === "recorded" || quota === null) return;
  const size = upload.object.declaredSize;
  const exact = await deps.recordUploadAlone(upload, deps.now(), (usage) => exceededQuota(usage, quota, size) === null);
  if (!exact.recorded) assertWithinQuota(exact.usage, quota, size);
}
