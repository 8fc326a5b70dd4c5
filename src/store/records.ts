import type { JsonObject } from "../domain/json";
import type { GrantKind, ObjectState, UploadMethod } from "../domain/model";

interface GrantBase {
  id: string;
  viewerId: string;
  key: string;
  issuedAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  requestId: string | null;
}

/** An upload grant as recorded: pinned to a profile, one content type and a size limit. */
export interface UploadGrantRecord extends GrantBase {
  kind: typeof GrantKind.UPLOAD;
  profile: string;
  contentType: string;
  maxBytes: number;
}

/** A download grant as recorded; it has no profile, content type or size limit. */
export interface DownloadGrantRecord extends GrantBase {
  kind: typeof GrantKind.DOWNLOAD;
  profile: null;
  contentType: null;
  maxBytes: null;
}

/** A presigned-URL grant as recorded; also the shape handed to the record* methods. */
export type GrantRecord = UploadGrantRecord | DownloadGrantRecord;

/** An object row, created PENDING together with its upload grant. */
export interface ObjectRecord {
  key: string;
  ownerId: string;
  profile: string;
  grantId: string;
  declaredContentType: string;
  declaredSize: number;
  filename: string;
  state: ObjectState;
  size: number | null;
  contentType: string | null;
  etag: string | null;
  rejectReason: string | null;
  createdAt: Date;
  completedAt: Date | null;
  updatedAt: Date;
  /** The bucket version that was verified; every download is signed for it. Null until AVAILABLE. */
  versionId: string | null;
  /** How the bytes travel to the bucket. */
  method: UploadMethod;
  /** MULTIPART: S3's id of the multipart upload, and how the file is split; null otherwise. */
  uploadId: string | null;
  partSize: number | null;
  partCount: number | null;
  /** PUT: the base64 MD5 the grant signed as Content-MD5; completion checks the ETag against it. */
  contentMd5: string | null;
  /** The app's own data, given with the upload request (checked against the profile's metadataSchema). */
  metadata: JsonObject | null;
}

/** How an upload travels; a POST without a digest when not given. */
export type UploadTransfer = Pick<ObjectRecord, "method" | "uploadId" | "partSize" | "partCount" | "contentMd5">;

/** What the caller declares about an upload; the store adds state PENDING and the empty outcome. */
export type NewObjectRecord = Pick<
  ObjectRecord,
  "key" | "ownerId" | "profile" | "grantId" | "declaredContentType" | "declaredSize" | "filename" | "createdAt"
> &
  Partial<UploadTransfer> &
  Partial<Pick<ObjectRecord, "metadata">>;

/** What was observed once the upload landed and passed verification. */
export interface AvailableFacts {
  size: number;
  contentType: string;
  etag: string;
  versionId: string;
  at: Date;
}

/** Why an upload was refused after it landed. */
export interface RejectedFacts {
  reason: string;
  at: Date;
}

/** An upload grant whose form can no longer be used: what the stray sweep needs of it. */
export interface EndedUpload {
  grantId: string;
  key: string;
  expiresAt: Date;
}
