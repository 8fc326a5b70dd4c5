import type { GrantKind, ObjectState } from "../domain/model";

export type { GrantKind, ObjectState };

/** A presigned-URL grant as recorded; also the shape handed to the record* methods. */
export interface GrantRecord {
  id: string;
  kind: GrantKind;
  viewerId: string;
  key: string;
  profile: string | null;
  contentType: string | null;
  maxBytes: number | null;
  issuedAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  requestId: string | null;
}

/** An object row, created PENDING together with its upload grant. */
export interface ObjectRecord {
  key: string;
  ownerId: string;
  profile: string;
  grantId: string;
  declaredContentType: string;
  declaredSize: number;
  filename: string;
  state: ObjectState;
  size: number | null;
  contentType: string | null;
  etag: string | null;
  rejectReason: string | null;
  createdAt: Date;
  completedAt: Date | null;
  updatedAt: Date;
}

/** What the caller declares about an upload; the store adds state PENDING and the empty outcome. */
export type NewObjectRecord = Pick<
  ObjectRecord,
  "key" | "ownerId" | "profile" | "grantId" | "declaredContentType" | "declaredSize" | "filename" | "createdAt"
>;

/** What was observed once the upload landed and passed verification. */
export interface AvailableFacts {
  size: number;
  contentType: string;
  etag: string;
  at: Date;
}

/** Why an upload was refused after it landed. */
export interface RejectedFacts {
  reason: string;
  at: Date;
}

/** One page of a keyset-paginated listing; `endCursor` is null on an empty page. */
export interface Page<T> {
  items: T[];
  hasNextPage: boolean;
  endCursor: string | null;
}

/** Narrowing for grant listings; all given fields must match. */
export interface GrantFilter {
  viewerId?: string;
  kind?: GrantKind;
  key?: string;
  /** Only grants issued at or before this instant, not yet expired and not yet revoked by then. */
  activeAt?: Date;
}

/** Forward pagination arguments; `first` is clamped to [1, 100] and defaults to 20. */
export interface PageArgs {
  first?: number;
  after?: string | null;
}

/** Arguments of `listGrants`. */
export interface ListGrantsArgs extends PageArgs {
  filter?: GrantFilter;
}

/** Arguments of `listObjects`; no `ownerId` lists every owner's objects (admin view). */
export interface ListObjectsArgs extends PageArgs {
  ownerId?: string;
}

// Re-exported so services can depend on the contract without importing any runtime code.
export type { Store } from "./store";
