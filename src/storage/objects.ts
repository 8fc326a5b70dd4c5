import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectVersionsCommand,
  NotFound,
  NoSuchKey,
  type S3Client,
} from "@aws-sdk/client-s3";
import type { ObjectStore } from "./types";
import { boundedCall } from "./unavailable";

/** The ObjectStore on S3; `deadlineMs` bounds each call, retries included. */
export function createObjectStore(client: S3Client, bucket: string, deadlineMs: number): ObjectStore {
  const versionsOf = async (key: string, abortSignal: AbortSignal) => {
    const found: string[] = [];
    let page: { KeyMarker?: string; VersionIdMarker?: string } = {};
    for (;;) {
      const out = await client.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: key, ...page }), { abortSignal });
      for (const v of [...(out.Versions ?? []), ...(out.DeleteMarkers ?? [])]) {
        if (v.Key === key && v.VersionId) found.push(v.VersionId);
      }
      if (!out.IsTruncated) return found;
      page = { KeyMarker: out.NextKeyMarker, VersionIdMarker: out.NextVersionIdMarker };
    }
  };
  return {
    head: (key, { versionId, signal } = {}) =>
      boundedCall(deadlineMs, signal, async (abortSignal) => {
        try {
          const out = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key, VersionId: versionId }), {
            abortSignal,
          });
          return { size: out.ContentLength ?? 0, contentType: out.ContentType, etag: out.ETag, versionId: out.VersionId };
        } catch (e) {
          if (isGone(e)) return null;
          throw e;
        }
      }),
    readStart: (key, bytes, { versionId, signal } = {}) =>
      boundedCall(deadlineMs, signal, async (abortSignal) => {
        const range = `bytes=0-${bytes - 1}`;
        try {
          const out = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key, Range: range, VersionId: versionId }), {
            abortSignal,
          });
          return out.Body ? out.Body.transformToByteArray() : new Uint8Array();
        } catch (e) {
          if (isGone(e)) return null;
          throw e;
        }
      }),
    removeVersions: (key, { keep, signal } = {}) =>
      boundedCall(deadlineMs, signal, async (abortSignal) => {
        const doomed = (await versionsOf(key, abortSignal)).filter((v) => v !== keep);
        for (const VersionId of doomed) {
          await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key, VersionId }), { abortSignal });
        }
        return doomed.length;
      }),
  };
}

// A HEAD of a missing key or version is a bare 404; a GET names it (NoSuchKey, NoSuchVersion).
function isGone(e: unknown): boolean {
  const name = (e as { name?: string })?.name;
  return e instanceof NotFound || e instanceof NoSuchKey || name === "NoSuchVersion" || statusOf(e) === 404;
}

const statusOf = (e: unknown) => (e as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
