import { AppError } from "../errors/app-error";
import { AppErrorCode } from "../errors/codes";
import { partTarget } from "../grants/multipart.service";
import { partsProblem } from "../policy/upload-method";
import type { ServiceDeps } from "../services/deps";
import type { MultipartObjectRecord } from "../store/types";

/**
 * Which version completion verifies after assembling: the one S3 made (`versionId`), or else the
 * key's current one; `racing` says a concurrent call's version may not be visible yet.
 */
export type Assembled = { versionId: string } | { versionId: undefined; racing: boolean };

/**
 * Completes a PENDING multipart upload at S3 once it holds exactly the planned parts with their
 * planned sizes (listed by the server itself, never taken from the client), and returns the
 * version S3 made of them: that version is what completion then verifies. Without a version:
 * S3 no longer holds the upload (a racing call completed it, or it was aborted), or it completed
 * it for a racing call too — Ceph answers every concurrent CompleteMultipartUpload with 200, and
 * only one of them with the version id. Missing or wrong-size parts are UPLOAD_INCOMPLETE naming
 * them (uploading a part again replaces it); parts beyond the plan, which no grant's URL can write,
 * are BAD_USER_INPUT.
 */
export async function assembleParts(deps: ServiceDeps, object: MultipartObjectRecord): Promise<Assembled> {
  const target = partTarget(object);
  const parts = await deps.multipart.listParts(target.key, target.uploadId);
  if (parts === null) return { versionId: undefined, racing: false };
  const problem = partsProblem(target.size, target, parts);
  if (problem) {
    const { message, missing, wrongSize, unexpected } = problem;
    const code = unexpected.length > 0 ? AppErrorCode.BAD_USER_INPUT : AppErrorCode.UPLOAD_INCOMPLETE;
    throw new AppError(code, message, {
      field: "grantId",
      missingParts: missing,
      wrongSizeParts: wrongSize,
      unexpectedParts: unexpected,
    });
  }
  const ordered = [...parts].sort((a, b) => a.partNumber - b.partNumber);
  const done = await deps.multipart.complete(target.key, target.uploadId, ordered);
  if (done === null) return { versionId: undefined, racing: false };
  return done.versionId ? { versionId: done.versionId } : { versionId: undefined, racing: true };
}
