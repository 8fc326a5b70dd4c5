import { GrantKind, ObjectState, UploadMethod } from "../domain/model";
import type { GrantRecord, NewObjectRecord, ObjectRecord } from "./records";
import { grantsTable, objectsTable, type GrantsTable, type ObjectFields, type ObjectsTable } from "./tables";

// Where records meet rows beyond a plain field-by-field copy: a grant's kind decides which of
// its fields are set, as an object's upload method does for its transfer columns, and a new
// object starts out PENDING.

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

/** A freshly declared object: PENDING, nothing observed yet. */
export function pendingObject(object: NewObjectRecord): ObjectRecord {
  // Not `{ ...object, state, … }`: Node 20's V8 takes a slow path (~30×) when a literal adds
  // properties after a spread, and this runs for every upload grant.
  return Object.assign({}, object, {
    claims: object.claims ?? null,
    metadata: object.metadata ?? null,
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

/** Object record from a selected row; a row whose transfer columns contradict its method is refused. */
export const rowToObject = (row: ObjectsTable): ObjectRecord => checkTransfer(objectsTable.fromRow(row));
/** Object record from a row selected as cells (better-sqlite3's raw mode), checked like rowToObject. */
export const cellsToObject = (cells: readonly unknown[]): ObjectRecord => checkTransfer(objectsTable.fromCells(cells));

function checkTransfer(fields: ObjectFields): ObjectRecord {
  if (transferAgrees(fields)) return fields;
  throw new Error(`object ${fields.key} is a ${fields.method} upload whose upload id, parts or MD5 contradict its method`);
}

// A predicate rather than a rebuilt record: reads turn up to 1000 rows into records per request,
// and a literal spreading the row would take V8's slow path (see pendingObject).
function transferAgrees(f: ObjectFields): f is ObjectRecord {
  if (f.method === UploadMethod.MULTIPART) {
    return f.uploadId !== null && f.partSize !== null && f.partCount !== null && f.contentMd5 === null;
  }
  const unsplit = f.uploadId === null && f.partSize === null && f.partCount === null;
  return unsplit && (f.method === UploadMethod.PUT || f.contentMd5 === null);
}
