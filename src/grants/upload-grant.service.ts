import type { Viewer } from "../auth/viewer";
import { GrantKind, UploadMethod } from "../domain/model";
import { badInput } from "../errors/app-error";
import { planUpload, type UploadPlan, type UploadRequest } from "../policy/upload.policy";
import type { FormField } from "../storage/types";
import type { NewObjectRecord, UploadGrantRecord } from "../store/types";
import type { ServiceDeps } from "../services/deps";

/** An upload grant as handed to a client: a presigned POST pinned to one key, type and size range. */
export interface IssuedUploadGrant {
  id: string;
  key: string;
  method: UploadMethod;
  url: string;
  fields: FormField[];
  contentType: string;
  maxBytes: number;
  issuedAt: Date;
  expiresAt: Date;
  expiresIn: number;
  viewerId: string;
}

/** Decides, signs, then records; the URL is returned only after the grant row has committed. */
export async function issueUploadGrant(
  deps: ServiceDeps,
  viewer: Viewer,
  request: UploadRequest,
  requestId: string | null,
): Promise<IssuedUploadGrant> {
  const id = deps.grantId();
  const plan = planUpload(viewer, deps.config.profiles, request, { now: deps.now(), uuid: deps.uuid(), minPartSize: deps.config.uploads.minPartSize });
  if (plan.method !== UploadMethod.POST) throw badInput(`method ${plan.method} is not available yet`, "method");
  const post = deps.presigner.presignPost({
    key: plan.key,
    expiresIn: plan.expiresIn,
    now: plan.issuedAt,
    contentType: plan.contentType,
    contentLengthRange: [1, plan.maxBytes],
  });
  await deps.recordUploads([uploadRecords(plan, viewer.id, id, requestId)]);
  return {
    id,
    key: plan.key,
    method: plan.method,
    url: post.url,
    fields: post.fields,
    contentType: plan.contentType,
    maxBytes: plan.maxBytes,
    issuedAt: plan.issuedAt,
    expiresAt: plan.expiresAt,
    expiresIn: plan.expiresIn,
    viewerId: viewer.id,
  };
}

/** The registry rows of an upload grant: the grant, and its object in state PENDING. */
function uploadRecords(plan: UploadPlan, viewerId: string, id: string, requestId: string | null) {
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
  };
  return { grant, object };
}
