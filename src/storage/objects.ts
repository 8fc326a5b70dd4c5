import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, NotFound, NoSuchKey, type S3Client } from "@aws-sdk/client-s3";
import type { ObjectStore } from "./types";
import { boundedCall } from "./unavailable";

/** The ObjectStore on S3; `deadlineMs` bounds each call, retries included. */
export function createObjectStore(client: S3Client, bucket: string, deadlineMs: number): ObjectStore {
  return {
    head: (key, signal) =>
      boundedCall(deadlineMs, signal, async (abortSignal) => {
        try {
          const out = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }), { abortSignal });
          return { size: out.ContentLength ?? 0, contentType: out.ContentType, etag: out.ETag };
        } catch (e) {
          if (e instanceof NotFound || e instanceof NoSuchKey || statusOf(e) === 404) return null;
          throw e;
        }
      }),
    readStart: (key, bytes, signal) =>
      boundedCall(deadlineMs, signal, async (abortSignal) => {
        const range = `bytes=0-${bytes - 1}`;
        const out = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key, Range: range }), { abortSignal });
        return out.Body ? out.Body.transformToByteArray() : new Uint8Array();
      }),
    remove: (key, signal) =>
      boundedCall(deadlineMs, signal, async (abortSignal) => {
        await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }), { abortSignal });
      }),
  };
}

const statusOf = (e: unknown) => (e as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
