/** What Valet's webhooks report about an object: its state changed. */
export type ValetObjectEventType =
  "object.available" | "object.rejected" | "object.deleted" | "object.expired" | "object.aborted";
/** What Valet's webhooks report about a share of an object. */
export type ValetShareEventType = "share.created" | "share.revoked";
export type ValetEventType = ValetObjectEventType | ValetShareEventType;

/** The object as it was right after the change. */
export interface ValetObjectData {
  /** Stable id of the object (its upload grant's id), as StoredObject.id. */
  id: string;
  key: string;
  profile: string;
  ownerId: string;
  state: "PENDING" | "AVAILABLE" | "REJECTED" | "EXPIRED" | "ABORTED";
  filename: string;
  size: number;
  contentType: string;
  rejectReason: string | null;
  /** ISO 8601. */
  createdAt: string;
  completedAt: string | null;
  /** The metadata the upload was requested with. */
  metadata: Record<string, unknown> | null;
}

/** A share as it was right after it was created or revoked. */
export interface ValetShareData {
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

/** A webhook's body, once verified: branch on `type`. `timestamp` is when the change happened (the same on every redelivery). */
export type ValetWebhookEvent =
  | { type: ValetObjectEventType; timestamp: string; data: ValetObjectData }
  | { type: ValetShareEventType; timestamp: string; data: ValetShareData };
