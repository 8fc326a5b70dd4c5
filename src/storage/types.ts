/** The storage slot: what the services need from an object store, declared once for every backend. */

/** A form field of a presigned POST, in the order the client must send them (file last). */
export interface FormField {
  name: string;
  value: string;
}

/** A presigned POST: where to send the form, and its fields in the order the SDK returns them. */
export interface PresignedPost {
  url: string;
  fields: FormField[];
}

/** What a presigned GET is for; expiresIn is in seconds, 1..MAX_PRESIGN_SECONDS. */
export interface PresignGetOptions {
  key: string;
  expiresIn: number;
  now: Date;
  /** Signed as response-cache-control: S3 answers the GET with this Cache-Control header. */
  responseCacheControl?: string;
  responseContentDisposition?: string;
  responseContentType?: string;
  /** Pins the URL to one version of the key: later writes to the key are not what it serves. */
  versionId?: string;
}

/** What a presigned POST allows: one key, exactly one Content-Type, a size range in bytes. */
export interface PresignPostOptions {
  key: string;
  expiresIn: number;
  now: Date;
  contentType: string;
  contentLengthRange: [number, number];
}

/**
 * What a presigned PUT pins. Each given header is a signed header, so the uploader must send
 * exactly that value: S3 refuses any other Content-Type, size or digest (403, or 400 BadDigest
 * for bytes that do not match a signed Content-MD5), and with `ifNoneMatch: "*"` a write to a key
 * that already holds an object (412, where the store honours it).
 */
export interface PresignPutOptions {
  key: string;
  expiresIn: number;
  now: Date;
  /** "" signs "application/octet-stream", as the SDK does. */
  contentType?: string;
  contentLength?: number;
  /** Base64 MD5 of the body. */
  contentMd5?: string;
  ifNoneMatch?: string;
}

/** What a presigned UploadPart pins: one part of one multipart upload, its exact size and optionally its MD5. */
export interface PresignUploadPartOptions {
  key: string;
  expiresIn: number;
  now: Date;
  uploadId: string;
  /** 1..10,000 */
  partNumber: number;
  contentLength: number;
  /** Base64 MD5 of the part. */
  contentMd5?: string;
}

/** A header an uploader must send with a presigned request, exactly as given. */
export interface HttpHeader {
  name: string;
  value: string;
}

/** Signs S3 requests locally; no network. Implemented by the fast signer in ./signer/. */
export interface Presigner {
  presignGet(o: PresignGetOptions): string;
  presignPost(o: PresignPostOptions): PresignedPost;
  presignPut(o: PresignPutOptions): string;
  presignUploadPart(o: PresignUploadPartOptions): string;
}

/** What S3 says about a stored object (its current version, or the one asked for). */
export interface StoredHead {
  size: number;
  contentType: string | undefined;
  etag: string | undefined;
  /** The version these facts belong to; undefined when the bucket does not keep versions. */
  versionId: string | undefined;
}

/** Which version of a key a call is about (the current one when absent), and a caller's abort. */
export interface ObjectCallOptions {
  versionId?: string;
  signal?: AbortSignal;
}

/**
 * Reads, checks and removes objects in one bucket with the server's own credentials, never a
 * client's. Every call is bounded; a store that does not answer is an AppError SERVICE_UNAVAILABLE.
 */
export interface ObjectStore {
  /** null when there is no such object (or version). */
  head(key: string, options?: ObjectCallOptions): Promise<StoredHead | null>;
  /** The first `bytes` bytes (or fewer, for a short object), as a ranged GET returns them; null when gone. */
  readStart(key: string, bytes: number, options?: ObjectCallOptions): Promise<Uint8Array | null>;
  /**
   * Deletes every version of exactly this key (and any delete marker), except `keep`; returns how
   * many it deleted. Versioned buckets turn a plain DELETE into a marker, so Valet never uses one.
   */
  removeVersions(key: string, options?: { keep?: string; signal?: AbortSignal }): Promise<number>;
}

/** A part S3 holds for a multipart upload. */
export interface UploadedPart {
  partNumber: number;
  size: number;
  etag: string;
}

/** A multipart upload S3 holds open: started, neither completed nor aborted. */
export interface OpenUpload {
  key: string;
  uploadId: string;
  initiated: Date;
}

/**
 * S3's multipart API, called with the server's credentials; clients only upload parts, through
 * presigned UploadPart URLs. Bounded like every call; null/false where S3 no longer knows the upload.
 */
export interface MultipartStore {
  /** Starts a multipart upload whose object will carry this Content-Type; its upload id. */
  create(key: string, options: { contentType: string; signal?: AbortSignal }): Promise<string>;
  /** Every part uploaded so far, by part number; null when S3 does not know the upload (completed or aborted). */
  listParts(key: string, uploadId: string, options?: { signal?: AbortSignal }): Promise<UploadedPart[] | null>;
  /** Assembles the parts into one object version; null when S3 does not know the upload. */
  complete(
    key: string,
    uploadId: string,
    parts: ReadonlyArray<Pick<UploadedPart, "partNumber" | "etag">>,
    options?: { signal?: AbortSignal },
  ): Promise<{ versionId: string | undefined } | null>;
  /** Discards the upload and its parts; false when S3 did not know it. */
  abort(key: string, uploadId: string, options?: { signal?: AbortSignal }): Promise<boolean>;
  /** Uploads open under a key prefix, oldest listing order as S3 gives it. */
  listOpen(prefix: string, options?: { signal?: AbortSignal }): Promise<OpenUpload[]>;
}

/** One storage backend: signing for clients, object access for the server, its bucket, its sockets. */
export interface Storage {
  presigner: Presigner;
  objects: ObjectStore;
  multipart: MultipartStore;
  /** Creates the bucket if needed, turns on versioning, and lets these web origins POST uploads and GET downloads. */
  ensureBucket(corsOrigins: string[]): Promise<void>;
  /** Fails unless the bucket keeps versions: without them a verified object could be overwritten. */
  requireVersioning(): Promise<void>;
  /** Has the store push the bucket's ObjectCreated events to `pushUrl` (Ceph RGW: event-push.ts). */
  ensureEventPush(pushUrl: string): Promise<void>;
  /** Resolves when the bucket answers (HeadBucket): reachable, and these credentials may use it. Bounded like every call. */
  ping(signal?: AbortSignal): Promise<void>;
  /** Releases connections; the storage must not be used afterwards. */
  close(): void;
}
