import type { Viewer } from "../auth/viewer";
import { ObjectState, UploadMethod } from "../domain/model";
import { badInput, forbidden } from "../errors/app-error";
import { resolveExpiresIn, signingInstant } from "../policy/ttl";
import { parseMd5, partSizeOf } from "../policy/upload-method";
import type { ServiceDeps } from "../services/deps";
import { signedHeaders } from "../storage/signed-headers";
import type { HttpHeader, PresignUploadPartOptions, UploadedPart } from "../storage/types";
import type { MultipartObjectRecord, ObjectRecord } from "../store/types";
import { findOwnUpload, type OwnUpload } from "./own-upload";

/** One part's presigned PUT, pinned to its exact size (and MD5 when given). */
export interface IssuedUploadPart {
  partNumber: number;
  size: number;
  url: string;
  expiresAt: Date;
  headers: HttpHeader[];
}

/** What signing part URLs needs of a multipart upload. */
export interface PartTarget {
  key: string;
  uploadId: string;
  /** The whole file's size. */
  size: number;
  partSize: number;
  partCount: number;
}

/** The most part URLs one call signs (a request's grant budget is at most 1000 too). */
export const MAX_PARTS_PER_CALL = 1000;

/** Presigned UploadParts for these part numbers, valid `expiresIn` seconds from `now` (whole seconds). */
export function signParts(
  deps: Pick<ServiceDeps, "presigner">,
  target: PartTarget,
  partNumbers: readonly number[],
  at: { now: Date; expiresIn: number },
  md5s?: readonly string[] | null,
): IssuedUploadPart[] {
  const plan = { partSize: target.partSize, partCount: target.partCount };
  const expiresAt = new Date(at.now.getTime() + at.expiresIn * 1000);
  return partNumbers.map((partNumber, i) => {
    const o: PresignUploadPartOptions = {
      key: target.key,
      uploadId: target.uploadId,
      partNumber,
      contentLength: partSizeOf(target.size, plan, partNumber),
      contentMd5: md5s?.[i],
      expiresIn: at.expiresIn,
      now: at.now,
    };
    return { partNumber, size: o.contentLength, url: deps.presigner.presignUploadPart(o), expiresAt, headers: signedHeaders(o) };
  });
}

/** What signing and assembling parts need of a multipart upload's row. */
export const partTarget = ({ key, uploadId, declaredSize, partSize, partCount }: MultipartObjectRecord): PartTarget => ({
  key,
  uploadId,
  size: declaredSize,
  partSize,
  partCount,
});

/** The part target of an object, or BAD_USER_INPUT when it is not a multipart upload. */
export function partTargetOf(object: ObjectRecord): PartTarget {
  if (object.method !== UploadMethod.MULTIPART)
    throw badInput(`this is a ${object.method} upload, not a multipart upload`, "grantId");
  return partTarget(object);
}

/** The viewer's own multipart upload that may still receive parts: PENDING and not revoked. */
async function openMultipart(deps: ServiceDeps, viewer: Viewer, grantId: string): Promise<OwnUpload & { target: PartTarget }> {
  const own = await findOwnUpload(deps, viewer, grantId);
  if (own.grant.revokedAt) throw forbidden("this upload grant was revoked");
  const target = partTargetOf(own.object);
  if (own.object.state !== ObjectState.PENDING) throw badInput(`this upload is ${own.object.state}, not PENDING`, "grantId");
  return { ...own, target };
}

/**
 * Fresh part URLs for the owner of a PENDING, unexpired multipart grant: to resume, for parts
 * beyond the first ones, or after URLs expired. They expire with the grant, or sooner when asked.
 */
export async function signUploadParts(
  deps: ServiceDeps,
  viewer: Viewer,
  grantId: string,
  request: { partNumbers: readonly number[]; md5s?: readonly string[] | null; expiresIn?: number | null },
): Promise<IssuedUploadPart[]> {
  const { partNumbers, md5s } = request;
  if (partNumbers.length > MAX_PARTS_PER_CALL) throw badInput(`at most ${MAX_PARTS_PER_CALL} parts per call`, "partNumbers");
  if (new Set(partNumbers).size !== partNumbers.length) throw badInput("a part number is listed twice", "partNumbers");
  if (md5s != null && md5s.length !== partNumbers.length) throw badInput("md5s must list one digest per part number", "md5s");
  md5s?.forEach((md5) => parseMd5(md5, "md5s"));
  const { grant, target } = await openMultipart(deps, viewer, grantId);
  const now = signingInstant(deps.now());
  const remaining = Math.floor((grant.expiresAt.getTime() - now.getTime()) / 1000);
  if (remaining < 1) throw badInput("this upload grant has expired: request a new one", "grantId");
  const expiresIn = resolveExpiresIn(request.expiresIn, remaining, remaining);
  return signParts(deps, target, partNumbers, { now, expiresIn }, md5s);
}

/** The parts S3 holds for the viewer's PENDING multipart upload, to resume it. */
export async function listUploadedParts(deps: ServiceDeps, viewer: Viewer, grantId: string): Promise<UploadedPart[]> {
  const { target } = await openMultipart(deps, viewer, grantId);
  const parts = await deps.multipart.listParts(target.key, target.uploadId);
  if (parts === null)
    throw badInput("S3 no longer holds this multipart upload (aborted or expired): request a new grant", "grantId");
  return parts;
}

/**
 * Removes whatever an upload left in the bucket: its open multipart upload (and parts), and
 * every version at its key. For objects that left PENDING for good (rejected, expired, aborted, deleted).
 */
export async function discardUpload(deps: Pick<ServiceDeps, "objects" | "multipart">, object: ObjectRecord): Promise<void> {
  if (object.method === UploadMethod.MULTIPART) await deps.multipart.abort(object.key, object.uploadId);
  await deps.objects.removeVersions(object.key);
}
