import { ClientErrorCode, ValetUploadError, abortedError } from "./errors.js";
import type { UploadProgress } from "./progress.js";
import { codeForS3Answer, parseS3Error } from "./s3-answer.js";
import { defaultTransport, type Transport } from "./transport.js";

/** The parts of an upload grant a transfer needs. */
export interface PostGrant {
  id?: string;
  key?: string;
  /** Null for a multipart grant, which has no single URL: this library does not send those yet. */
  url: string | null;
  fields: ReadonlyArray<{ name: string; value: string }>;
  expiresAt?: string;
}

export interface TransferOptions {
  /** The name sent with the file part; S3 ignores it (the key is the grant's). */
  filename?: string;
  onProgress?: (progress: UploadProgress) => void;
  signal?: AbortSignal;
  transport?: Transport;
}

/**
 * POSTs a file under a grant: its fields in the given order, then the file last (S3 stops reading
 * the form at the file). Resolves when S3 stored it; otherwise throws a transfer-stage
 * ValetUploadError with S3's answer parsed.
 */
export async function postToGrant(grant: PostGrant, file: Blob, options: TransferOptions = {}): Promise<void> {
  const { signal, onProgress } = options;
  if (signal?.aborted) throw abortedError("transfer");
  if (grant.url === null)
    throw new ValetUploadError("transfer", ClientErrorCode.UNSUPPORTED_METHOD, "this grant has no POST form to send");
  const url = grant.url;
  const form = new FormData();
  for (const { name, value } of grant.fields) form.append(name, value);
  form.append("file", file, options.filename ?? "upload");
  const total = file.size;
  onProgress?.({ loaded: 0, total });
  const transport = options.transport ?? defaultTransport();
  const answer = await transport({
    url,
    form,
    fileSize: total,
    signal,
    onFileBytes: (loaded) => onProgress?.({ loaded, total }),
  });
  if (answer.status >= 200 && answer.status < 300) {
    onProgress?.({ loaded: total, total });
    return;
  }
  const s3 = parseS3Error(answer.body);
  const code = codeForS3Answer({ status: answer.status, s3, expiresAt: grant.expiresAt });
  const message = s3
    ? `S3 refused the upload: ${s3.Code}${s3.Message ? ` (${s3.Message})` : ""}`
    : `S3 answered HTTP ${answer.status}`;
  throw new ValetUploadError("transfer", code, message, {
    status: answer.status,
    s3: s3 ?? undefined,
    grantId: grant.id,
    key: grant.key,
  });
}
