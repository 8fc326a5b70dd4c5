import { abortedError, ClientErrorCode, ValetUploadError } from "./errors.js";
import type { UploadGate } from "./gate.js";
import { createPartUrls, type PartUrls, type SignedPart, type SignParts } from "./part-urls.js";
import { partsToSend, planParts, type PlannedPart } from "./part-plan.js";
import { createProgressTally, type ProgressTally, type UploadProgress } from "./progress.js";
import { withRetry, type RetryPolicy } from "./retry.js";
import { sendToS3 } from "./transfer.js";
import type { Transport } from "./transport.js";

/** What sending a multipart upload needs of its grant. */
export interface MultipartGrant {
  id: string;
  key: string;
  partSize: number;
  partCount: number;
  /** URLs signed with the grant, if any. */
  parts?: readonly SignedPart[] | null;
}

export interface MultipartOptions {
  /** Parts sent at the same time; default 4. */
  parallel?: number;
  retry?: RetryPolicy;
  /** The parts S3 already holds (uploadedParts), when resuming: only the others are sent. */
  uploaded?: ReadonlyArray<{ partNumber: number; size: number }>;
  onProgress?: (progress: UploadProgress) => void;
  signal?: AbortSignal;
  transport?: Transport;
  /** Awaited before each part (and each retry): pausing holds the next part, not the ones in flight. */
  gate?: UploadGate;
  now?: () => number;
}

export const DEFAULT_PARALLEL = 4;

/**
 * Sends the parts of `file` that S3 does not hold yet, `parallel` at a time, each retried on network
 * errors and 5xx. Resolves when every part is stored; on the first failure stops the other parts
 * and throws it (completing or aborting the upload is the caller's).
 */
export async function sendMultipart(grant: MultipartGrant, file: Blob, sign: SignParts, options: MultipartOptions = {}) {
  const plan = planParts(file.size, grant.partSize, grant.partCount);
  const todo = partsToSend(plan, options.uploaded ?? []);
  const stored = file.size - todo.reduce((sum, p) => sum + p.size, 0);
  const tally = createProgressTally(file.size, stored, options.onProgress);
  if (options.signal?.aborted) throw abortedError("transfer");
  if (todo.length === 0) return;

  const stop = new AbortController();
  const onAbort = () => stop.abort();
  options.signal?.addEventListener("abort", onAbort, { once: true });
  const ctx: PartContext = {
    grant,
    file,
    options,
    tally,
    signal: stop.signal,
    urls: createPartUrls(
      grant.parts ?? [],
      todo.map((p) => p.partNumber),
      sign,
      options.now,
    ),
  };
  const queue = [...todo];
  let failure: unknown;
  const worker = async () => {
    for (let part = queue.shift(); part && failure === undefined; part = queue.shift()) {
      try {
        await sendPart(ctx, part);
      } catch (e) {
        failure ??= e;
        stop.abort();
      }
    }
  };
  const workers = Math.max(1, Math.min(options.parallel ?? DEFAULT_PARALLEL, todo.length));
  await Promise.all(Array.from({ length: workers }, worker));
  options.signal?.removeEventListener("abort", onAbort);
  // A part that failed because another one stopped the rest is not the reason: the user's abort is.
  if (options.signal?.aborted) throw abortedError("transfer");
  if (failure !== undefined) throw ValetUploadError.at("transfer", failure, grant);
}

interface PartContext {
  grant: MultipartGrant;
  file: Blob;
  options: MultipartOptions;
  tally: ProgressTally;
  urls: PartUrls;
  signal: AbortSignal;
}

async function sendPart({ grant, file, options, tally, urls, signal }: PartContext, part: PlannedPart): Promise<void> {
  const { partNumber } = part;
  let resigned = false;
  const attempt = async (): Promise<void> => {
    const signed = await urls.get(partNumber, signal).catch((e: unknown) => {
      throw ValetUploadError.at("transfer", e, grant);
    });
    if (signed.size !== part.size) {
      const message = `the server signed part ${partNumber} for ${signed.size} bytes; the plan says ${part.size}`;
      throw new ValetUploadError("transfer", ClientErrorCode.BAD_RESPONSE, message, { grantId: grant.id, key: grant.key });
    }
    try {
      await sendToS3(
        {
          method: "PUT",
          url: signed.url,
          body: file.slice(part.start, part.end),
          headers: signed.headers,
          fileSize: part.size,
          onFileBytes: (loaded) => tally.sending(partNumber, loaded),
          signal,
        },
        { grantId: grant.id, key: grant.key, expiresAt: signed.expiresAt, partNumber },
        options.transport,
      );
    } catch (e) {
      // An expired URL is signed again once, at once: it is the URL that is stale, not S3 that is failing.
      if (resigned || (e as ValetUploadError).code !== ClientErrorCode.GRANT_EXPIRED) throw e;
      resigned = true;
      urls.expire(partNumber);
      tally.sending(partNumber, 0);
      return attempt();
    }
  };
  await withRetry(attempt, options.retry, {
    signal,
    gate: options.gate,
    onRetry: () => tally.sending(partNumber, 0),
  });
  urls.sent(partNumber);
  tally.done(partNumber, part.size);
}
