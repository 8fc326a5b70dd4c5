import { DeliveryState } from "../domain/events";
import { notFound } from "../errors/app-error";
import { readPage, type PageRequest } from "../paging/pages";
import type { ServiceDeps } from "../services/deps";
import type { DeliveryRecord, ListDeliveriesArgs, Page } from "../store/types";

/** Deliveries newest first, of one state or all (admin view). */
export function listDeliveries(deps: ServiceDeps, request: PageRequest<ListDeliveriesArgs>): Promise<Page<DeliveryRecord>> {
  return readPage(request, (args) => deps.store.listDeliveries(args));
}

/**
 * Sends a delivery again, whatever its state: PENDING and due now, with a fresh retry window. The
 * event keeps its id, so the receiver sees the same webhook-id (and may treat it as a duplicate).
 */
export async function redeliverWebhook(deps: ServiceDeps, id: string): Promise<DeliveryRecord> {
  const delivery = await deps.store.redeliver(id, deps.now());
  if (!delivery) throw notFound(`no webhook delivery '${id}'`);
  return delivery;
}

/** A delivery as the API shows it: a next attempt only while one is coming. */
export const toWebhookDelivery = (d: DeliveryRecord) => ({
  ...d,
  nextAttemptAt: d.state === DeliveryState.PENDING ? d.nextAttemptAt : null,
});
