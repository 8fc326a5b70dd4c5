import { createHash, randomUUID } from "node:crypto";
import type { MultipartStore } from "../../src/storage/types";

/** The in-memory bucket's multipart API, plus what a client's part uploads would do. */
export interface MemoryMultipart extends MultipartStore {
  /** Stands in for a client's PUT to a part URL (nothing is enforced: sizes are S3's business). */
  uploadPart(uploadId: string, partNumber: number, bytes: Uint8Array): void;
  /** Whether the upload is still open. */
  isOpen(uploadId: string): boolean;
}

interface OpenMemoryUpload {
  key: string;
  contentType: string;
  initiated: Date;
  parts: Map<number, { bytes: Uint8Array; etag: string }>;
}

const noSuchUpload = () => Object.assign(new Error("NoSuchUpload"), { name: "NoSuchUpload", $metadata: { httpStatusCode: 404 } });

// As the SDK does: a multipart call without an UploadId is not a request S3 can be sent, so code
// that calls one for a POST or PUT upload fails here as it would against S3.
function requireUploadId(call: string, uploadId: unknown): string {
  if (typeof uploadId !== "string" || uploadId === "") throw new TypeError(`${call} needs an UploadId`);
  return uploadId;
}

/** Multipart uploads that, once completed, `put` the assembled bytes as a new version of their key. */
export function createMemoryMultipart(
  put: (key: string, bytes: Uint8Array, contentType: string) => { versionId: string },
): MemoryMultipart {
  const uploads = new Map<string, OpenMemoryUpload>();
  return {
    async create(key, { contentType }) {
      const uploadId = `mp-${randomUUID()}`;
      uploads.set(uploadId, { key, contentType, initiated: new Date(), parts: new Map() });
      return uploadId;
    },
    async listParts(_key, uploadId) {
      const upload = uploads.get(requireUploadId("ListParts", uploadId));
      if (!upload) return null;
      return [...upload.parts]
        .sort(([a], [b]) => a - b)
        .map(([partNumber, p]) => ({ partNumber, size: p.bytes.length, etag: p.etag }));
    },
    async complete(_key, uploadId, parts) {
      const upload = uploads.get(requireUploadId("CompleteMultipartUpload", uploadId));
      if (!upload) return null;
      const chunks = parts.map(({ partNumber, etag }) => {
        const part = upload.parts.get(partNumber);
        if (!part || part.etag !== etag)
          throw Object.assign(new Error("InvalidPart"), { name: "InvalidPart", $metadata: { httpStatusCode: 400 } });
        return part.bytes;
      });
      uploads.delete(uploadId);
      return { versionId: put(upload.key, Buffer.concat(chunks), upload.contentType).versionId };
    },
    async abort(_key, uploadId) {
      return uploads.delete(requireUploadId("AbortMultipartUpload", uploadId));
    },
    async listOpen(prefix) {
      return [...uploads]
        .filter(([, u]) => u.key.startsWith(prefix))
        .map(([uploadId, u]) => ({ key: u.key, uploadId, initiated: u.initiated }));
    },
    uploadPart(uploadId, partNumber, bytes) {
      const upload = uploads.get(uploadId);
      if (!upload) throw noSuchUpload();
      upload.parts.set(partNumber, { bytes: Uint8Array.from(bytes), etag: `"${createHash("md5").update(bytes).digest("hex")}"` });
    },
    isOpen: (uploadId) => uploads.has(uploadId),
  };
}
