/** What Valet's webhooks report: one object's state change. */
export type ValetEventType = "object.available" | "object.rejected" | "object.deleted" | "object.expired" | "object.aborted";

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

/** A webhook's body, once verified. */
export interface ValetWebhookEvent {
  type: ValetEventType;
  /** When the change happened (ISO 8601); the same on every redelivery. */
  timestamp: string;
  data: ValetObjectData;
}
