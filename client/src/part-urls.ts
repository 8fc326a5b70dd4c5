import { ClientErrorCode, ValetUploadError } from "./errors.js";
import type { ValetUploadPartFragment } from "./generated/graphql.js";

/** A presigned part URL with the headers it must carry, as the server signs it. */
export type SignedPart = ValetUploadPartFragment;

/** Fresh URLs for parts of one upload: signUploadParts(grantId, partNumbers). */
export type SignParts = (partNumbers: number[], signal?: AbortSignal) => Promise<readonly SignedPart[]>;

/** The server signs at most this many parts per call. */
export const MAX_PARTS_PER_SIGNING = 1000;
/** A URL this close to its expiry is signed again rather than risked on a slow part. */
const FRESH_FOR_MS = 30_000;

export interface PartUrls {
  /** A fresh URL for the part, signing it (with the next parts still to send, up to 1000) when there is none. */
  get(partNumber: number, signal?: AbortSignal): Promise<SignedPart>;
  /** Forgets the part's URL (S3 said it expired), so the next get signs a new one. */
  expire(partNumber: number): void;
  /** The part is stored: it needs no URL any more. */
  sent(partNumber: number): void;
}

/**
 * Part URLs for `toSend` (in sending order), starting with those the grant came with. Signs lazily,
 * one batch at a time: parts waiting for the same batch share one call.
 */
export function createPartUrls(
  initial: readonly SignedPart[],
  toSend: readonly number[],
  sign: SignParts,
  now: () => number = Date.now,
): PartUrls {
  const urls = new Map(initial.map((p) => [p.partNumber, p]));
  const pending = new Set(toSend);
  const signing = new Map<number, Promise<void>>();
  const isFresh = (p: SignedPart | undefined): p is SignedPart => !!p && Date.parse(p.expiresAt) - now() > FRESH_FOR_MS;

  const signBatch = (first: number, signal?: AbortSignal): Promise<void> => {
    const batch = [first];
    for (const n of pending) {
      if (batch.length >= MAX_PARTS_PER_SIGNING) break;
      if (n !== first && !signing.has(n) && !isFresh(urls.get(n))) batch.push(n);
    }
    const call = sign(batch, signal).then((parts) => {
      for (const p of parts) urls.set(p.partNumber, p);
    });
    const settled = call.finally(() => batch.forEach((n) => signing.get(n) === settled && signing.delete(n)));
    for (const n of batch) signing.set(n, settled);
    return settled;
  };

  return {
    async get(partNumber, signal) {
      const known = urls.get(partNumber);
      if (isFresh(known)) return known;
      await (signing.get(partNumber) ?? signBatch(partNumber, signal));
      const signed = urls.get(partNumber);
      if (!signed || signed === known)
        throw new ValetUploadError("transfer", ClientErrorCode.BAD_RESPONSE, `the server signed no URL for part ${partNumber}`);
      return signed;
    },
    expire: (partNumber) => void urls.delete(partNumber),
    sent(partNumber) {
      pending.delete(partNumber);
      urls.delete(partNumber);
    },
  };
}
