import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, NotFound, NoSuchKey, type S3Client } from "@aws-sdk/client-s3";

/** What S3 says about a stored object. */
export interface StoredHead {
  size: number;
  contentType: string | undefined;
  etag: string | undefined;
}

/** Reads, checks and removes objects in one bucket; the server's own credentials, never a client's. */
export interface ObjectStore {
  head(key: string): Promise<StoredHead | null>;
  /** The first `bytes` bytes (or fewer, for a short object). */
  readStart(key: string, bytes: number): Promise<Uint8Array>;
  remove(key: string): Promise<void>;
}

export function createObjectStore(client: S3Client, bucket: string): ObjectStore {
  return {
    async head(key) {
      try {
        const out = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
        return { size: out.ContentLength ?? 0, contentType: out.ContentType, etag: out.ETag };
      } catch (e) {
        if (e instanceof NotFound || e instanceof NoSuchKey || statusOf(e) === 404) return null;
        throw e;
      }
    },
    async readStart(key, bytes) {
      const out = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key, Range: `bytes=0-${bytes - 1}` }));
      return out.Body ? out.Body.transformToByteArray() : new Uint8Array();
    },
    async remove(key) {
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    },
  };
}

const statusOf = (e: unknown) => (e as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
