import { GrantKind, ObjectState, UploadMethod } from "../domain/model";
import type { GrantRecord, NewObjectRecord, ObjectRecord } from "./records";
import { grantsTable, objectsTable, type GrantsTable, type ObjectsTable } from "./tables";

// Where records meet rows beyond a plain field-by-field copy: a grant's kind decides which of
// its fields are set, and a new object starts out PENDING.

/** Row for a grant about to be inserted. */
export const grantToRow = (grant: GrantRecord): GrantsTable => grantsTable.toRow(grant);

/** Grant record from a selected row; a row whose fields contradict its kind is refused. */
export function rowToGrant(row: GrantsTable): GrantRecord {
  const fields = grantsTable.fromRow(row);
  const { kind, profile, contentType, maxBytes } = fields;
  if (kind === GrantKind.UPLOAD && profile !== null && contentType !== null && maxBytes !== null) {
    return { ...fields, kind, profile, contentType, maxBytes };
  }
  if (kind === GrantKind.DOWNLOAD && profile === null && contentType === null && maxBytes === null) {
    return { ...fields, kind, profile, contentType, maxBytes };
  }
  throw new Error(`grant ${fields.id} is a ${kind} grant whose profile, content type or size limit contradict its kind`);
}

/** A freshly declared object: PENDING, nothing observed yet; a POST unless it says otherwise. */
export function pendingObject(object: NewObjectRecord): ObjectRecord {
  // Not `{ ...object, state, … }`: Node 20's V8 takes a slow path (~30×) when a literal adds
  // properties after a spread, and this runs for every upload grant.
  const given = {
    method: object.method ?? UploadMethod.POST,
    uploadId: object.uploadId ?? null,
    partSize: object.partSize ?? null,
    partCount: object.partCount ?? null,
    contentMd5: object.contentMd5 ?? null,
    metadata: object.metadata ?? null,
  };
  return Object.assign({}, object, given, {
    state: ObjectState.PENDING,
    size: null,
    contentType: null,
    etag: null,
    rejectReason: null,
    completedAt: null,
    updatedAt: object.createdAt,
    versionId: null,
  });
}

/** Row for a freshly declared, still PENDING object. */
export const pendingObjectToRow = (object: NewObjectRecord): ObjectsTable => objectsTable.toRow(pendingObject(object));

/** Object record from a selected row. */
export const rowToObject = (row: ObjectsTable): ObjectRecord => objectsTable.fromRow(row);
