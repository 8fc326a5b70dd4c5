import { createHash } from "node:crypto";
import { createSigner } from "../../src/storage/signer";
import type { ObjectStore, Storage } from "../../src/storage/types";
import { createMemoryMultipart, type MemoryMultipart } from "./memory-multipart";

/** What the in-memory bucket keeps per key, as S3 would report it. */
export interface MemoryObject {
  bytes: Uint8Array;
  contentType: string;
  /** MD5 hex in double quotes, as S3 reports a single-part object's ETag. */
  etag: string;
  versionId: string;
}

/** A Storage for in-process tests: an in-memory bucket, and the real signer for URLs that keep their shape. */
export interface MemoryStorage extends Storage {
  bucket: string;
  multipart: MemoryMultipart;
  /** Stands in for a client's upload through its grant. */
  put(key: string, bytes: Uint8Array | string, contentType: string): MemoryObject;
  /** Whether the key has a current version. */
  has(key: string): boolean;
  /** How many versions the key holds (a versioned bucket keeps every write). */
  versions(key: string): number;
  /** The origins the last ensureBucket call allowed. */
  corsOrigins: string[];
  /** Where the last ensureEventPush call asked for ObjectCreated events to go. */
  eventPushUrl?: string;
}

/** Never resolves: signed URLs point at it so nothing can reach a real store by accident. */
export const MEMORY_ENDPOINT = "http://s3.invalid";

export function createMemoryStorage({ bucket }: { bucket: string }): MemoryStorage {
  // A versioned bucket, as Valet requires: every key keeps its writes, the last one is current.
  const objects = new Map<string, MemoryObject[]>();
  let nextVersion = 0;
  const presigner = createSigner({
    endpoint: MEMORY_ENDPOINT,
    region: "us-east-1",
    bucket,
    forcePathStyle: true,
    credentials: { accessKeyId: "memory-access-key", secretAccessKey: "memory-secret-key" },
    responseChecksumValidation: "WHEN_REQUIRED",
  });
  const storage: MemoryStorage = {
    bucket,
    presigner,
    objects: memoryObjectStore(objects),
    multipart: createMemoryMultipart((key, bytes, contentType) => storage.put(key, bytes, contentType)),
    corsOrigins: [],
    async ensureBucket(corsOrigins) {
      storage.corsOrigins = [...corsOrigins];
    },
    async requireVersioning() {},
    async ensureEventPush(pushUrl) {
      storage.eventPushUrl = pushUrl;
    },
    async ping(signal) {
      signal?.throwIfAborted();
    },
    close() {},
    put(key, bytes, contentType) {
      const body = typeof bytes === "string" ? new TextEncoder().encode(bytes) : Uint8Array.from(bytes);
      const etag = `"${createHash("md5").update(body).digest("hex")}"`;
      const object = { bytes: body, contentType, etag, versionId: `v${++nextVersion}` };
      objects.set(key, [...(objects.get(key) ?? []), object]);
      return object;
    },
    has: (key) => (objects.get(key)?.length ?? 0) > 0,
    versions: (key) => objects.get(key)?.length ?? 0,
  };
  return storage;
}

function memoryObjectStore(objects: Map<string, MemoryObject[]>): ObjectStore {
  const find = (key: string, versionId?: string) => {
    const versions = objects.get(key) ?? [];
    return versionId === undefined ? versions.at(-1) : versions.find((v) => v.versionId === versionId);
  };
  return {
    async head(key, { versionId, signal } = {}) {
      signal?.throwIfAborted();
      const object = find(key, versionId);
      return object
        ? { size: object.bytes.length, contentType: object.contentType, etag: object.etag, versionId: object.versionId }
        : null;
    },
    // Like GetObject with Range: bytes=0-(n-1): a missing key or version is null (NoSuchKey), an
    // empty object has no satisfiable range (416 InvalidRange), a short object comes back whole.
    async readStart(key, bytes, { versionId, signal } = {}) {
      signal?.throwIfAborted();
      const object = find(key, versionId);
      if (!object) return null;
      if (object.bytes.length === 0) throw s3Error("InvalidRange", 416);
      return object.bytes.slice(0, bytes);
    },
    async removeVersions(key, { keep, signal } = {}) {
      signal?.throwIfAborted();
      const versions = objects.get(key) ?? [];
      const kept = versions.filter((v) => v.versionId === keep);
      if (kept.length > 0) objects.set(key, kept);
      else objects.delete(key);
      return versions.length - kept.length;
    },
  };
}

const s3Error = (name: string, status: number) => Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status } });
