import type { DeliveryState, EventType } from "../domain/events";

/** One webhook delivery as recorded: an event on its way to one endpoint. */
export interface DeliveryRecord {
  id: string;
  eventId: string;
  eventType: EventType;
  /** The key of the object the event is about. */
  key: string;
  /** The configured endpoint's id (its URL unless the webhooks file names it). */
  endpoint: string;
  state: DeliveryState;
  /** Attempts started so far, the one under way included. */
  attempts: number;
  /** Where the retry window starts: the event, or the last redelivery asked for. */
  since: Date;
  /** PENDING: when it is tried next (during an attempt, when its lease runs out). */
  nextAttemptAt: Date;
  lastAttemptAt: Date | null;
  /** The HTTP status of the last answer; null when there was none (refused, timed out). */
  lastStatus: number | null;
  lastError: string | null;
  deliveredAt: Date | null;
  createdAt: Date;
}

/** A delivery claimed for one attempt, with the event it carries. */
export interface ClaimedDelivery extends DeliveryRecord {
  /** The event's `data`, as JSON text written with the state change (sent byte for byte on every attempt). */
  data: string;
  occurredAt: Date;
}

/** How an attempt ended, as recorded. */
export type DeliveryOutcome =
  | { state: typeof DeliveryState.DELIVERED; at: Date; status: number }
  | { state: typeof DeliveryState.PENDING; nextAttemptAt: Date; status: number | null; error: string }
  | { state: typeof DeliveryState.FAILED; status: number | null; error: string };

/** Which endpoints (their ids) an event of this type about an object of this profile goes to. */
export type EventRouting = (type: EventType, profile: string) => readonly string[];

/** How the store fills the outbox: where events go, and whom to tell once one has committed. */
export interface Outbox {
  /** None by default: events are recorded, with no delivery. */
  route?: EventRouting;
  /** Called after each commit that wrote an event (the dispatcher wakes up). */
  committed?: () => void;
}
