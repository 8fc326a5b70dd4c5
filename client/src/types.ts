import type {
  ValetCompleteUploadMutation,
  ValetMyObjectsQuery,
  ValetRequestDownloadMutation,
  ValetRequestUploadMutation,
} from "./generated/graphql.js";

/** An object as completeUpload answers it: AVAILABLE once upload() resolves. */
export type StoredObject = ValetCompleteUploadMutation["completeUpload"];
/** A presigned GET: `url` serves the object until `expiresAt`. */
export type DownloadGrant = ValetRequestDownloadMutation["requestDownload"];
/** A presigned POST for one file. */
export type UploadGrant = ValetRequestUploadMutation["requestUpload"];
/** One page of the viewer's objects, newest first. */
export type ObjectPage = ValetMyObjectsQuery["myObjects"];
/** An object as myObjects lists it. */
export type ListedObject = ObjectPage["nodes"][number];
export type { Disposition, ObjectState } from "./generated/graphql.js";
/** Every code the server can put in an error's extensions.code (the schema's ErrorCode enum). */
export type { ErrorCode } from "./generated/enums.js";
