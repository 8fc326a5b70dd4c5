import { GrantKind } from "../domain/model";
import type { DownloadPlan } from "../policy/download.policy";
import type { Presigner } from "../storage/types";
import type { DownloadGrantRecord } from "../store/types";

/** The presigned GET a download plan describes: its key and version, served type and disposition, times. */
export const signDownload = (presigner: Presigner, plan: DownloadPlan): string =>
  presigner.presignGet({
    key: plan.key,
    expiresIn: plan.expiresIn,
    now: plan.issuedAt,
    responseCacheControl: plan.responseCacheControl,
    responseContentDisposition: plan.responseContentDisposition,
    responseContentType: plan.responseContentType,
    versionId: plan.versionId,
  });

/** What the registry records of a planned download: whom it was issued to, and what it came through (`via`). */
export const downloadGrantRecord = (
  id: string,
  plan: DownloadPlan,
  grant: { viewerId: string; requestId: string | null; via: string | null },
): DownloadGrantRecord => ({
  id,
  kind: GrantKind.DOWNLOAD,
  viewerId: grant.viewerId,
  key: plan.key,
  profile: null,
  contentType: null,
  maxBytes: null,
  issuedAt: plan.issuedAt,
  expiresAt: plan.expiresAt,
  revokedAt: null,
  requestId: grant.requestId,
  via: grant.via,
});
