import type { JsonObject } from "./json";
import type { ObjectState } from "./model";

/**
 * What happened to an object, or to a share of one: each is written to the outbox in the
 * transaction of the change it reports, and delivered to the webhook endpoints that asked for it.
 */
export const EventType = {
  OBJECT_AVAILABLE: "object.available",
  OBJECT_REJECTED: "object.rejected",
  OBJECT_DELETED: "object.deleted",
  OBJECT_EXPIRED: "object.expired",
  OBJECT_ABORTED: "object.aborted",
  SHARE_CREATED: "share.created",
  SHARE_REVOKED: "share.revoked",
} as const;
export type EventType = (typeof EventType)[keyof typeof EventType];

/** Where one webhook delivery stands: still being tried, answered 2xx, or given up after the retry window. */
export const DeliveryState = { PENDING: "PENDING", DELIVERED: "DELIVERED", FAILED: "FAILED" } as const;
export type DeliveryState = (typeof DeliveryState)[keyof typeof DeliveryState];

/** An object event's `data`: the object as it was right after the change (StoredObject's fields, its owner and metadata). */
export interface ObjectEventData {
  /** The object's stable id (its upload grant's id), as StoredObject.id. */
  id: string;
  key: string;
  profile: string;
  ownerId: string;
  state: ObjectState;
  filename: string;
  /** Verified size once AVAILABLE; the declared size before. */
  size: number;
  contentType: string;
  rejectReason: string | null;
  createdAt: string;
  completedAt: string | null;
  metadata: JsonObject | null;
}

/** A share event's `data`: the share as the API shows it, with its object's profile. */
export interface ShareEventData {
  id: string;
  /** The shared object's id (StoredObject.id). */
  objectId: string;
  key: string;
  profile: string;
  /** Exactly one of viewerId and role is set. */
  viewerId: string | null;
  role: string | null;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
}
