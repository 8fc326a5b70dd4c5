// The vocabulary every layer shares, declared once. GraphQL registers these same objects as
// enums (grant.type.ts, upload-profile.type.ts, stored-object.type.ts), and the store keeps their values in its rows.

/** What a grant lets its holder do with one object key. */
export const GrantKind = { UPLOAD: "upload", DOWNLOAD: "download" } as const;
export type GrantKind = (typeof GrantKind)[keyof typeof GrantKind];

/**
 * Lifecycle of an uploaded object: PENDING until completeUpload verifies it, then AVAILABLE or
 * REJECTED; EXPIRED when never completed; ABORTED when its uploader gave up (abortUpload).
 * Deleted objects have no state: their row is removed.
 */
export const ObjectState = {
  PENDING: "PENDING",
  AVAILABLE: "AVAILABLE",
  REJECTED: "REJECTED",
  EXPIRED: "EXPIRED",
  ABORTED: "ABORTED",
} as const;
export type ObjectState = (typeof ObjectState)[keyof typeof ObjectState];

/** How a browser should treat a download: save it, or show it (only for types that are safe to show). */
export const Disposition = { ATTACHMENT: "attachment", INLINE: "inline" } as const;
export type Disposition = (typeof Disposition)[keyof typeof Disposition];

/**
 * How a client sends an upload's bytes: one presigned POST form, one presigned PUT, or S3
 * multipart (one presigned PUT per part). GraphQL registers this object as the UploadMethod enum.
 */
export const UploadMethod = { POST: "POST", PUT: "PUT", MULTIPART: "MULTIPART" } as const;
export type UploadMethod = (typeof UploadMethod)[keyof typeof UploadMethod];
