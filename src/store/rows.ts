import type { GrantsTable, ObjectsTable } from "./tables";
import type { GrantRecord, NewObjectRecord, ObjectRecord } from "./types";

// The one place where domain objects (camelCase, Date) meet rows (snake_case, epoch ms).

/** Epoch milliseconds of a Date, refusing Invalid Date so NaN never reaches a column. */
export function toMillis(date: Date): number {
  const ms = date.getTime();
  if (!Number.isFinite(ms)) throw new RangeError("invalid Date");
  return ms;
}

function toMillisOrNull(date: Date | null): number | null {
  return date === null ? null : toMillis(date);
}

function toDateOrNull(ms: number | null): Date | null {
  return ms === null ? null : new Date(ms);
}

/** Row for a grant about to be inserted. */
export function grantToRow(grant: GrantRecord): GrantsTable {
  return {
    id: grant.id,
    kind: grant.kind,
    viewer_id: grant.viewerId,
    key: grant.key,
    profile: grant.profile,
    content_type: grant.contentType,
    max_bytes: grant.maxBytes,
    issued_at: toMillis(grant.issuedAt),
    expires_at: toMillis(grant.expiresAt),
    revoked_at: toMillisOrNull(grant.revokedAt),
    request_id: grant.requestId,
  };
}

/** Domain grant from a selected row. */
export function rowToGrant(row: GrantsTable): GrantRecord {
  return {
    id: row.id,
    kind: row.kind,
    viewerId: row.viewer_id,
    key: row.key,
    profile: row.profile,
    contentType: row.content_type,
    maxBytes: row.max_bytes,
    issuedAt: new Date(row.issued_at),
    expiresAt: new Date(row.expires_at),
    revokedAt: toDateOrNull(row.revoked_at),
    requestId: row.request_id,
  };
}

/** Row for a freshly declared, still PENDING object. */
export function pendingObjectToRow(object: NewObjectRecord): ObjectsTable {
  const createdAt = toMillis(object.createdAt);
  return {
    key: object.key,
    owner_id: object.ownerId,
    profile: object.profile,
    grant_id: object.grantId,
    declared_content_type: object.declaredContentType,
    declared_size: object.declaredSize,
    filename: object.filename,
    state: "PENDING",
    size: null,
    content_type: null,
    etag: null,
    reject_reason: null,
    created_at: createdAt,
    completed_at: null,
    updated_at: createdAt,
  };
}

/** Domain object from a selected row. */
export function rowToObject(row: ObjectsTable): ObjectRecord {
  return {
    key: row.key,
    ownerId: row.owner_id,
    profile: row.profile,
    grantId: row.grant_id,
    declaredContentType: row.declared_content_type,
    declaredSize: row.declared_size,
    filename: row.filename,
    state: row.state,
    size: row.size,
    contentType: row.content_type,
    etag: row.etag,
    rejectReason: row.reject_reason,
    createdAt: new Date(row.created_at),
    completedAt: toDateOrNull(row.completed_at),
    updatedAt: new Date(row.updated_at),
  };
}
