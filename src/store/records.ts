import type { JsonObject } from "../domain/json";
import type { Disposition, GrantKind, ObjectState, UploadMethod } from "../domain/model";

interface GrantBase {
  id: string;
  viewerId: string;
  key: string;
  issuedAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  requestId: string | null;
  /** What a download came through besides the viewer's own right: `share:<id>`, `link:<id>`; null otherwise. */
  via: string | null;
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

/** What an object row holds whatever its upload method. */
interface ObjectFacts {
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
  /** The uploader's token claims the profile records (`sameClaim`, `{claim:NAME}`), by name; null when none. */
  claims: Readonly<Record<string, string>> | null;
  /** The app's own data, given with the upload request (checked against the profile's metadataSchema). */
  metadata: JsonObject | null;
}

/** The columns that say how an upload's bytes travel; which are set depends on the method. */
interface TransferColumns<M extends UploadMethod> {
  method: M;
  /** MULTIPART: S3's id of the multipart upload. */
  uploadId: M extends typeof UploadMethod.MULTIPART ? string : null;
  /** MULTIPART: the size of every part but the last, and how many parts. */
  partSize: M extends typeof UploadMethod.MULTIPART ? number : null;
  partCount: M extends typeof UploadMethod.MULTIPART ? number : null;
  /** PUT: the base64 MD5 the grant signed as Content-MD5 (null when none was given); completion checks the ETag against it. */
  contentMd5: M extends typeof UploadMethod.PUT ? string | null : null;
}

/** How an upload travels, as its object row keeps it: a POST, a PUT with its MD5, or a multipart upload with its id and split. */
export type UploadTransfer =
  | TransferColumns<typeof UploadMethod.POST>
  | TransferColumns<typeof UploadMethod.PUT>
  | TransferColumns<typeof UploadMethod.MULTIPART>;

/** An object row, created PENDING together with its upload grant. */
export type ObjectRecord = ObjectFacts & UploadTransfer;

/** A multipart upload's object row. */
export type MultipartObjectRecord = ObjectFacts & TransferColumns<typeof UploadMethod.MULTIPART>;

/** What the caller declares about an upload; the store adds state PENDING and the empty outcome. */
export type NewObjectRecord = Pick<
  ObjectFacts,
  "key" | "ownerId" | "profile" | "grantId" | "declaredContentType" | "declaredSize" | "filename" | "createdAt"
> &
  UploadTransfer &
  Partial<Pick<ObjectFacts, "claims" | "metadata">>;

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

/** An owner's grant of reads of one object to one viewer or to every holder of one role, until a time. */
export interface ShareRecord {
  id: string;
  /** The shared object's identity: its upload grant id (objects.grant_id), never reused as a key may be. */
  objectId: string;
  key: string;
  /** Exactly one of viewerId and role is set. */
  viewerId: string | null;
  role: string | null;
  createdBy: string;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
}

/** A link an owner hands out for one object: whoever holds its token may download it, on the link's terms. */
export interface ShareLinkRecord {
  id: string;
  /** The object's identity: its upload grant id (objects.grant_id), never reused as a key may be. */
  objectId: string;
  key: string;
  /** SHA-256 of the token, hex: the token itself is never stored. */
  tokenSha256: string;
  createdBy: string;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  /** Null: no limit. */
  maxDownloads: number | null;
  downloads: number;
  disposition: Disposition;
}
