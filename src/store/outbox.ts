import type { Kysely } from "kysely";
import { DeliveryState, type EventType, type ObjectEventData, type ShareEventData } from "../domain/events";
import { uuidv7 } from "../domain/uuidv7";
import { toMillis } from "./columns";
import type { EventRouting, Outbox } from "./delivery-records";
import type { ObjectRecord, ShareRecord } from "./records";
import type { Tables } from "./tables";

/** One event about to be written: its type, the object it is about (key, profile for routing), its data. */
export interface NewEvent {
  type: EventType;
  key: string;
  profile: string;
  data: ObjectEventData | ShareEventData;
}

/** An object event's `data`: the object as it is right after the change, with the fields StoredObject shows. */
export function objectEvent(type: EventType, o: ObjectRecord): NewEvent {
  const data: ObjectEventData = {
    id: o.grantId,
    key: o.key,
    profile: o.profile,
    ownerId: o.ownerId,
    state: o.state,
    filename: o.filename,
    size: o.size ?? o.declaredSize,
    contentType: o.contentType ?? o.declaredContentType,
    rejectReason: o.rejectReason,
    createdAt: o.createdAt.toISOString(),
    completedAt: o.completedAt?.toISOString() ?? null,
    metadata: o.metadata,
  };
  return { type, key: o.key, profile: o.profile, data };
}

/** A share.created or share.revoked event: the share as the API shows it, and its object's profile. */
export function shareEvent(type: EventType, share: ShareRecord, profile: string): NewEvent {
  const data: ShareEventData = {
    id: share.id,
    objectId: share.objectId,
    key: share.key,
    profile,
    viewerId: share.viewerId,
    role: share.role,
    createdBy: share.createdBy,
    createdAt: share.createdAt.toISOString(),
    expiresAt: share.expiresAt.toISOString(),
    revokedAt: share.revokedAt?.toISOString() ?? null,
  };
  return { type, key: share.key, profile, data };
}

// Rows per INSERT: a delivery has 12 columns, so 1000 of them stay far below either dialect's bind limit.
const INSERT_CHUNK = 1000;

/**
 * Writes the events and a PENDING delivery of each for every endpoint `route` names, inside the
 * caller's transaction, in one INSERT per 1000 rows: the events exist exactly when the change they
 * report committed. Their data is serialized now, so every attempt sends the same bytes.
 */
export async function recordEvents(
  trx: Kysely<Tables>,
  events: readonly NewEvent[],
  at: Date,
  route: EventRouting,
): Promise<void> {
  const ms = toMillis(at);
  const rows = events.map(({ type, key, profile, data }) => ({
    event: { id: uuidv7(ms), type, key, data: JSON.stringify(data), occurred_at: ms },
    endpoints: route(type, profile),
  }));
  const deliveries = rows.flatMap(({ event, endpoints }) =>
    endpoints.map((endpoint) => ({
      id: uuidv7(ms),
      event_id: event.id,
      endpoint,
      state: DeliveryState.PENDING,
      attempts: 0,
      since: ms,
      next_attempt_at: ms,
      last_attempt_at: null,
      last_status: null,
      last_error: null,
      delivered_at: null,
      created_at: ms,
    })),
  );
  for (let i = 0; i < rows.length; i += INSERT_CHUNK)
    await trx
      .insertInto("events")
      .values(rows.slice(i, i + INSERT_CHUNK).map((r) => r.event))
      .execute();
  for (let i = 0; i < deliveries.length; i += INSERT_CHUNK)
    await trx
      .insertInto("webhook_deliveries")
      .values(deliveries.slice(i, i + INSERT_CHUNK))
      .execute();
}

/** Records an event, or several at once, in the transaction it is handed to. */
export type Emit = (event: NewEvent | readonly NewEvent[], at: Date) => Promise<void>;

/**
 * Runs `work` in one transaction with an `emit` that writes events into it; once it has
 * committed with any event, the outbox's `committed` hook hears of it (the dispatcher wakes).
 */
export async function inOutbox<T>(
  db: Kysely<Tables>,
  outbox: Outbox,
  work: (trx: Kysely<Tables>, emit: Emit) => Promise<T>,
): Promise<T> {
  const route = outbox.route ?? (() => []);
  let emitted = false;
  const result = await db.transaction().execute((trx) =>
    work(trx, async (event, at) => {
      const events = Array.isArray(event) ? event : [event as NewEvent];
      if (events.length === 0) return;
      await recordEvents(trx, events, at, route);
      emitted = true;
    }),
  );
  if (emitted) outbox.committed?.();
  return result;
}
