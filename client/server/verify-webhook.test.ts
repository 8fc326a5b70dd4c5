import { createHmac } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { webhookBody, webhookHeaders } from "../../src/webhooks/sign.js";
import { verifyWebhook, WebhookVerificationError, type WebhookErrorCode } from "./verify-webhook.js";

const key = Buffer.alloc(32, 3);
const secret = `whsec_${key.toString("base64")}`;
const now = new Date(1_800_000_000_000);
const stamp = "1800000000";
const body =
  '{"type":"object.available","timestamp":"2027-01-15T08:00:00.000Z","data":{"key":"users/a/x.png","metadata":{"postId":"p1"}}}';
// Computed here from the spec's words, independently of both Valet's signer and the verifier.
const sign = (id: string, ts: string, payload: string, k: Buffer = key) =>
  `v1,${createHmac("sha256", k).update(`${id}.${ts}.${payload}`).digest("base64")}`;
const headers = (over: Record<string, string> = {}) => ({
  "webhook-id": "msg_1",
  "webhook-timestamp": stamp,
  "webhook-signature": sign("msg_1", stamp, body),
  ...over,
});

/** The code verifyWebhook refuses with, or null when it accepts. */
function refusal(...args: Parameters<typeof verifyWebhook>): WebhookErrorCode | null {
  try {
    verifyWebhook(...args);
    return null;
  } catch (e) {
    if (e instanceof WebhookVerificationError) return e.code;
    throw e;
  }
}

describe("verifyWebhook", () => {
  it("accepts a signature computed per the spec and returns the parsed body", () => {
    expect(verifyWebhook(secret, headers(), body, { now })).toEqual(JSON.parse(body));
  });

  it("accepts what the Standard Webhooks reference implementation signs", () => {
    const signature = new Webhook(secret).sign("msg_ref", now, body);
    expect(refusal(secret, headers({ "webhook-id": "msg_ref", "webhook-signature": signature }), body, { now })).toBeNull();
  });

  it("accepts what Valet's dispatcher sends", () => {
    const sent = webhookBody({ eventType: "object.expired", occurredAt: now, data: '{"key":"k","metadata":null}' });
    const sentHeaders = webhookHeaders(new Uint8Array(key), "evt_9", now, sent);
    expect(verifyWebhook(secret, sentHeaders, sent, { now })).toMatchObject({ type: "object.expired", data: { key: "k" } });
  });

  it("takes the key bytes, a Buffer body, Headers, and Node's lower-case header records with arrays", () => {
    expect(refusal(new Uint8Array(key), headers(), Buffer.from(body), { now })).toBeNull();
    expect(refusal(secret, new Headers(headers()), body, { now })).toBeNull();
    const node = Object.fromEntries(Object.entries(headers()).map(([k, v]) => [k, [v]]));
    expect(refusal(secret, node, body, { now })).toBeNull();
    const upper = Object.fromEntries(Object.entries(headers()).map(([k, v]) => [k.toUpperCase(), v]));
    expect(refusal(secret, upper, body, { now })).toBeNull();
  });

  it("accepts when any one of several signatures matches (secret rotation), v1 only", () => {
    const rotated = `v1,${Buffer.alloc(32).toString("base64")} v1a,whatever ${sign("msg_1", stamp, body)}`;
    expect(refusal(secret, headers({ "webhook-signature": rotated }), body, { now })).toBeNull();
    const v2 = sign("msg_1", stamp, body).replace(/^v1,/, "v2,");
    expect(refusal(secret, headers({ "webhook-signature": v2 }), body, { now })).toBe("INVALID_SIGNATURE");
  });

  it.each<[string, () => Parameters<typeof verifyWebhook>, WebhookErrorCode]>([
    ["a body changed by one byte", () => [secret, headers(), body.replace("p1", "p2"), { now }], "INVALID_SIGNATURE"],
    [
      "a body re-serialized by JSON.parse/stringify",
      () => [secret, headers(), JSON.stringify(JSON.parse(body), null, 1), { now }],
      "INVALID_SIGNATURE",
    ],
    ["another id", () => [secret, headers({ "webhook-id": "msg_2" }), body, { now }], "INVALID_SIGNATURE"],
    ["another secret", () => [`whsec_${Buffer.alloc(32, 4).toString("base64")}`, headers(), body, { now }], "INVALID_SIGNATURE"],
    [
      "a truncated signature",
      () => [secret, headers({ "webhook-signature": sign("msg_1", stamp, body).slice(0, 20) }), body, { now }],
      "INVALID_SIGNATURE",
    ],
    [
      "a timestamp 301 s old",
      () => [secret, headers(), body, { now: new Date(now.getTime() + 301_000) }],
      "TIMESTAMP_OUT_OF_RANGE",
    ],
    [
      "a timestamp 301 s ahead",
      () => [secret, headers(), body, { now: new Date(now.getTime() - 301_000) }],
      "TIMESTAMP_OUT_OF_RANGE",
    ],
    [
      "a timestamp that is not seconds",
      () => [secret, headers({ "webhook-timestamp": "2027-01-15" }), body, { now }],
      "INVALID_TIMESTAMP",
    ],
    [
      "no webhook-signature",
      () => [secret, { "webhook-id": "msg_1", "webhook-timestamp": stamp }, body, { now }],
      "MISSING_HEADER",
    ],
    [
      "no webhook-id",
      () => [secret, { "webhook-timestamp": stamp, "webhook-signature": "v1,x" }, body, { now }],
      "MISSING_HEADER",
    ],
    ["a secret that is no secret", () => ["whsec_", headers(), body, { now }], "INVALID_SECRET"],
  ])("refuses %s", (_label, args, code) => {
    expect(refusal(...args())).toBe(code);
  });

  it("allows 300 s of clock difference either way, and a tolerance of your choice", () => {
    expect(refusal(secret, headers(), body, { now: new Date(now.getTime() + 300_000) })).toBeNull();
    expect(refusal(secret, headers(), body, { now: new Date(now.getTime() - 300_000) })).toBeNull();
    expect(refusal(secret, headers(), body, { now: new Date(now.getTime() + 301_000), toleranceSeconds: 600 })).toBeNull();
  });

  it("refuses a signed body that is not JSON", () => {
    const text = "not json";
    expect(refusal(secret, headers({ "webhook-signature": sign("msg_1", stamp, text) }), text, { now })).toBe("INVALID_BODY");
  });
});
