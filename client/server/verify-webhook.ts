import { createHmac, timingSafeEqual } from "node:crypto";
import type { ValetWebhookEvent } from "./types.js";

/** Why a webhook was refused; `code` is stable, the message is for logs. */
export type WebhookErrorCode =
  "INVALID_SECRET" | "MISSING_HEADER" | "INVALID_TIMESTAMP" | "TIMESTAMP_OUT_OF_RANGE" | "INVALID_SIGNATURE" | "INVALID_BODY";

export class WebhookVerificationError extends Error {
  constructor(
    readonly code: WebhookErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "WebhookVerificationError";
  }
}

/** Request headers as Node's http module (IncomingHttpHeaders) or fetch (Headers) hands them over. */
export type WebhookHeaders = Headers | Record<string, string | string[] | undefined>;

export interface VerifyOptions {
  /** How far webhook-timestamp may be from now, either way (default 300 s): older messages are replays. */
  toleranceSeconds?: number;
  /** The receiver's clock (default: now). */
  now?: Date;
}

/**
 * Verifies a Valet webhook as Standard Webhooks specifies (standardwebhooks.com) and returns its
 * parsed body. `rawBody` must be the bytes as received — not JSON parsed and re-serialized, which
 * changes them. `secret` is the endpoint's `whsec_…` secret (or the key bytes it stands for).
 * Throws a WebhookVerificationError unless one of the `v1` signatures in webhook-signature is the
 * base64 HMAC-SHA256 of `id.timestamp.body` (compared in constant time) and the timestamp is
 * within the tolerance. Deliveries are at least once: de-duplicate on webhook-id.
 */
export function verifyWebhook<T = ValetWebhookEvent>(
  secret: string | Uint8Array,
  headers: WebhookHeaders,
  rawBody: string | Uint8Array,
  { toleranceSeconds = 300, now = new Date() }: VerifyOptions = {},
): T {
  const key = keyOf(secret);
  const id = header(headers, "webhook-id");
  const stamp = header(headers, "webhook-timestamp");
  const signatures = header(headers, "webhook-signature");
  if (!/^\d{1,15}$/.test(stamp)) throw new WebhookVerificationError("INVALID_TIMESTAMP", "webhook-timestamp is not Unix seconds");
  if (Math.abs(now.getTime() / 1000 - Number(stamp)) > toleranceSeconds)
    throw new WebhookVerificationError("TIMESTAMP_OUT_OF_RANGE", `webhook-timestamp is more than ${toleranceSeconds} s from now`);
  const body = typeof rawBody === "string" ? Buffer.from(rawBody, "utf8") : Buffer.from(rawBody);
  const expected = createHmac("sha256", key).update(`${id}.${stamp}.`).update(body).digest();
  const matches = signatures.split(" ").some((entry) => {
    const [version, value] = entry.split(",", 2);
    if (version !== "v1" || value === undefined) return false;
    const given = Buffer.from(value, "base64");
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!matches) throw new WebhookVerificationError("INVALID_SIGNATURE", "no signature in webhook-signature matches the body");
  try {
    return JSON.parse(body.toString("utf8")) as T;
  } catch {
    throw new WebhookVerificationError("INVALID_BODY", "the signed body is not JSON");
  }
}

function keyOf(secret: string | Uint8Array): Uint8Array {
  if (typeof secret !== "string") return secret;
  const key = Buffer.from(secret.startsWith("whsec_") ? secret.slice(6) : secret, "base64");
  if (key.length < 16)
    throw new WebhookVerificationError("INVALID_SECRET", "the secret is not a whsec_ secret of at least 16 bytes");
  return key;
}

function header(headers: WebhookHeaders, name: string): string {
  let value: string | string[] | null | undefined;
  if (headers instanceof Headers) value = headers.get(name);
  else {
    const entries: Array<[string, string | string[] | undefined]> = Object.entries(headers);
    value = entries.find(([k]) => k.toLowerCase() === name)?.[1];
  }
  const text = Array.isArray(value) ? value[0] : value;
  if (!text) throw new WebhookVerificationError("MISSING_HEADER", `the ${name} header is missing`);
  return text;
}
