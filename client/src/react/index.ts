export { ValetProvider, useValet, type ValetProviderProps } from "./context.js";
export { useUpload, type UseUpload, type UploadState, type UploadStatus } from "./use-upload.js";
export { useUploadProfiles, useObjects } from "./hooks.js";
export { useUploadQueue, type UseUploadQueue, type UseUploadQueueOptions } from "./use-upload-queue.js";
export { UploadButton, UploadDropzone, type UploadComponentProps } from "./upload-components.js";
export { UploadItem, UploadItems, describeItem, describeQueue } from "./upload-items.js";
export type { QueueItem, QueueItemStatus } from "../queue/types.js";
export type { QueryState } from "./use-query.js";
