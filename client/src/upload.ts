import { abortedError, ClientErrorCode, ValetUploadError } from "./errors.js";
import type { UploadGate } from "./gate.js";
import type { UploadMethod } from "./generated/graphql.js";
import { DEFAULT_PARALLEL, sendMultipart } from "./multipart.js";
import type { SignParts } from "./part-urls.js";
import { fileProblem, type UploadProfile } from "./profile-check.js";
import type { ProfileName } from "./profile-name.js";
import type { UploadProgress } from "./progress.js";
import { findResumable, isResumableInterruption, recordOf, safely, type ResumeDeps, type Resumed } from "./resume.js";
import { resumeKey } from "./resume-store.js";
import { withRetry, type RetryPolicy } from "./retry.js";
import { postToGrant, putToGrant } from "./transfer.js";
import type { Transport } from "./transport.js";
import type { StoredObject, UploadGrant } from "./types.js";

export interface UploadOptions {
  /** A profile's name (a typo does not compile), or the profile itself (from uploadProfiles(), saving a request). */
  profile: ProfileName | UploadProfile;
  /** Defaults to the File's name. */
  filename?: string;
  /** Defaults to the Blob's type. */
  contentType?: string;
  /** Grant lifetime in seconds; the server clamps it to the profile's maxExpiresIn. */
  expiresIn?: number;
  /** POST, PUT or MULTIPART; by default the server chooses (POST up to the profile's multipartThreshold). */
  method?: UploadMethod;
  /** Your app's own data about the file (≤ 4 KiB as JSON, checked against the profile's metadataSchema); sent in its webhook events. */
  metadata?: Record<string, unknown>;
  /** MULTIPART: parts sent at the same time (default 4). */
  parallel?: number;
  /**
   * How each request to S3 (a part, or a whole POST or PUT) is retried on network errors and 5xx
   * (default 4 retries from 500 ms, doubling).
   */
  retry?: RetryPolicy;
  /**
   * MULTIPART: pick up this file's earlier upload where it stopped (same name, size, lastModified and
   * profile), and keep this one resumable when the signal or the network interrupts it.
   */
  resume?: boolean;
  onProgress?: (progress: UploadProgress) => void;
  signal?: AbortSignal;
  /** Awaited before every request to S3 (each part, each POST/PUT attempt): how a queue pauses and waits for the network. */
  gate?: UploadGate;
  /** Called once the grant is known (issued or resumed), before any byte is sent. */
  onGrant?: (grant: { id: string; key: string; method: UploadMethod }) => void;
}

export interface GrantInput {
  profile: string;
  filename: string;
  contentType: string;
  size: number;
  expiresIn?: number;
  method?: UploadMethod;
  metadata?: Record<string, unknown>;
}

/** What requestUploadGrant asks for: a GrantInput whose profile is one of the ProfileName union. */
export interface UploadGrantRequest extends Omit<GrantInput, "profile"> {
  profile: ProfileName;
}

/** What upload() needs of the client. */
export interface UploadDeps extends ResumeDeps {
  profiles(signal?: AbortSignal): Promise<UploadProfile[]>;
  requestGrant(input: GrantInput, parts: number, signal?: AbortSignal): Promise<UploadGrant>;
  signParts(grantId: string): SignParts;
  complete(grant: { id: string; key: string }): Promise<StoredObject>;
  transport?: Transport;
}

type Sendable = UploadGrant | Resumed["grant"];

