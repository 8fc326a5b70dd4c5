import { PutObjectCommand } from "@aws-sdk/client-s3";
import { Webhook } from "standardwebhooks";
import { ObjectDocument, RequestUploadDocument } from "../../client/generated/graphql";
import { verifyWebhook } from "../../client/server/verify-webhook";
import { createS3Client } from "../../src/storage/s3-client";
import { dataOf, startTestApp, testConfig, type TestApp } from "../support/harness";
import { avatarInput } from "../support/operations";
import { tokenFor } from "../support/tokens";
import { putUpload } from "../support/put-upload";
import { pngBytes, postUpload } from "../support/uploads";
import { newWebhookSecret, startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver";
import { waitUntil } from "../support/webhook-spec";

const TOKEN = "s3-events-e2e-token-0123456789abcdef";

// Completion without the client, on the real RGW: the bucket's ObjectCreated notification reaches
// /s3-events through a persistent SNS topic, Valet verifies the bytes as completeUpload would, and
// the app's receiver hears object.available — with no completeUpload call at all.
describe("uploads completed by the RGW's event notifications", () => {
  const secret = newWebhookSecret();
  let receiver: WebhookReceiver;
  let t: TestApp;
  let alice: string;
  const metric = async (result: string) => {
    const text = await (await fetch(t.url.replace("/graphql", "/metrics"))).text();
    return Number(new RegExp(`^valet_s3_events_total\\{result="${result}"\\} (\\d+)$`, "m").exec(text)?.[1] ?? 0);
  };

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    t = await startTestApp(
      testConfig({
        S3_EVENTS: "true",
        S3_EVENTS_TOKEN: TOKEN,
        WEBHOOK_URL: receiver.url,
        WEBHOOK_SECRET: secret,
        WEBHOOK_POLL_MS: "100",
      }),
    );
    alice = await tokenFor("alice");
    // Ceph 16 picks up a new persistent topic's queue on its 30-second queue-list round
    // (rgw_notify.cc, Q_LIST_UPDATE_MSEC, not configurable), so the first event of a fresh topic may
    // wait that long. A key Valet does not know shows when the topic is live; later events take ~0.1 s.
    const s3 = createS3Client(t.config.s3);
    await s3.send(new PutObjectCommand({ Bucket: t.config.s3.bucket, Key: "warm-up/probe", Body: "probe" }));
    s3.destroy();
    await waitUntil(async () => (await metric("ignored")) > 0, 45_000);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await receiver?.close();
  });

  const stateOf = async (key: string) => dataOf(await t.gql(ObjectDocument, { key }, alice)).object;

  it("makes a POST upload AVAILABLE within 5 s, and the receiver gets object.available with its metadata, signed per the spec", async () => {
    const g = dataOf(
      await t.gql(RequestUploadDocument, { input: avatarInput({ metadata: { postId: "p42" } }) }, alice),
    ).requestUpload;
    const uploaded = Date.now();
    expect((await postUpload(g, pngBytes(64))).status).toBe(204);
    await waitUntil(async () => (await stateOf(g.key))?.state === "AVAILABLE", 5_000);
    const [got] = await receiver.waitFor(g.key, 1, {
      type: "object.available",
      timeoutMs: Math.max(100, 5_000 - (Date.now() - uploaded)),
    });
    expect(Date.now() - uploaded).toBeLessThan(5_000);
    const event = verifyWebhook(secret, got.headers, got.body);
    expect(event).toMatchObject({
      type: "object.available",
      data: { key: g.key, state: "AVAILABLE", size: 64, metadata: { postId: "p42" } },
    });
    const reference = new Webhook(secret).verify(got.body, {
      "webhook-id": String(got.headers["webhook-id"]),
      "webhook-timestamp": String(got.headers["webhook-timestamp"]),
      "webhook-signature": String(got.headers["webhook-signature"]),
    });
    expect(reference).toEqual(event);
    await waitUntil(async () => (await metric("settled")) > 0); // counted once the route has answered
  });

  it("rejects and removes a PUT upload whose bytes are not the granted type, without completeUpload", async () => {
    const g = dataOf(await t.gql(RequestUploadDocument, { input: avatarInput({ method: "PUT" }) }, alice)).requestUpload;
    expect((await putUpload(g, new TextEncoder().encode("<svg onload=alert(1)>".padEnd(64, " ")))).status).toBe(200);
    await waitUntil(async () => (await stateOf(g.key))?.state === "REJECTED", 5_000);
    await receiver.waitFor(g.key, 1, { type: "object.rejected" });
    // The row leaves PENDING first; the bytes go right after.
    await waitUntil(async () => (await t.app.services.objects.head(g.key)) === null);
  });
});
