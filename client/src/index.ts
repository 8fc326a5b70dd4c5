export {
  createValetClient,
  type ValetClient,
  type ValetClientOptions,
  type UploadOptions,
  type DownloadOptions,
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
export { fileBytesSent, type UploadProgress } from "./progress.js";
export { codeForS3Answer, parseS3Error } from "./s3-answer.js";
export { postToGrant, type PostGrant, type TransferOptions } from "./transfer.js";
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
  Disposition,
  ObjectState,
  ErrorCode,
} from "./types.js";