/** Checks, asks (or resumes), sends, completes; cleans up by the resume rule (see isResumableInterruption). */
export async function uploadFile(deps: UploadDeps, file: Blob, options: UploadOptions): Promise<StoredObject> {
  const { signal } = options;
  if (signal?.aborted) throw abortedError("grant");
  const profile = await resolveProfile(deps, options.profile, signal);
  const contentType = options.contentType ?? file.type;
  const problem = fileProblem(profile, { size: file.size, contentType });
  if (problem) throw new ValetUploadError("grant", problem.code, problem.message);
  const filename = options.filename ?? (file as Partial<File>).name ?? "upload";
  const lastModified = (file as Partial<File>).lastModified;
  const key = options.resume ? resumeKey({ profile: profile.name, name: filename, size: file.size, lastModified }) : undefined;

  const resumed = key === undefined ? null : await findResumable(deps, key, file.size, signal);
  const parallel = Math.max(1, options.parallel ?? DEFAULT_PARALLEL);
  let grant: Sendable;
  if (resumed) grant = resumed.grant;
  else {
    const input = {
      profile: profile.name,
      filename,
      contentType,
      size: file.size,
      expiresIn: options.expiresIn,
      method: options.method,
      metadata: options.metadata,
    };
    const requested = await deps.requestGrant(input, Math.min(1000, 2 * parallel), signal);
    grant = requested;
    if (key !== undefined && requested.__typename === "MultipartUploadGrant")
      await safely(() => deps.store.set(key, recordOf(requested)));
  }
  options.onGrant?.({ id: grant.id, key: grant.key, method: grant.method });
  try {
    await send(deps, grant, file, { ...options, parallel, filename, uploaded: resumed?.uploaded });
    if (signal?.aborted) throw abortedError("transfer");
    const object = await deps.complete(grant);
    if (key !== undefined) await safely(() => deps.store.delete(key));
    return object;
  } catch (e) {
    const error = ValetUploadError.at("transfer", e, grant);
    if (key !== undefined && isResumableInterruption(error, grant.method)) throw error;
    if (key !== undefined) await safely(() => deps.store.delete(key));
    // A rejected upload keeps its record (it says why); anything else must not leave a PENDING one.
    if (error.code !== ClientErrorCode.REJECTED) await deps.discardUpload(grant);
    throw error;
  }
}

async function send(
  deps: UploadDeps,
  grant: Sendable,
  file: Blob,
  options: UploadOptions & { filename: string; uploaded?: Resumed["uploaded"] },
): Promise<void> {
  const { onProgress, signal } = options;
  const transport = deps.transport;
  switch (grant.__typename) {
    case "MultipartUploadGrant": {
      const { parallel, retry, uploaded, gate } = options;
      const sign = deps.signParts(grant.id);
      return sendMultipart(grant, file, sign, { parallel, retry, uploaded, onProgress, signal, transport, gate });
    }
    case "PutUploadGrant":
      return sendWholeRetried(() => putToGrant(grant, file, { onProgress, signal, transport }), options);
    case "PostUploadGrant":
      return sendWholeRetried(
        () => postToGrant(grant, file, { filename: options.filename, onProgress, signal, transport }),
        options,
      );
  }
  // A server newer than this library may answer a kind of grant it does not know.
  const unknown: { __typename?: string } = grant;
  throw new ValetUploadError(
    "transfer",
    ClientErrorCode.UNSUPPORTED_METHOD,
    `this library cannot send a ${unknown.__typename} grant`,
  );
}

/**
 * A whole-file POST or PUT, retried as a part is (each attempt reports progress from 0 again). A
 * retry may follow an attempt that reached S3 but whose answer was lost: a POST then stores the
 * same bytes again (completion keeps only the version it verifies), and a create-only PUT
 * (If-None-Match: *) is refused with 412 because that attempt landed, so a 412 on a retry counts as
 * sent, and completeUpload verifies what is there.
 */
async function sendWholeRetried(attempt: () => Promise<void>, { retry, signal, gate }: UploadOptions): Promise<void> {
  let retrying = false;
  await withRetry(
    async () => {
      try {
        await attempt();
      } catch (e) {
        if (retrying && e instanceof ValetUploadError && e.status === 412) return;
        throw e;
      }
    },
    retry,
    { signal, gate, onRetry: () => (retrying = true) },
  );
}

async function resolveProfile(deps: UploadDeps, profile: string | UploadProfile, signal?: AbortSignal): Promise<UploadProfile> {
  if (typeof profile !== "string") return profile;
  let profiles: UploadProfile[];
  try {
    profiles = await deps.profiles(signal);
  } catch (e) {
    throw ValetUploadError.at("grant", e);
  }
  const found = profiles.find((p) => p.name === profile);
  if (found) return found;
  const names = profiles.map((p) => p.name).join(", ") || "none";
  throw new ValetUploadError(
    "grant",
    ClientErrorCode.UNKNOWN_PROFILE,
    `no upload profile '${profile}' for this viewer (there are: ${names})`,
  );
}
