import { z } from "zod";
import { EventType } from "../domain/events";

// Standard Webhooks: a secret is `whsec_` + base64 of 24 to 64 random bytes, and the HMAC key is those bytes.
const SECRET = /^whsec_([A-Za-z0-9+/]+={0,2})$/;

/** The HMAC key a `whsec_…` secret stands for; undefined when it is not one. */
export function webhookKey(secret: string): Uint8Array | undefined {
  const match = SECRET.exec(secret);
  if (!match) return undefined;
  const key = Buffer.from(match[1], "base64");
  return key.length >= 24 && key.length <= 64 ? new Uint8Array(key) : undefined;
}

const secret = z
  .string()
  .refine((s) => webhookKey(s) !== undefined, "must be whsec_ followed by the base64 of 24 to 64 random bytes");

const url = z
  .string()
  .url()
  .refine((u) => /^https?:$/.test(new URL(u).protocol), "must be an http:// or https:// URL");

/** One entry of WEBHOOKS_FILE. */
export const webhookEndpointSchema = z.strictObject({
  /** Names the endpoint in delivery records; its URL by default. Keep it when the URL changes. */
  id: z.string().min(1).max(200).optional(),
  url,
  secret,
  /** The event types it receives; every type when absent. */
  events: z.array(z.enum(EventType)).min(1).optional(),
  /** Only events about objects of these profiles; every profile when absent. */
  profiles: z.array(z.string().min(1)).min(1).optional(),
});

/** WEBHOOKS_FILE: a JSON array of endpoints with distinct ids. */
export const webhooksFileSchema = z
  .array(webhookEndpointSchema)
  .refine((list) => new Set(list.map((e) => e.id ?? e.url)).size === list.length, "two endpoints have the same id (or URL)");

/** The single endpoint of WEBHOOK_URL and WEBHOOK_SECRET. */
export const singleWebhookSchema = z.strictObject({ url, secret });
