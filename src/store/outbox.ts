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

/**
 * Writes the event and a PENDING delivery for each endpoint `route` names, inside the caller's
 * transaction: the event exists exactly when the change it reports committed. Its data is
 * serialized now, so every attempt sends the same bytes.
 */
export async function recordEvent(trx: Kysely<Tables>, event: NewEvent, at: Date, route: EventRouting): Promise<void> {
  const ms = toMillis(at);
  const id = uuidv7(ms);
  const { type, key, profile } = event;
  await trx
    .insertInto("events")
    .values({ id, type, key, data: JSON.stringify(event.data), occurred_at: ms })
    .execute();
  const endpoints = route(type, profile);
  if (endpoints.length === 0) return;
  await trx
    .insertInto("webhook_deliveries")
    .values(
      endpoints.map((endpoint) => ({
        id: uuidv7(ms),
        event_id: id,
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
    )
    .execute();
}

/** Records an event in the transaction it is handed to. */
export type Emit = (event: NewEvent, at: Date) => Promise<void>;

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
      await recordEvent(trx, event, at, route);
      emitted = true;
    }),
  );
  if (emitted) outbox.committed?.();
  return result;
}
