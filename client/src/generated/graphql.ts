/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** A link to one of your AVAILABLE objects (or, for an admin, anyone's). */
export type CreateShareLinkInput = {
  /** How the browser treats each download, as for requestDownload; defaults to ATTACHMENT. */
  disposition?: Disposition | null | undefined;
  /** Lifetime in seconds; clamped to the server's SHARE_MAX_EXPIRES_IN, which is also what none gets. */
  expiresIn?: number | null | undefined;
  key: string;
  /** How many downloads the link serves; none: no limit. */
  maxDownloads?: number | null | undefined;
};

/** How a browser should treat the download: save it (ATTACHMENT, the default) or show it (INLINE). INLINE is honoured only for the types in DOWNLOAD_INLINE_TYPES (never HTML, SVG, XML or scripts); other types are served as ATTACHMENT. */
export type Disposition =
  | 'ATTACHMENT'
  | 'INLINE';

/** PENDING until completeUpload verifies it; then AVAILABLE or REJECTED. EXPIRED: never completed. ABORTED: given up by abortUpload. */
export type ObjectState =
  | 'ABORTED'
  | 'AVAILABLE'
  | 'EXPIRED'
  | 'PENDING'
  | 'REJECTED';

/** Ask to download one object. */
export type RequestDownloadInput = {
  /** Sign for the current DOWNLOAD_URL_WINDOW: within one window the same object gives the same URL (so browser and CDN caches hit), valid at least one window and what expiresIn asks; S3 answers with Cache-Control: private, max-age=… (public for public objects). issuedAt is then the window's start. */
  cacheable?: boolean | null | undefined;
  /** Defaults to ATTACHMENT. */
  disposition?: Disposition | null | undefined;
  /** Requested lifetime in seconds; clamped to the server's maximum. */
  expiresIn?: number | null | undefined;
  key: string;
};

/** Ask to upload one file. Validation happens on the server; see UploadProfile for limits. */
export type RequestUploadInput = {
  /** Exact Content-Type of the file; must be one of the profile's contentTypes. */
  contentType: string;
  /** Requested lifetime in seconds; clamped to the profile's maxExpiresIn. */
  expiresIn?: number | null | undefined;
  /** Original file name: metadata only, used for downloads; never part of the key. */
  filename: string;
  /** PUT only: the base64 MD5 of the file, signed as Content-MD5, so S3 refuses other bytes and completion checks the ETag. */
  md5?: string | null | undefined;
  /** The app's own data about the upload (at most 4 KiB as JSON; checked against the profile's metadataSchema): stored with the object, returned as StoredObject.metadata, sent in its webhook events; never part of a key or URL. */
  metadata?: Record<string, unknown> | null | undefined;
  /** How to send the bytes; absent: POST up to the profile's multipartThreshold, MULTIPART above it (or another method the profile allows). */
  method?: UploadMethod | null | undefined;
  /** Name of an upload profile from uploadProfiles. */
  profile: string;
  /** Size of the file in bytes; the upload may not exceed it. */
  size: number;
};

/** Share one of your AVAILABLE objects with exactly one of a viewer or a role. */
export type ShareObjectInput = {
  /** Lifetime in seconds; clamped to the server's SHARE_MAX_EXPIRES_IN, which is also what none gets. */
  expiresIn?: number | null | undefined;
  key: string;
  /** Share with every viewer whose token has this role. */
  role?: string | null | undefined;
  /** The viewer to share with: the `sub` of their token. */
  viewer?: string | number | null | undefined;
};

/** How the bytes travel: POST (a presigned form), PUT (one presigned PUT, create-only) or MULTIPART (one presigned PUT per part; resumable, up to 5 TiB). POST and PUT carry at most 5 GiB. */
export type UploadMethod =
  | 'MULTIPART'
  | 'POST'
  | 'PUT';

export type ValetUploadProfilesQueryVariables = Exact<{ [key: string]: never; }>;


export type ValetUploadProfilesQuery = { uploadProfiles: Array<{ name: string, description: string, contentTypes: Array<string>, maxBytes: number, defaultExpiresIn: number, maxExpiresIn: number }> };

export type ValetRequestUploadMutationVariables = Exact<{
  input: RequestUploadInput;
  firstParts: number;
}>;


export type ValetRequestUploadMutation = { requestUpload:
    | { __typename: 'MultipartUploadGrant', partSize: number, partCount: number, id: string, key: string, method: UploadMethod, contentType: string, size: number, expiresAt: string, parts: Array<{ partNumber: number, size: number, url: string, expiresAt: string, headers: Array<{ name: string, value: string }> }> }
    | { __typename: 'PostUploadGrant', url: string, id: string, key: string, method: UploadMethod, contentType: string, size: number, expiresAt: string, fields: Array<{ name: string, value: string }> }
    | { __typename: 'PutUploadGrant', url: string, id: string, key: string, method: UploadMethod, contentType: string, size: number, expiresAt: string, headers: Array<{ name: string, value: string }> }
   };

export type ValetUploadPartFragment = { partNumber: number, size: number, url: string, expiresAt: string, headers: Array<{ name: string, value: string }> };

export type ValetSignUploadPartsMutationVariables = Exact<{
  grantId: string | number;
  partNumbers: Array<number> | number;
}>;


export type ValetSignUploadPartsMutation = { signUploadParts: Array<{ partNumber: number, size: number, url: string, expiresAt: string, headers: Array<{ name: string, value: string }> }> };

export type ValetUploadedPartsQueryVariables = Exact<{
  grantId: string | number;
}>;


export type ValetUploadedPartsQuery = { uploadedParts: Array<{ partNumber: number, size: number }> };

export type ValetAbortUploadMutationVariables = Exact<{
  grantId: string | number;
}>;


export type ValetAbortUploadMutation = { abortUpload: { key: string, state: ObjectState } };

export type ValetCompleteUploadMutationVariables = Exact<{
  grantId: string | number;
}>;


export type ValetCompleteUploadMutation = { completeUpload: { id: string, key: string, filename: string, profile: string, size: number, contentType: string, state: ObjectState, rejectReason: string | null, createdAt: string, completedAt: string | null, metadata: Record<string, unknown> | null } };

export type ValetRequestDownloadMutationVariables = Exact<{
  input: RequestDownloadInput;
}>;


export type ValetRequestDownloadMutation = { requestDownload: { id: string, key: string, url: string, issuedAt: string, expiresAt: string, expiresIn: number } };

export type ValetListedObjectFragment = { id: string, key: string, filename: string, profile: string, size: number, contentType: string, state: ObjectState, rejectReason: string | null, createdAt: string, completedAt: string | null, metadata: Record<string, unknown> | null };

export type ValetMyObjectsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ValetMyObjectsQuery = { myObjects: { nodes: Array<{ id: string, key: string, filename: string, profile: string, size: number, contentType: string, state: ObjectState, rejectReason: string | null, createdAt: string, completedAt: string | null, metadata: Record<string, unknown> | null }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type ValetObjectQueryVariables = Exact<{
  key: string;
}>;


export type ValetObjectQuery = { object: { id: string, key: string, filename: string, profile: string, size: number, contentType: string, state: ObjectState, rejectReason: string | null, createdAt: string, completedAt: string | null, metadata: Record<string, unknown> | null } | null };

export type ValetDeleteObjectMutationVariables = Exact<{
  key: string;
}>;


export type ValetDeleteObjectMutation = { deleteObject: boolean };

export type ValetShareFragment = { id: string, key: string, viewer: string | null, role: string | null, createdAt: string, expiresAt: string, revokedAt: string | null };

export type ValetShareObjectMutationVariables = Exact<{
  input: ShareObjectInput;
}>;


export type ValetShareObjectMutation = { shareObject: { id: string, key: string, viewer: string | null, role: string | null, createdAt: string, expiresAt: string, revokedAt: string | null } };

export type ValetRevokeShareMutationVariables = Exact<{
  id: string | number;
}>;


export type ValetRevokeShareMutation = { revokeShare: { id: string, key: string, viewer: string | null, role: string | null, createdAt: string, expiresAt: string, revokedAt: string | null } };

export type ValetSharedWithMeQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ValetSharedWithMeQuery = { sharedWithMe: { nodes: Array<{ id: string, key: string, filename: string, profile: string, size: number, contentType: string, state: ObjectState, rejectReason: string | null, createdAt: string, completedAt: string | null, metadata: Record<string, unknown> | null }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type ValetShareLinkFragment = { id: string, url: string | null, downloads: number, maxDownloads: number | null, createdAt: string, expiresAt: string, revokedAt: string | null };

export type ValetCreateShareLinkMutationVariables = Exact<{
  input: CreateShareLinkInput;
}>;


export type ValetCreateShareLinkMutation = { createShareLink: { id: string, url: string | null, downloads: number, maxDownloads: number | null, createdAt: string, expiresAt: string, revokedAt: string | null } };

export type ValetRevokeShareLinkMutationVariables = Exact<{
  id: string | number;
}>;


export type ValetRevokeShareLinkMutation = { revokeShareLink: { id: string, url: string | null, downloads: number, maxDownloads: number | null, createdAt: string, expiresAt: string, revokedAt: string | null } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const ValetUploadPartFragmentDoc = new TypedDocumentString(`
    fragment ValetUploadPart on UploadPart {
  partNumber
  size
  url
  expiresAt
  headers {
    name
    value
  }
}
    `, {"fragmentName":"ValetUploadPart"}) as unknown as TypedDocumentString<ValetUploadPartFragment, unknown>;
export const ValetListedObjectFragmentDoc = new TypedDocumentString(`
    fragment ValetListedObject on StoredObject {
  id
  key
  filename
  profile
  size
  contentType
  state
  rejectReason
  createdAt
  completedAt
  metadata
}
    `, {"fragmentName":"ValetListedObject"}) as unknown as TypedDocumentString<ValetListedObjectFragment, unknown>;
export const ValetShareFragmentDoc = new TypedDocumentString(`
    fragment ValetShare on Share {
  id
  key
  viewer
  role
  createdAt
  expiresAt
  revokedAt
}
    `, {"fragmentName":"ValetShare"}) as unknown as TypedDocumentString<ValetShareFragment, unknown>;
export const ValetShareLinkFragmentDoc = new TypedDocumentString(`
    fragment ValetShareLink on ShareLink {
  id
  url
  downloads
  maxDownloads
  createdAt
  expiresAt
  revokedAt
}
    `, {"fragmentName":"ValetShareLink"}) as unknown as TypedDocumentString<ValetShareLinkFragment, unknown>;
export const ValetUploadProfilesDocument = new TypedDocumentString(`
    query ValetUploadProfiles {
  uploadProfiles {
    name
    description
    contentTypes
    maxBytes
    defaultExpiresIn
    maxExpiresIn
  }
}
    `) as unknown as TypedDocumentString<ValetUploadProfilesQuery, ValetUploadProfilesQueryVariables>;
export const ValetRequestUploadDocument = new TypedDocumentString(`
    mutation ValetRequestUpload($input: RequestUploadInput!, $firstParts: Int!) {
  requestUpload(input: $input) {
    __typename
    id
    key
    method
    contentType
    size
    expiresAt
    ... on PostUploadGrant {
      url
      fields {
        name
        value
      }
    }
    ... on PutUploadGrant {
      url
      headers {
        name
        value
      }
    }
    ... on MultipartUploadGrant {
      partSize
      partCount
      parts(first: $firstParts) {
        ...ValetUploadPart
      }
    }
  }
}
    fragment ValetUploadPart on UploadPart {
  partNumber
  size
  url
  expiresAt
  headers {
    name
    value
  }
}`) as unknown as TypedDocumentString<ValetRequestUploadMutation, ValetRequestUploadMutationVariables>;
export const ValetSignUploadPartsDocument = new TypedDocumentString(`
    mutation ValetSignUploadParts($grantId: ID!, $partNumbers: [Int!]!) {
  signUploadParts(grantId: $grantId, partNumbers: $partNumbers) {
    ...ValetUploadPart
  }
}
    fragment ValetUploadPart on UploadPart {
  partNumber
  size
  url
  expiresAt
  headers {
    name
    value
  }
}`) as unknown as TypedDocumentString<ValetSignUploadPartsMutation, ValetSignUploadPartsMutationVariables>;
export const ValetUploadedPartsDocument = new TypedDocumentString(`
    query ValetUploadedParts($grantId: ID!) {
  uploadedParts(grantId: $grantId) {
    partNumber
    size
  }
}
    `) as unknown as TypedDocumentString<ValetUploadedPartsQuery, ValetUploadedPartsQueryVariables>;
export const ValetAbortUploadDocument = new TypedDocumentString(`
    mutation ValetAbortUpload($grantId: ID!) {
  abortUpload(grantId: $grantId) {
    key
    state
  }
}
    `) as unknown as TypedDocumentString<ValetAbortUploadMutation, ValetAbortUploadMutationVariables>;
export const ValetCompleteUploadDocument = new TypedDocumentString(`
    mutation ValetCompleteUpload($grantId: ID!) {
  completeUpload(grantId: $grantId) {
    ...ValetListedObject
  }
}
    fragment ValetListedObject on StoredObject {
  id
  key
  filename
  profile
  size
  contentType
  state
  rejectReason
  createdAt
  completedAt
  metadata
}`) as unknown as TypedDocumentString<ValetCompleteUploadMutation, ValetCompleteUploadMutationVariables>;
export const ValetRequestDownloadDocument = new TypedDocumentString(`
    mutation ValetRequestDownload($input: RequestDownloadInput!) {
  requestDownload(input: $input) {
    id
    key
    url
    issuedAt
    expiresAt
    expiresIn
  }
}
    `) as unknown as TypedDocumentString<ValetRequestDownloadMutation, ValetRequestDownloadMutationVariables>;
export const ValetMyObjectsDocument = new TypedDocumentString(`
    query ValetMyObjects($first: Int, $after: String) {
  myObjects(first: $first, after: $after) {
    nodes {
      ...ValetListedObject
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    fragment ValetListedObject on StoredObject {
  id
  key
  filename
  profile
  size
  contentType
  state
  rejectReason
  createdAt
  completedAt
  metadata
}`) as unknown as TypedDocumentString<ValetMyObjectsQuery, ValetMyObjectsQueryVariables>;
export const ValetObjectDocument = new TypedDocumentString(`
    query ValetObject($key: String!) {
  object(key: $key) {
    ...ValetListedObject
  }
}
    fragment ValetListedObject on StoredObject {
  id
  key
  filename
  profile
  size
  contentType
  state
  rejectReason
  createdAt
  completedAt
  metadata
}`) as unknown as TypedDocumentString<ValetObjectQuery, ValetObjectQueryVariables>;
export const ValetDeleteObjectDocument = new TypedDocumentString(`
    mutation ValetDeleteObject($key: String!) {
  deleteObject(key: $key)
}
    `) as unknown as TypedDocumentString<ValetDeleteObjectMutation, ValetDeleteObjectMutationVariables>;
export const ValetShareObjectDocument = new TypedDocumentString(`
    mutation ValetShareObject($input: ShareObjectInput!) {
  shareObject(input: $input) {
    ...ValetShare
  }
}
    fragment ValetShare on Share {
  id
  key
  viewer
  role
  createdAt
  expiresAt
  revokedAt
}`) as unknown as TypedDocumentString<ValetShareObjectMutation, ValetShareObjectMutationVariables>;
export const ValetRevokeShareDocument = new TypedDocumentString(`
    mutation ValetRevokeShare($id: ID!) {
  revokeShare(id: $id) {
    ...ValetShare
  }
}
    fragment ValetShare on Share {
  id
  key
  viewer
  role
  createdAt
  expiresAt
  revokedAt
}`) as unknown as TypedDocumentString<ValetRevokeShareMutation, ValetRevokeShareMutationVariables>;
export const ValetSharedWithMeDocument = new TypedDocumentString(`
    query ValetSharedWithMe($first: Int, $after: String) {
  sharedWithMe(first: $first, after: $after) {
    nodes {
      ...ValetListedObject
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    fragment ValetListedObject on StoredObject {
  id
  key
  filename
  profile
  size
  contentType
  state
  rejectReason
  createdAt
  completedAt
  metadata
}`) as unknown as TypedDocumentString<ValetSharedWithMeQuery, ValetSharedWithMeQueryVariables>;
export const ValetCreateShareLinkDocument = new TypedDocumentString(`
    mutation ValetCreateShareLink($input: CreateShareLinkInput!) {
  createShareLink(input: $input) {
    ...ValetShareLink
  }
}
    fragment ValetShareLink on ShareLink {
  id
  url
  downloads
  maxDownloads
  createdAt
  expiresAt
  revokedAt
}`) as unknown as TypedDocumentString<ValetCreateShareLinkMutation, ValetCreateShareLinkMutationVariables>;
export const ValetRevokeShareLinkDocument = new TypedDocumentString(`
    mutation ValetRevokeShareLink($id: ID!) {
  revokeShareLink(id: $id) {
    ...ValetShareLink
  }
}
    fragment ValetShareLink on ShareLink {
  id
  url
  downloads
  maxDownloads
  createdAt
  expiresAt
  revokedAt
}`) as unknown as TypedDocumentString<ValetRevokeShareLinkMutation, ValetRevokeShareLinkMutationVariables>;