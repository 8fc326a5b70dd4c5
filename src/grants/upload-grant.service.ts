import type { Viewer } from "../auth/viewer";
import { GrantKind, type UploadMethod } from "../domain/model";
import { planUpload, type UploadPlan, type UploadRequest } from "../policy/upload.policy";
import type { NewObjectRecord, UploadGrantRecord } from "../store/types";
import type { ServiceDeps } from "../services/deps";
import type { QuotaLimits } from "../domain/quota";
import { recordWithinQuota } from "./record-upload";
import { abandonUpload, prepareUpload, transferOf, type UploadTarget } from "./upload-target";

/** What every upload grant hands a client, whatever its method. */
interface IssuedGrantBase {
  id: string;
  key: string;
  contentType: string;
  /** The declared size: the most a POST may carry, the exact size of a PUT or multipart upload. */
  size: number;
  issuedAt: Date;
  expiresAt: Date;
  expiresIn: number;
  viewerId: string;
}

/** An upload grant as handed to a client: a presigned POST or PUT, or a multipart upload, pinned to one key, type and size. */
export type IssuedUploadGrant = IssuedGrantBase & UploadTarget;

/** A multipart upload's grant: S3's upload id and the split, for its part URLs. */
export type IssuedMultipartGrant = IssuedGrantBase & Extract<UploadTarget, { method: typeof UploadMethod.MULTIPART }>;

/**
 * Decides, admits (rate limit), signs, then records within the viewer's quotas; the URL is
 * returned only after the grant row has committed.
 */
export async function issueUploadGrant(
  deps: ServiceDeps,
  viewer: Viewer,
  request: UploadRequest,
  requestId: string | null,
): Promise<IssuedUploadGrant> {
  const id = deps.grantId();
  const plan = planUpload(viewer, deps.config.profiles, request, {
    now: deps.now(),
    uuid: deps.uuid(),
    minPartSize: deps.config.uploads.minPartSize,
  });
  const quota = await deps.limits.admitUpload(viewer, plan.size);
  return prepareAndRecord(deps, viewer, plan, { id, requestId, quota });
}

async function prepareAndRecord(
  deps: ServiceDeps,
  viewer: Viewer,
  plan: UploadPlan,
  { id, requestId, quota }: { id: string; requestId: string | null; quota: QuotaLimits | null },
): Promise<IssuedUploadGrant> {
  const target = await prepareUpload(deps, plan);
  await recordWithinQuota(deps, uploadRecords(plan, target, viewer.id, id, requestId), quota).catch((e) =>
    abandonUpload(deps, plan.key, target, e),
  );
  const base: IssuedGrantBase = {
    id,
    key: plan.key,
    contentType: plan.contentType,
    size: plan.size,
    issuedAt: plan.issuedAt,
    expiresAt: plan.expiresAt,
    expiresIn: plan.expiresIn,
    viewerId: viewer.id,
  };
  return { ...base, ...target };
}

/** The registry rows of an upload grant: the grant, and its object in state PENDING. */
function uploadRecords(plan: UploadPlan, target: UploadTarget, viewerId: string, id: string, requestId: string | null) {
  const grant: UploadGrantRecord = {
    id,
    kind: GrantKind.UPLOAD,
    viewerId,
    key: plan.key,
    profile: plan.profile.name,
    contentType: plan.contentType,
    maxBytes: plan.size,
    issuedAt: plan.issuedAt,
    expiresAt: plan.expiresAt,
    revokedAt: null,
    requestId,
    via: null,
  };
  const object: NewObjectRecord = {
    key: plan.key,
    ownerId: viewerId,
    profile: plan.profile.name,
    grantId: id,
    declaredContentType: plan.contentType,
    declaredSize: plan.size,
    filename: plan.filename,
    createdAt: plan.issuedAt,
    ...transferOf(target),
    claims: plan.claims,
    metadata: plan.metadata,
  };
  return { grant, object };
}
