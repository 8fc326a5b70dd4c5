import { createHmac } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { webhookBody, webhookHeaders } from "./sign";

const key = new Uint8Array(Buffer.from("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "base64"));
const secret = `whsec_${Buffer.from(key).toString("base64")}`;

describe("webhookBody", () => {
  it("puts type, timestamp and the stored data together without re-serializing the data", () => {
    const data = '{"key":"users/a/x.png","metadata":{"b":1,"a":"ü"}}';
    const body = webhookBody({ eventType: "object.available", occurredAt: new Date(Date.UTC(2030, 0, 1)), data });
    expect(body).toBe(`{"type":"object.available","timestamp":"2030-01-01T00:00:00.000Z","data":${data}}`);
    expect(JSON.parse(body)).toEqual({ type: "object.available", timestamp: "2030-01-01T00:00:00.000Z", data: JSON.parse(data) });
  });
});

describe("webhookHeaders", () => {
  const sentAt = new Date(1_700_000_000_123);
  const body = '{"type":"object.available"}';
  const headers = webhookHeaders(key, "evt_1", sentAt, body);

  it("sends the id, the time in whole Unix seconds, and a v1 signature", () => {
    expect(headers).toMatchObject({
      "content-type": "application/json",
      "webhook-id": "evt_1",
      "webhook-timestamp": "1700000000",
    });
    expect(headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
  });

  it("signs base64(HMAC-SHA256(key, id.timestamp.body)), computed independently here", () => {
    const expected = createHmac("sha256", key).update(`evt_1.1700000000.${body}`).digest("base64");
    expect(headers["webhook-signature"]).toBe(`v1,${expected}`);
  });

  it("is what the reference implementation signs, and accepts", () => {
    expect(headers["webhook-signature"]).toBe(new Webhook(secret).sign("evt_1", sentAt, body));
    const now = webhookHeaders(key, "evt_2", new Date(), body);
    expect(new Webhook(secret).verify(body, now)).toEqual({ type: "object.available" });
  });
});
