import { abortedError, ClientErrorCode, ValetError, ValetUploadError } from "./errors.js";
import type { MultipartGrant } from "./multipart.js";
import { identityOf, type ResumeIdentity, type ResumeRecord, type ResumeStore } from "./resume-store.js";

/** A grant this close to its expiry is not worth resuming: the remaining parts could not finish. */
const RESUME_MIN_REMAINING_MS = 60_000;

/** What resuming needs of the client. */
export interface ResumeDeps {
  store: ResumeStore;
  uploadedParts(grantId: string, signal?: AbortSignal): Promise<ReadonlyArray<{ partNumber: number; size: number }>>;
  discardUpload(grant: { id: string; key: string }): Promise<void>;
  now?: () => number;
}

/** An upload picked up again: its grant (as recorded) and the parts S3 holds. */
export interface Resumed {
  grant: MultipartGrant & { __typename: "MultipartUploadGrant"; method: "MULTIPART"; expiresAt: string };
  uploaded: ReadonlyArray<{ partNumber: number; size: number }>;
}

/** The store's record, as a grant to send parts under. */
const grantOf = (r: ResumeRecord): Resumed["grant"] => ({
  __typename: "MultipartUploadGrant",
  id: r.grantId,
  key: r.key,
  method: "MULTIPART",
  partSize: r.partSize,
  partCount: r.partCount,
  expiresAt: r.expiresAt,
  parts: null,
});

/** The record for a MULTIPART grant, to store before its first part is sent. */
export const recordOf = (g: {
  id: string;
  key: string;
  partSize: number;
  partCount: number;
  expiresAt: string;
}): ResumeRecord => ({
  grantId: g.id,
  key: g.key,
  partSize: g.partSize,
  partCount: g.partCount,
  expiresAt: g.expiresAt,
});

/** Runs a store call; a store that fails makes the upload not resumable, never makes it fail. */
export async function safely<T>(call: () => T | Promise<T>): Promise<T | undefined> {
  try {
    return await call();
  } catch {
    return undefined;
  }
}

/**
 * The upload recorded under `key`, if it can still be resumed: its grant is PENDING, unexpired for a
 * while yet, and split to fit this file. Anything else is abandoned cleanly (aborted at the server,
 * forgotten here) and null tells the caller to start over. No answer at all (offline) throws and
 * keeps the record for the next try.
 */
export async function findResumable(
  deps: ResumeDeps,
  key: string,
  fileSize: number,
  signal?: AbortSignal,
): Promise<Resumed | null> {
  const record = await safely(() => deps.store.get(key));
  if (!record) return null;
  const now = deps.now?.() ?? Date.now();
  const fits = record.partSize * record.partCount >= fileSize && record.partSize * (record.partCount - 1) < fileSize;
  if (!fits || Date.parse(record.expiresAt) - now < RESUME_MIN_REMAINING_MS) return abandon(deps, key, record);
  try {
    return { grant: grantOf(record), uploaded: await deps.uploadedParts(record.grantId, signal) };
  } catch (e) {
    if (signal?.aborted) throw abortedError("grant");
    const code = e instanceof ValetError ? e.code : undefined;
    if (code === ClientErrorCode.NETWORK_ERROR) throw ValetUploadError.at("grant", e, grantOf(record));
    // NOT_FOUND (not ours, or gone), BAD_USER_INPUT (not PENDING any more, or S3 forgot the upload), …
    return abandon(deps, key, record);
  }
}

async function abandon(deps: ResumeDeps, key: string, record: ResumeRecord): Promise<null> {
  await deps.discardUpload({ id: record.grantId, key: record.key });
  await safely(() => deps.store.delete(key));
  return null;
}

/**
 * The resume rule: with `resume` on, a MULTIPART upload interrupted by the caller's signal or by the
 * network (after its retries) keeps its grant and record, to be resumed; every other failure is
 * cleaned up (abortUpload) and forgotten.
 */
export const isResumableInterruption = (error: ValetUploadError, method: string): boolean =>
  method === "MULTIPART" && (error.code === ClientErrorCode.ABORTED || error.code === ClientErrorCode.NETWORK_ERROR);

/** An unfinished resumable upload: the file it was (pick the same file again to continue) and its grant. */
export type ResumableUpload = ResumeIdentity & ResumeRecord;

/**
 * The unfinished uploads the store keeps that could still be resumed (unexpired), oldest expiry
 * first: what a "resume your upload?" prompt offers. A store that fails or cannot list answers none.
 */
export async function listResumable(store: ResumeStore, now = Date.now()): Promise<ResumableUpload[]> {
  const keys = (await safely(() => store.keys?.())) ?? [];
  const found: ResumableUpload[] = [];
  for (const key of keys) {
    const identity = identityOf(key);
    const record = identity && (await safely(() => store.get(key)));
    if (identity && record && Date.parse(record.expiresAt) > now) found.push({ ...identity, ...record });
  }
  return found.sort((a, b) => Date.parse(a.expiresAt) - Date.parse(b.expiresAt));
}
