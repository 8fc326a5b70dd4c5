import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  ListMultipartUploadsCommand,
  ListPartsCommand,
  type S3Client,
} from "@aws-sdk/client-s3";
import type { MultipartStore, OpenUpload, UploadedPart } from "./types";
import { boundedCall } from "./unavailable";

/** The MultipartStore on S3; `deadlineMs` bounds each call (every page of a listing included). */
export function createMultipartStore(client: S3Client, bucket: string, deadlineMs: number): MultipartStore {
  const Bucket = bucket;
  return {
    create: (Key, { contentType, signal }) =>
      boundedCall(deadlineMs, signal, async (abortSignal) => {
        const out = await client.send(new CreateMultipartUploadCommand({ Bucket, Key, ContentType: contentType }), {
          abortSignal,
        });
        if (!out.UploadId) throw new Error(`S3 started a multipart upload for ${Key} without an upload id`);
        return out.UploadId;
      }),
    listParts: (Key, UploadId, { signal } = {}) =>
      boundedCall(deadlineMs, signal, (abortSignal) =>
        gone(async () => {
          const parts: UploadedPart[] = [];
          let PartNumberMarker: string | undefined;
          do {
            const out = await client.send(new ListPartsCommand({ Bucket, Key, UploadId, PartNumberMarker }), { abortSignal });
            for (const p of out.Parts ?? []) parts.push({ partNumber: p.PartNumber ?? 0, size: p.Size ?? 0, etag: p.ETag ?? "" });
            PartNumberMarker = out.IsTruncated ? out.NextPartNumberMarker : undefined;
          } while (PartNumberMarker);
          return parts;
        }, null),
      ),
    complete: (Key, UploadId, parts, { signal } = {}) =>
      boundedCall(deadlineMs, signal, (abortSignal) =>
        gone(async () => {
          const MultipartUpload = { Parts: parts.map((p) => ({ PartNumber: p.partNumber, ETag: p.etag })) };
          const out = await client.send(new CompleteMultipartUploadCommand({ Bucket, Key, UploadId, MultipartUpload }), {
            abortSignal,
          });
          return { versionId: out.VersionId };
        }, null),
      ),
    abort: (Key, UploadId, { signal } = {}) =>
      boundedCall(deadlineMs, signal, (abortSignal) =>
        gone(async () => {
          await client.send(new AbortMultipartUploadCommand({ Bucket, Key, UploadId }), { abortSignal });
          return true;
        }, false),
      ),
    listOpen: (Prefix, { signal } = {}) =>
      boundedCall(deadlineMs, signal, async (abortSignal) => {
        const open: OpenUpload[] = [];
        let page: { KeyMarker?: string; UploadIdMarker?: string } = {};
        for (;;) {
          const out = await client.send(new ListMultipartUploadsCommand({ Bucket, Prefix, ...page }), { abortSignal });
          for (const u of out.Uploads ?? []) {
            if (u.Key && u.UploadId) open.push({ key: u.Key, uploadId: u.UploadId, initiated: u.Initiated ?? new Date(0) });
          }
          if (!out.IsTruncated) return open;
          page = { KeyMarker: out.NextKeyMarker, UploadIdMarker: out.NextUploadIdMarker };
        }
      }),
  };
}

// S3 says NoSuchUpload (404) for an upload it no longer holds; Ceph answers ListParts on an
// aborted upload with NoSuchKey (404). Either way the upload is gone.
async function gone<T, G>(call: () => Promise<T>, whenGone: G): Promise<T | G> {
  try {
    return await call();
  } catch (e) {
    const name = (e as { name?: string })?.name;
    const status = (e as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
    if (name === "NoSuchUpload" || name === "NoSuchKey" || status === 404) return whenGone;
    throw e;
  }
}
