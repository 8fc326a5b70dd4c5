import { ClientErrorCode, ValetError, ValetUploadError } from "./errors.js";
import {
  ValetAbortUploadDocument,
  ValetCompleteUploadDocument,
  ValetCreateShareLinkDocument,
  ValetDeleteObjectDocument,
  ValetMyObjectsDocument,
  ValetObjectDocument,
  ValetRequestDownloadDocument,
  ValetRequestUploadDocument,
  ValetRevokeShareDocument,
  ValetRevokeShareLinkDocument,
  ValetShareObjectDocument,
  ValetSharedWithMeDocument,
  ValetSignUploadPartsDocument,
  ValetUploadedPartsDocument,
  ValetUploadProfilesDocument,
  type Disposition,
} from "./generated/graphql.js";
import { createRequester, type Requester, type TokenSource } from "./graphql-request.js";
import type { SignedPart } from "./part-urls.js";
import type { UploadProfile } from "./profile-check.js";
import { listResumable, safely, type ResumableUpload } from "./resume.js";
import { defaultResumeStore, resumeKey, type ResumeIdentity, type ResumeStore } from "./resume-store.js";
import type { Transport } from "./transport.js";
import type {
  DownloadGrant,
  ListedObject,
  ObjectPage,
  Share,
  ShareGrantee,
  ShareLink,
  StoredObject,
  UploadGrant,
} from "./types.js";
import { uploadFile, type GrantInput, type UploadGrantRequest, type UploadOptions } from "./upload.js";

export type { UploadGrantRequest, UploadOptions } from "./upload.js";

export interface ValetClientOptions {
  /** The GraphQL endpoint, e.g. http://localhost:4000/graphql. */
  url: string;
  getToken?: TokenSource;
  fetch?: typeof fetch;
  /** How bytes reach S3; by default XMLHttpRequest where there is one, else fetch. */
  transport?: Transport;
  /** Where resumable uploads keep their state; by default localStorage where there is one, else memory. */
  resumeStore?: ResumeStore;
}

export interface DownloadOptions {
  expiresIn?: number;
  disposition?: Disposition;
  /** The same URL for every request in one DOWNLOAD_URL_WINDOW, so browser and CDN caches hit. */
  cacheable?: boolean;
  signal?: AbortSignal;
}

export interface ShareOptions {
  /** Seconds; the server clamps it to its SHARE_MAX_EXPIRES_IN, which is also what none gets. */
  expiresIn?: number;
  signal?: AbortSignal;
}

export interface ShareLinkOptions {
  /** Seconds; the server clamps it to its SHARE_MAX_EXPIRES_IN, which is also what none gets. */
  expiresIn?: number;
  /** How many downloads the link serves; none: no limit. */
  maxDownloads?: number;
  /** How the browser treats each download (INLINE only for types the server shows inline). */
  disposition?: Disposition;
  signal?: AbortSignal;
}

/** One page of a list: at most `first` (1..100, default 20) after the cursor `after` (the previous page's endCursor). */
export interface PageOptions {
  first?: number;
  after?: string | null;
}

/** The calls an app makes; see createValetClient. */
export interface ValetClient {
  /** Checks the file against its profile, asks for a grant, sends the bytes, completes: resolves AVAILABLE or throws ValetUploadError. */
  upload(file: Blob, options: UploadOptions): Promise<StoredObject>;
  requestDownload(key: string, options?: DownloadOptions): Promise<DownloadGrant>;
  uploadProfiles(signal?: AbortSignal): Promise<UploadProfile[]>;
  /** Your own objects, newest first, in every state: `{ nodes, pageInfo: { hasNextPage, endCursor } }`; pass `endCursor` as `after`. */
  myObjects(page?: PageOptions, signal?: AbortSignal): Promise<ObjectPage>;
  /** The same as myObjects (its earlier name). */
  listObjects(page?: PageOptions, signal?: AbortSignal): Promise<ObjectPage>;
  /** The object at the key if you may see it (yours in any state; another's once AVAILABLE and readable by you), else null. */
  object(key: string, signal?: AbortSignal): Promise<ListedObject | null>;
  /** Removes one of your objects (admins: anyone's) from the bucket and the registry; NOT_FOUND (a ValetError) otherwise. */
  deleteObject(key: string, signal?: AbortSignal): Promise<void>;
  /** Lets one viewer or one role read one of your AVAILABLE objects; NOT_FOUND (a ValetError) unless it is yours. */
  share(key: string, grantee: ShareGrantee, options?: ShareOptions): Promise<Share>;
  /** Ends a share at once; the answer carries revokedAt. */
  revokeShare(id: string, signal?: AbortSignal): Promise<Share>;
  /** A revocable link anyone holding it may download through; its `url` is in this answer only (keep it or lose it). */
  createShareLink(key: string, options?: ShareLinkOptions): Promise<ShareLink & { url: string }>;
  /** Stops a link at its next use; the answer carries revokedAt (and no url). */
  revokeShareLink(id: string, signal?: AbortSignal): Promise<ShareLink>;
  /** Objects shared with you (by id or role), newest first. */
  sharedWithMe(page?: PageOptions, signal?: AbortSignal): Promise<ObjectPage>;
  /** The grant step alone, for callers that send the bytes themselves (postToGrant, putToGrant, sendMultipart). */
  requestUploadGrant(input: UploadGrantRequest, signal?: AbortSignal): Promise<UploadGrant>;
  /** Fresh URLs for parts of a MULTIPART grant (at most 1000 per call). */
  signUploadParts(grantId: string, partNumbers: number[], signal?: AbortSignal): Promise<SignedPart[]>;
  /** The parts S3 holds for a PENDING MULTIPART grant. */
  uploadedParts(grantId: string, signal?: AbortSignal): Promise<Array<{ partNumber: number; size: number }>>;
  /** The verify step alone: AVAILABLE, or a verify-stage ValetUploadError. */
  completeUpload(grant: Pick<UploadGrant, "id" | "key">, signal?: AbortSignal): Promise<StoredObject>;
  /** Gives up an upload (abortUpload: its PENDING record, its bytes or parts); never throws. */
  discardUpload(grant: Pick<UploadGrant, "id" | "key">): Promise<void>;
  /** Gives up the resumable upload kept for this file, if any: aborts it at the server and forgets it. */
  discardResumable(file: ResumeIdentity): Promise<void>;
  /** The unfinished resumable uploads this client's store keeps, for a "resume your upload?" prompt. */
  listResumable(): Promise<ResumableUpload[]>;
}

