export {
  createValetClient,
  type ValetClient,
  type ValetClientOptions,
  type UploadOptions,
  type UploadGrantRequest,
  type DownloadOptions,
  type ShareOptions,
  type ShareLinkOptions,
  type PageOptions,
} from "./client.js";
export {
  ValetError,
  ValetUploadError,
  ClientErrorCode,
  type UploadStage,
  type S3ErrorAnswer,
  type GraphQLErrorShape,
} from "./errors.js";
export { createRequester, type Requester, type TokenSource } from "./graphql-request.js";
export { fileProblem, type UploadProfile, type FileProblem } from "./profile-check.js";
export type { ProfileName, ValetProfileNames } from "./profile-name.js";
export { fileBytesSent, createProgressTally, type ProgressTally, type UploadProgress } from "./progress.js";
export { codeForS3Answer, parseS3Error } from "./s3-answer.js";
export { postToGrant, putToGrant, sendToS3, type PostGrant, type PutGrant, type TransferOptions } from "./transfer.js";
export { sendMultipart, DEFAULT_PARALLEL, type MultipartGrant, type MultipartOptions } from "./multipart.js";
export { planParts, partsToSend, type PlannedPart } from "./part-plan.js";
export { MAX_PARTS_PER_SIGNING, type SignedPart, type SignParts } from "./part-urls.js";
export { DEFAULT_RETRY, backoffDelay, isRetryable, type RetryPolicy } from "./retry.js";
export { listResumable, type ResumableUpload } from "./resume.js";
export type { UploadGate } from "./gate.js";
export { createUploadQueue, type UploadQueue, type UploadQueueOptions } from "./queue/queue.js";
export { browserNetwork, type NetworkStatus } from "./queue/network.js";
export type { QueueItem, QueueItemStatus } from "./queue/types.js";
export {
  defaultResumeStore,
  memoryResumeStore,
  webStorageResumeStore,
  resumeKey,
  type ResumeStore,
  type ResumeRecord,
  type ResumeIdentity,
  type WebStorageLike,
} from "./resume-store.js";
export {
  defaultTransport,
  fetchTransport,
  xhrTransport,
  type Transport,
  type TransportAnswer,
  type TransportRequest,
} from "./transport.js";
export type {
  StoredObject,
  DownloadGrant,
  UploadGrant,
  ObjectPage,
  ListedObject,
  Share,
  ShareGrantee,
  ShareLink,
  Disposition,
  ObjectState,
  UploadMethod,
  ErrorCode,
} from "./types.js";
