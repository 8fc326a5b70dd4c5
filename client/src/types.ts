import type {
  ValetCompleteUploadMutation,
  ValetMyObjectsQuery,
  ValetRequestDownloadMutation,
  ValetRequestUploadMutation,
  ValetShareFragment,
  ValetShareLinkFragment,
} from "./generated/graphql.js";

/** An object as completeUpload answers it: AVAILABLE once upload() resolves. */
export type StoredObject = ValetCompleteUploadMutation["completeUpload"];
/** A presigned GET: `url` serves the object until `expiresAt`. */
export type DownloadGrant = ValetRequestDownloadMutation["requestDownload"];
/** A grant for one file: a POST form, a PUT URL with its headers, or a MULTIPART split with its first part URLs. */
export type UploadGrant = ValetRequestUploadMutation["requestUpload"];
/** One page of the viewer's objects, newest first. */
export type ObjectPage = ValetMyObjectsQuery["myObjects"];
/** An object as myObjects lists it. */
export type ListedObject = ObjectPage["nodes"][number];
/** A share: reads of one object granted to one viewer or one role until `expiresAt` (or `revokedAt`). */
export type Share = ValetShareFragment;
/** A share link: anyone holding its `url` may download one object until `expiresAt`, at most `maxDownloads` times, unless revoked. */
export type ShareLink = ValetShareLinkFragment;
/** Whom a share names: exactly one viewer (a token's `sub`) or one role. */
export type ShareGrantee = { viewer: string; role?: never } | { role: string; viewer?: never };
export type { Disposition, ObjectState, UploadMethod } from "./generated/graphql.js";
/** Every code the server can put in an error's extensions.code (the schema's ErrorCode enum). */
export type { ErrorCode } from "./generated/enums.js";
