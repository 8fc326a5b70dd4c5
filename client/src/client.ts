import { abortedError, ClientErrorCode, ValetUploadError } from "./errors.js";
import {
  ValetCompleteUploadDocument,
  ValetDiscardUploadDocument,
  ValetMyObjectsDocument,
  ValetRequestDownloadDocument,
  ValetRequestUploadDocument,
  ValetUploadProfilesDocument,
  type Disposition,
} from "./generated/graphql.js";
import { createRequester, type Requester, type TokenSource } from "./graphql-request.js";
import { fileProblem, type UploadProfile } from "./profile-check.js";
import type { UploadProgress } from "./progress.js";
import { postToGrant } from "./transfer.js";
import type { Transport } from "./transport.js";
import type { DownloadGrant, ObjectPage, StoredObject, UploadGrant } from "./types.js";

export interface ValetClientOptions {
  /** The GraphQL endpoint, e.g. http://localhost:4000/graphql. */
  url: string;
  getToken?: TokenSource;
  fetch?: typeof fetch;
  /** How the form reaches S3; by default XMLHttpRequest where there is one, else fetch. */
  transport?: Transport;
}

export interface UploadOptions {
  /** A profile's name, or the profile itself (from uploadProfiles(), saving a request). */
  profile: string | UploadProfile;
  /** Defaults to the File's name. */
  filename?: string;
  /** Defaults to the Blob's type. */
  contentType?: string;
  /** Grant lifetime in seconds; the server clamps it to the profile's maxExpiresIn. */
  expiresIn?: number;
  onProgress?: (progress: UploadProgress) => void;
  signal?: AbortSignal;
}

export interface DownloadOptions {
  expiresIn?: number;
  disposition?: Disposition;
  signal?: AbortSignal;
}

/** The calls an app makes; see createValetClient. */
export interface ValetClient {
  /** Checks the file against its profile, asks for a grant, sends the bytes, completes: resolves AVAILABLE or throws ValetUploadError. */
  upload(file: Blob, options: UploadOptions): Promise<StoredObject>;
  requestDownload(key: string, options?: DownloadOptions): Promise<DownloadGrant>;
  uploadProfiles(signal?: AbortSignal): Promise<UploadProfile[]>;
  listObjects(page?: { first?: number; after?: string | null }, signal?: AbortSignal): Promise<ObjectPage>;
  /** The grant step alone, for callers that send the bytes themselves (postToGrant). */
  requestUploadGrant(
    input: { profile: string; filename: string; contentType: string; size: number; expiresIn?: number },
    signal?: AbortSignal,
  ): Promise<UploadGrant>;
  /** The verify step alone: AVAILABLE, or a verify-stage ValetUploadError. */
  completeUpload(grant: Pick<UploadGrant, "id" | "key">, signal?: AbortSignal): Promise<StoredObject>;
  /** Removes what a failed upload left (its PENDING record and any bytes); never throws. */
  discardUpload(grant: Pick<UploadGrant, "id" | "key">): Promise<void>;
}

/** A client for one Valet endpoint: `createValetClient({ url, getToken })`. */
export function createValetClient(options: ValetClientOptions): ValetClient {
  const request = createRequester(options.url, options.getToken, options.fetch);
  const client: ValetClient = {
    upload: (file, upload) => uploadFile(client, file, upload, options.transport),
    requestDownload: async (key, { expiresIn, disposition, signal } = {}) =>
      (await request(ValetRequestDownloadDocument, { input: { key, expiresIn, disposition } }, signal)).requestDownload,
    uploadProfiles: async (signal) => (await request(ValetUploadProfilesDocument, {}, signal)).uploadProfiles,
    listObjects: async ({ first, after } = {}, signal) =>
      (await request(ValetMyObjectsDocument, { first, after }, signal)).myObjects,
    requestUploadGrant: async (input, signal) => {
      try {
        // The library sends files as one POST form (up to 5 GiB); PUT and multipart come next.
        return (await request(ValetRequestUploadDocument, { input: { ...input, method: "POST" } }, signal)).requestUpload;
      } catch (e) {
        throw ValetUploadError.at("grant", e);
      }
    },
    completeUpload: (grant, signal) => complete(request, grant, signal),
    discardUpload: (grant) => discard(request, grant),
  };
  return client;
}

async function uploadFile(client: ValetClient, file: Blob, options: UploadOptions, transport?: Transport): Promise<StoredObject> {
  const { signal } = options;
  if (signal?.aborted) throw abortedError("grant");
  const profile = await resolveProfile(client, options.profile, signal);
  const contentType = options.contentType ?? file.type;
  const problem = fileProblem(profile, { size: file.size, contentType });
  if (problem) throw new ValetUploadError("grant", problem.code, problem.message);
  const filename = options.filename ?? (file as Partial<File>).name ?? "upload";
  const grant = await client.requestUploadGrant(
    { profile: profile.name, filename, contentType, size: file.size, expiresIn: options.expiresIn },
    signal,
  );
  try {
    await postToGrant(grant, file, { filename, onProgress: options.onProgress, signal, transport });
    if (signal?.aborted) throw abortedError("transfer");
    return await client.completeUpload(grant);
  } catch (e) {
    const error = ValetUploadError.at("transfer", e, grant);
    // A rejected upload keeps its record (it says why); anything else must not leave a PENDING one.
    if (error.code !== ClientErrorCode.REJECTED) await client.discardUpload(grant);
    throw error;
  }
}

async function resolveProfile(
  client: ValetClient,
  profile: string | UploadProfile,
  signal?: AbortSignal,
): Promise<UploadProfile> {
  if (typeof profile !== "string") return profile;
  let profiles: UploadProfile[];
  try {
    profiles = await client.uploadProfiles(signal);
  } catch (e) {
    throw ValetUploadError.at("grant", e);
  }
  const found = profiles.find((p) => p.name === profile);
  if (!found) {
    const names = profiles.map((p) => p.name).join(", ") || "none";
    throw new ValetUploadError(
      "grant",
      ClientErrorCode.UNKNOWN_PROFILE,
      `no upload profile '${profile}' for this viewer (there are: ${names})`,
    );
  }
  return found;
}

async function complete(request: Requester, grant: Pick<UploadGrant, "id" | "key">, signal?: AbortSignal): Promise<StoredObject> {
  let object: StoredObject;
  try {
    object = (await request(ValetCompleteUploadDocument, { grantId: grant.id }, signal)).completeUpload;
  } catch (e) {
    throw ValetUploadError.at("verify", e, grant);
  }
  if (object.state === "AVAILABLE") return object;
  const code = object.state === "REJECTED" ? ClientErrorCode.REJECTED : `UPLOAD_${object.state}`;
  throw new ValetUploadError("verify", code, object.rejectReason ?? `the upload is ${object.state}`, {
    grantId: grant.id,
    key: grant.key,
  });
}

// Today's API has no abortUpload(grantId); deleteObject removes a PENDING record and any bytes under
// its key just as well. Switch to abortUpload once it is in the schema: it also revokes the grant.
async function discard(request: Requester, grant: Pick<UploadGrant, "id" | "key">): Promise<void> {
  try {
    await request(ValetDiscardUploadDocument, { key: grant.key });
  } catch {
    // Best effort: the reaper expires whatever is left once the grant has expired.
  }
}
