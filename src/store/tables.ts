import type { GrantKind, ObjectState } from "./types";

// Times are epoch milliseconds in both dialects: identical semantics, no timezone handling.

/** Row shape of `grants`. */
export interface GrantsTable {
  id: string;
  kind: GrantKind;
  viewer_id: string;
  key: string;
  profile: string | null;
  content_type: string | null;
  max_bytes: number | null;
  issued_at: number;
  expires_at: number;
  revoked_at: number | null;
  request_id: string | null;
}

/** Row shape of `objects`. */
export interface ObjectsTable {
  key: string;
  owner_id: string;
  profile: string;
  grant_id: string;
  declared_content_type: string;
  declared_size: number;
  filename: string;
  state: ObjectState;
  size: number | null;
  content_type: string | null;
  etag: string | null;
  reject_reason: string | null;
  created_at: number;
  completed_at: number | null;
  updated_at: number;
}

/** The Kysely database type of the store. */
export interface Tables {
  grants: GrantsTable;
  objects: ObjectsTable;
}
