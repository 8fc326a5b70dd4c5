import { ValetUploadError, abortedError } from "./errors.js";
import type { UploadProgress } from "./progress.js";
import { codeForS3Answer, parseS3Error } from "./s3-answer.js";
import { defaultTransport, type Transport, type TransportRequest } from "./transport.js";

type Header = { name: string; value: string };

/** The parts of an upload grant a POST or PUT transfer needs. */
export interface PostGrant {
  id?: string;
  key?: string;
  url: string;
  fields: ReadonlyArray<Header>;
  expiresAt?: string;
}

/** A PUT grant: its URL and the headers it must carry. */
export interface PutGrant extends Omit<PostGrant, "fields"> {
  headers: ReadonlyArray<Header>;
}

export interface TransferOptions {
  /** The name sent with the file part; S3 ignores it (the key is the grant's). */
  filename?: string;
  onProgress?: (progress: UploadProgress) => void;
  signal?: AbortSignal;
  transport?: Transport;
}

/** Where a request to S3 went, for the error it may end in. */
export interface S3Target {
  grantId?: string;
  key?: string;
  /** After this instant an AccessDenied means the URL expired. */
  expiresAt?: string;
  /** Names the part in messages. */
  partNumber?: number;
}

/** Sends one request to S3; resolves on 2xx, otherwise throws a transfer-stage ValetUploadError with S3's answer parsed. */
export async function sendToS3(request: TransportRequest, target: S3Target, transport = defaultTransport()): Promise<void> {
  if (request.signal?.aborted) throw abortedError("transfer");
  const answer = await transport(request);
  if (answer.status >= 200 && answer.status < 300) return;
  const s3 = parseS3Error(answer.body);
  const code = codeForS3Answer({ status: answer.status, s3, expiresAt: target.expiresAt });
  const what = target.partNumber === undefined ? "the upload" : `part ${target.partNumber}`;
  const message = s3
    ? `S3 refused ${what}: ${s3.Code}${s3.Message ? ` (${s3.Message})` : ""}`
    : `S3 answered HTTP ${answer.status}`;
  throw new ValetUploadError("transfer", code, message, {
    status: answer.status,
    s3: s3 ?? undefined,
    grantId: target.grantId,
    key: target.key,
  });
}

/** Sends one whole-file request, reporting progress in bytes of the file from 0 to its size. */
async function sendWhole(
  request: Omit<TransportRequest, "fileSize" | "onFileBytes" | "signal">,
  grant: PostGrant | PutGrant,
  file: Blob,
  options: TransferOptions,
): Promise<void> {
  const { signal, onProgress } = options;
  const total = file.size;
  onProgress?.({ loaded: 0, total });
  const onFileBytes = (loaded: number) => onProgress?.({ loaded, total });
  const target = { grantId: grant.id, key: grant.key, expiresAt: grant.expiresAt };
  await sendToS3({ ...request, fileSize: total, onFileBytes, signal }, target, options.transport);
  onProgress?.({ loaded: total, total });
}

/**
 * POSTs a file under a grant: its fields in the given order, then the file last (S3 stops reading
 * the form at the file). Resolves when S3 stored it; otherwise throws a transfer-stage
 * ValetUploadError with S3's answer parsed.
 */
export async function postToGrant(grant: PostGrant, file: Blob, options: TransferOptions = {}): Promise<void> {
  if (options.signal?.aborted) throw abortedError("transfer");
  const form = new FormData();
  for (const { name, value } of grant.fields) form.append(name, value);
  form.append("file", file, options.filename ?? "upload");
  await sendWhole({ method: "POST", url: grant.url, body: form }, grant, file, options);
}

/** PUTs a file under a PUT grant with exactly the grant's headers (type, create-only, MD5: all signed). */
export async function putToGrant(grant: PutGrant, file: Blob, options: TransferOptions = {}): Promise<void> {
  if (options.signal?.aborted) throw abortedError("transfer");
  await sendWhole({ method: "PUT", url: grant.url, body: file, headers: grant.headers }, grant, file, options);
}
