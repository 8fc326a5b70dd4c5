import type { Kysely } from "kysely";
import { DeliveryState, type EventType, type ObjectEventData } from "../domain/events";
import { uuidv7 } from "../domain/uuidv7";
import { toMillis } from "./columns";
import type { EventRouting } from "./delivery-records";
import type { ObjectRecord } from "./records";
import type { Tables } from "./tables";

/** An event's `data`: the object as it is right after the change, with the fields StoredObject shows. */
export function objectEventData(o: ObjectRecord): ObjectEventData {
  return {
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
}

/**
 * Writes one event about `object` and a PENDING delivery for each endpoint `route` names, inside
 * the caller's transaction: the event exists exactly when the change it reports committed. Its
 * data is serialized now, so every attempt sends the same bytes.
 */
export async function recordObjectEvent(
  trx: Kysely<Tables>,
  type: EventType,
  object: ObjectRecord,
  at: Date,
  route: EventRouting,
): Promise<void> {
  const ms = toMillis(at);
  const id = uuidv7(ms);
  const data = JSON.stringify(objectEventData(object));
  await trx.insertInto("events").values({ id, type, key: object.key, data, occurred_at: ms }).execute();
  const endpoints = route(type, object.profile);
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
