export { ValetProvider, useValet, type ValetProviderProps } from "./context.js";
export { useUpload, type UseUpload, type UploadState, type UploadStatus } from "./use-upload.js";
export { useUploadProfiles, useObjects } from "./hooks.js";
export type { QueryState } from "./use-query.js";
