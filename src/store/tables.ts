import { DeliveryState, EventType } from "../domain/events";
import type { JsonObject } from "../domain/json";
import { Disposition, GrantKind, ObjectState, UploadMethod } from "../domain/model";
import { defineTable, integer, json, nullable, oneOf, text, time, type Columns, type RowOf } from "./columns";
import type { DeliveryRecord } from "./delivery-records";
import type { GrantRecord, ObjectRecord, ShareLinkRecord, ShareRecord } from "./records";

// Each table once, as record field → column, in the column order of the bulk inserts.
// The schema itself is frozen in migrations/; these must name its columns.

/** A grant's fields as one row holds them, whatever its kind. */
type GrantFields = { [F in keyof GrantRecord]: GrantRecord[F] };
/** An object's fields as one row holds them, whatever its upload method (rows.ts checks they agree). */
export type ObjectFields = { [F in keyof ObjectRecord]: ObjectRecord[F] };

const GRANT_COLUMNS = {
  id: text("id"),
  kind: oneOf("kind", GrantKind),
  viewerId: text("viewer_id"),
  key: text("key"),
  profile: nullable(text("profile")),
  contentType: nullable(text("content_type")),
  maxBytes: nullable(integer("max_bytes")),
  issuedAt: time("issued_at"),
  expiresAt: time("expires_at"),
  revokedAt: nullable(time("revoked_at")),
  requestId: nullable(text("request_id")),
  via: nullable(text("via")),
} satisfies Columns<GrantFields>;

const OBJECT_COLUMNS = {
  key: text("key"),
  ownerId: text("owner_id"),
  profile: text("profile"),
  grantId: text("grant_id"),
  declaredContentType: text("declared_content_type"),
  declaredSize: integer("declared_size"),
  filename: text("filename"),
  state: oneOf("state", ObjectState),
  size: nullable(integer("size")),
  contentType: nullable(text("content_type")),
  etag: nullable(text("etag")),
  rejectReason: nullable(text("reject_reason")),
  createdAt: time("created_at"),
  completedAt: nullable(time("completed_at")),
  updatedAt: time("updated_at"),
  versionId: nullable(text("version_id")),
  method: oneOf("upload_method", UploadMethod),
  uploadId: nullable(text("upload_id")),
  partSize: nullable(integer("part_size")),
  partCount: nullable(integer("part_count")),
  contentMd5: nullable(text("content_md5")),
  claims: nullable(json<"claims", Readonly<Record<string, string>>>("claims")),
  metadata: nullable(json<"metadata", JsonObject>("metadata")),
} satisfies Columns<ObjectFields>;

const SHARE_COLUMNS = {
  id: text("id"),
  objectId: text("object_id"),
  key: text("key"),
  viewerId: nullable(text("viewer_id")),
  role: nullable(text("role")),
  createdBy: text("created_by"),
  createdAt: time("created_at"),
  expiresAt: time("expires_at"),
  revokedAt: nullable(time("revoked_at")),
} satisfies Columns<ShareRecord>;

const SHARE_LINK_COLUMNS = {
  id: text("id"),
  objectId: text("object_id"),
  key: text("key"),
  tokenSha256: text("token_sha256"),
  createdBy: text("created_by"),
  createdAt: time("created_at"),
  expiresAt: time("expires_at"),
  revokedAt: nullable(time("revoked_at")),
  maxDownloads: nullable(integer("max_downloads")),
  downloads: integer("downloads"),
  disposition: oneOf("disposition", Disposition),
} satisfies Columns<ShareLinkRecord>;

const EVENT_COLUMNS = {
  id: text("id"),
  type: oneOf("type", EventType),
  key: text("key"),
  data: text("data"),
  occurredAt: time("occurred_at"),
};

/** A delivery's own columns: its record less what it reads from its event. */
type DeliveryFields = Omit<DeliveryRecord, "eventType" | "key">;

const DELIVERY_COLUMNS = {
  id: text("id"),
  eventId: text("event_id"),
  endpoint: text("endpoint"),
  state: oneOf("state", DeliveryState),
  attempts: integer("attempts"),
  since: time("since"),
  nextAttemptAt: time("next_attempt_at"),
  lastAttemptAt: nullable(time("last_attempt_at")),
  lastStatus: nullable(integer("last_status")),
  lastError: nullable(text("last_error")),
  deliveredAt: nullable(time("delivered_at")),
  createdAt: time("created_at"),
} satisfies Columns<DeliveryFields>;

/** Row shape of `grants`. */
export type GrantsTable = RowOf<typeof GRANT_COLUMNS>;
/** Row shape of `objects`. */
export type ObjectsTable = RowOf<typeof OBJECT_COLUMNS>;

/** Row shape of `events`: the outbox, one row per object state change. */
export type EventsTable = RowOf<typeof EVENT_COLUMNS>;
/** Row shape of `webhook_deliveries`: one row per event and endpoint. */
export type DeliveriesTable = RowOf<typeof DELIVERY_COLUMNS>;
/** Row shape of `shares`. */
export type SharesTable = RowOf<typeof SHARE_COLUMNS>;

/** Row shape of `share_links`. */
export type ShareLinksTable = RowOf<typeof SHARE_LINK_COLUMNS>;

/** Row shape of `reaper_marks`: how far a periodic sweep has got (epoch ms). */
export interface ReaperMarksTable {
  name: string;
  until: number;
}

/** Row shape of `leases`: who holds exclusive background work `name` (PostgreSQL), until when (epoch ms). */
export interface LeasesTable {
  name: string;
  holder: string;
  until: number;
}

/** `objects` with the reaper's claim (0009), which no record carries. */
export type ClaimableObjectsTable = ObjectsTable & { reap_until?: number | null };

/** Row shape of `usage_counters`: what one owner's objects add up to (usage-counters.ts). */
export interface UsageCountersTable {
  owner_id: string;
  outstanding_uploads: number;
  pending_bytes: number;
  stored_bytes: number;
}

/** The Kysely database type of the store. */
export interface Tables {
  grants: GrantsTable;
  objects: ClaimableObjectsTable;
  reaper_marks: ReaperMarksTable;
  leases: LeasesTable;
  events: EventsTable;
  webhook_deliveries: DeliveriesTable;
  shares: SharesTable;
  share_links: ShareLinksTable;
  usage_counters: UsageCountersTable;
}

/** Conversions between grant records (of either kind, unchecked) and `grants` rows. */
export const grantsTable = defineTable(GRANT_COLUMNS);
/** Conversions between object records (of any method, unchecked) and `objects` rows. */
export const objectsTable = defineTable(OBJECT_COLUMNS);
/** Conversions between outbox events and `events` rows. */
export const eventsTable = defineTable(EVENT_COLUMNS);
/** Conversions between deliveries (less their event's fields) and `webhook_deliveries` rows. */
export const deliveriesTable = defineTable(DELIVERY_COLUMNS);
/** Conversions between share records and `shares` rows. */
export const sharesTable = defineTable(SHARE_COLUMNS);
/** Conversions between share link records and `share_links` rows. */
export const shareLinksTable = defineTable(SHARE_LINK_COLUMNS);
