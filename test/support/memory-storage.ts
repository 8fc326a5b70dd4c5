import { createHash } from "node:crypto";
import { createSigner } from "../../src/storage/signer";
import type { ObjectStore, Storage } from "../../src/storage/types";

/** What the in-memory bucket keeps per key, as S3 would report it. */
export interface MemoryObject {
  bytes: Uint8Array;
  contentType: string;
  /** MD5 hex in double quotes, as S3 reports a single-part object's ETag. */
  etag: string;
}

/** A Storage for in-process tests: an in-memory bucket, and the real signer for URLs that keep their shape. */
export interface MemoryStorage extends Storage {
  bucket: string;
  /** Stands in for a client's upload through its grant. */
  put(key: string, bytes: Uint8Array | string, contentType: string): MemoryObject;
  has(key: string): boolean;
  /** The origins the last ensureBucket call allowed. */
  corsOrigins: string[];
}

/** Never resolves: signed URLs point at it so nothing can reach a real store by accident. */
export const MEMORY_ENDPOINT = "http://s3.invalid";

export function createMemoryStorage({ bucket }: { bucket: string }): MemoryStorage {
  const objects = new Map<string, MemoryObject>();
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
    corsOrigins: [],
    async ensureBucket(corsOrigins) {
      storage.corsOrigins = [...corsOrigins];
    },
    close() {},
    put(key, bytes, contentType) {
      const body = typeof bytes === "string" ? new TextEncoder().encode(bytes) : Uint8Array.from(bytes);
      const object = { bytes: body, contentType, etag: `"${createHash("md5").update(body).digest("hex")}"` };
      objects.set(key, object);
      return object;
    },
    has: (key) => objects.has(key),
  };
  return storage;
}

function memoryObjectStore(objects: Map<string, MemoryObject>): ObjectStore {
  return {
    async head(key, signal) {
      signal?.throwIfAborted();
      const object = objects.get(key);
      return object ? { size: object.bytes.length, contentType: object.contentType, etag: object.etag } : null;
    },
    // Like GetObject with Range: bytes=0-(n-1): a missing key is NoSuchKey, an empty object has no
    // satisfiable range (416 InvalidRange), a short object comes back whole.
    async readStart(key, bytes, signal) {
      signal?.throwIfAborted();
      const object = objects.get(key);
      if (!object) throw s3Error("NoSuchKey", 404);
      if (object.bytes.length === 0) throw s3Error("InvalidRange", 416);
      return object.bytes.slice(0, bytes);
    },
    async remove(key, signal) {
      signal?.throwIfAborted();
      objects.delete(key);
    },
  };
}

const s3Error = (name: string, status: number) =>
  Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status } });
