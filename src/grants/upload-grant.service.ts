import type { Viewer } from "../auth/viewer";
import { GrantKind, type UploadMethod } from "../domain/model";
import { planUpload, type UploadPlan, type UploadRequest } from "../policy/upload.policy";
import type { FormField, HttpHeader } from "../storage/types";
import type { NewObjectRecord, UploadGrantRecord } from "../store/types";
import type { ServiceDeps } from "../services/deps";
import { abandonUpload, prepareUpload, type UploadTarget } from "./upload-target";

/** An upload grant as handed to a client: a presigned POST or PUT, or a multipart upload, pinned to one key, type and size. */
export interface IssuedUploadGrant {
  id: string;
  key: string;
  method: UploadMethod;
  url: string | null;
  fields: FormField[];
  headers: HttpHeader[];
  /** MULTIPART only: S3's upload id and the split (null otherwise). */
  uploadId: string | null;
  partSize: number | null;
  partCount: number | null;
  contentType: string;
  /** The declared size: the most a POST may carry, the exact size of a PUT or multipart upload. */
  size: number;
  issuedAt: Date;
  expiresAt: Date;
  expiresIn: number;
  viewerId: string;
}

/** Decides, admits (rate limit, quotas), signs, then records; the URL is returned only after the grant row has committed. */
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
  return deps.limits.admitUpload(viewer, plan.declaredSize, () => prepareAndRecord(deps, viewer, plan, id, requestId));
}

async function prepareAndRecord(
  deps: ServiceDeps,
  viewer: Viewer,
  plan: UploadPlan,
  id: string,
  requestId: string | null,
): Promise<IssuedUploadGrant> {
  const target = await prepareUpload(deps, plan);
  await deps
    .recordUploads([uploadRecords(plan, target, viewer.id, id, requestId)])
    .catch((e) => abandonUpload(deps, plan.key, target, e));
  return {
    id,
    key: plan.key,
    method: plan.method,
    url: target.url,
    fields: target.fields,
    headers: target.headers,
    uploadId: target.transfer.uploadId,
    partSize: target.transfer.partSize,
    partCount: target.transfer.partCount,
    contentType: plan.contentType,
    size: plan.declaredSize,
    issuedAt: plan.issuedAt,
    expiresAt: plan.expiresAt,
    expiresIn: plan.expiresIn,
    viewerId: viewer.id,
  };
}

/** The registry rows of an upload grant: the grant, and its object in state PENDING. */
function uploadRecords(plan: UploadPlan, { transfer }: UploadTarget, viewerId: string, id: string, requestId: string | null) {
  const grant: UploadGrantRecord = {
    id,
    kind: GrantKind.UPLOAD,
    viewerId,
    key: plan.key,
    profile: plan.profile.name,
    contentType: plan.contentType,
    maxBytes: plan.maxBytes,
    issuedAt: plan.issuedAt,
    expiresAt: plan.expiresAt,
    revokedAt: null,
    requestId,
  };
  const object: NewObjectRecord = {
    key: plan.key,
    ownerId: viewerId,
    profile: plan.profile.name,
    grantId: id,
    declaredContentType: plan.contentType,
    declaredSize: plan.declaredSize,
    filename: plan.filename,
    createdAt: plan.issuedAt,
    method: transfer.method,
    uploadId: transfer.uploadId,
    partSize: transfer.partSize,
    partCount: transfer.partCount,
    contentMd5: transfer.contentMd5,
    metadata: plan.metadata,
  };
  return { grant, object };
}
