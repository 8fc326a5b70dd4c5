import { createHmac } from "node:crypto";
import type { ClaimedDelivery } from "../store/types";

/**
 * The body of a delivery: `{"type", "timestamp", "data"}`, the data exactly as the outbox wrote
 * it with the state change, so every attempt sends the same bytes.
 */
export function webhookBody(delivery: Pick<ClaimedDelivery, "eventType" | "occurredAt" | "data">): string {
  return `{"type":${JSON.stringify(delivery.eventType)},"timestamp":${JSON.stringify(delivery.occurredAt.toISOString())},"data":${delivery.data}}`;
}

/**
 * The Standard Webhooks headers (standardwebhooks.com): the message id (the event's: the same on
 * every attempt and redelivery, so receivers can de-duplicate), the sending time in Unix seconds,
 * and `v1,` + base64 HMAC-SHA256 over `id.timestamp.body` with the endpoint's key.
 */
export function webhookHeaders(key: Uint8Array, id: string, sentAt: Date, body: string): Record<string, string> {
  const timestamp = Math.floor(sentAt.getTime() / 1000);
  const signature = createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64");
  return {
    "content-type": "application/json",
    "webhook-id": id,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": `v1,${signature}`,
  };
}