/** A client for one Valet endpoint: `createValetClient({ url, getToken })`. */
export function createValetClient(options: ValetClientOptions): ValetClient {
  const request = createRequester(options.url, options.getToken, options.fetch);
  const store = options.resumeStore ?? defaultResumeStore();
  const client: ValetClient = {
    upload: (file, upload) =>
      uploadFile(
        {
          store,
          profiles: (signal) => client.uploadProfiles(signal),
          requestGrant: (input, parts, signal) => requestGrant(request, input, parts, signal),
          signParts: (grantId) => (partNumbers, signal) => client.signUploadParts(grantId, partNumbers, signal),
          uploadedParts: (grantId, signal) => client.uploadedParts(grantId, signal),
          complete: (grant) => client.completeUpload(grant),
          discardUpload: (grant) => client.discardUpload(grant),
          transport: options.transport,
        },
        file,
        upload,
      ),
    requestDownload: async (key, { expiresIn, disposition, cacheable, signal } = {}) =>
      (await request(ValetRequestDownloadDocument, { input: { key, expiresIn, disposition, cacheable } }, signal))
        .requestDownload,
    uploadProfiles: async (signal) => (await request(ValetUploadProfilesDocument, {}, signal)).uploadProfiles,
    myObjects: async ({ first, after } = {}, signal) =>
      (await request(ValetMyObjectsDocument, { first, after }, signal)).myObjects,
    listObjects: (page, signal) => client.myObjects(page, signal),
    object: async (key, signal) => (await request(ValetObjectDocument, { key }, signal)).object ?? null,
    deleteObject: async (key, signal) => {
      await request(ValetDeleteObjectDocument, { key }, signal);
    },
    share: async (key, { viewer, role }, { expiresIn, signal } = {}) =>
      (await request(ValetShareObjectDocument, { input: { key, viewer, role, expiresIn } }, signal)).shareObject,
    revokeShare: async (id, signal) => (await request(ValetRevokeShareDocument, { id }, signal)).revokeShare,
    createShareLink: async (key, { expiresIn, maxDownloads, disposition, signal } = {}) => {
      const input = { key, expiresIn, maxDownloads, disposition };
      const link = (await request(ValetCreateShareLinkDocument, { input }, signal)).createShareLink;
      // createShareLink is the one answer that carries the url; without it the link is of no use.
      if (!link.url) throw new ValetError(ClientErrorCode.BAD_RESPONSE, "createShareLink answered without the link's url");
      return { ...link, url: link.url };
    },
    revokeShareLink: async (id, signal) => (await request(ValetRevokeShareLinkDocument, { id }, signal)).revokeShareLink,
    sharedWithMe: async ({ first, after } = {}, signal) =>
      (await request(ValetSharedWithMeDocument, { first, after }, signal)).sharedWithMe,
    requestUploadGrant: (input, signal) => requestGrant(request, input, 100, signal),
    signUploadParts: async (grantId, partNumbers, signal) =>
      (await request(ValetSignUploadPartsDocument, { grantId, partNumbers }, signal)).signUploadParts,
    uploadedParts: async (grantId, signal) => (await request(ValetUploadedPartsDocument, { grantId }, signal)).uploadedParts,
    completeUpload: (grant, signal) => complete(request, grant, signal),
    discardUpload: async (grant) => {
      // Best effort: whatever is left, the reaper expires once the grant has expired.
      await request(ValetAbortUploadDocument, { grantId: grant.id }).catch(() => undefined);
    },
    discardResumable: async (file) => {
      const key = resumeKey(file);
      const record = await safely(() => store.get(key));
      if (record) await client.discardUpload({ id: record.grantId, key: record.key });
      await safely(() => store.delete(key));
    },
    listResumable: () => listResumable(store),
  };
  return client;
}

async function requestGrant(
  request: Requester,
  input: GrantInput,
  firstParts: number,
  signal?: AbortSignal,
): Promise<UploadGrant> {
  try {
    return (await request(ValetRequestUploadDocument, { input, firstParts }, signal)).requestUpload;
  } catch (e) {
    throw ValetUploadError.at("grant", e);
  }
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
