import { randomBytes } from "node:crypto";
import {
  CompleteUploadDocument,
  RequestUploadDocument,
  WebhookDeliveriesDocument,
  type RequestUploadMutation,
} from "../../client/generated/graphql";
import { verifyWebhook } from "../../client/server/verify-webhook";
import { TEST_S3 } from "../support/ceph";
import { postGraphQL, startChildApp, type ChildApp } from "../support/child-app";
import { avatarInput } from "../support/operations";
import { DIALECTS, privateDatabase } from "../support/store/databases";
import { tokenFor } from "../support/tokens";
import { pngBytes, postUpload } from "../support/uploads";
import { newWebhookSecret, startWebhookReceiver, type Received } from "../support/webhook-receiver";
import { waitUntil } from "../support/webhook-spec";

// The outbox's promise: once a state change has committed, its webhook is delivered, even if
// Valet is killed -9 before the delivery is done. Here it dies while its first attempt is still
// waiting for the receiver's answer; the delivery row is then claimed (its lease: twice the
// 1 s timeout and a second) but never settled, and the restarted process delivers it.

describe.each(DIALECTS)("a webhook whose process died (%s)", (dialect) => {
  it("is delivered after a restart, with the same webhook-id, when Valet was killed -9 after the change committed", async () => {
    const db = await privateDatabase(dialect);
    const receiver = await startWebhookReceiver();
    const secret = newWebhookSecret();
    const env = {
      NODE_ENV: "test",
      DATABASE_URL: db.url,
      S3_ENDPOINT: TEST_S3.endpoint,
      S3_ACCESS_KEY_ID: TEST_S3.accessKeyId,
      S3_SECRET_ACCESS_KEY: TEST_S3.secretAccessKey,
      S3_BUCKET: `valet-test-${randomBytes(5).toString("hex")}`,
      S3_ENSURE_BUCKET: "true",
      REAP_INTERVAL_SECONDS: "0",
      LOG_LEVEL: "silent",
      WEBHOOK_URL: receiver.url,
      WEBHOOK_SECRET: secret,
      WEBHOOK_TIMEOUT_MS: "1000",
      WEBHOOK_POLL_MS: "100",
    };
    let child: ChildApp | undefined;
    try {
      receiver.answer((_r, attempt) => (attempt === 1 ? "hang" : 204));
      child = await startChildApp(env);
      const auth = { authorization: `Bearer ${await tokenFor("alice")}` };
      const grant = (
        await postGraphQL<RequestUploadMutation>(
          child.url,
          RequestUploadDocument,
          { input: avatarInput({ metadata: { postId: "p9" } }) },
          auth,
        )
      ).data!.requestUpload;
      expect((await postUpload(grant, pngBytes(64))).status).toBe(204);
      const done = await postGraphQL<{ completeUpload: { state: string } }>(
        child.url,
        CompleteUploadDocument,
        { grantId: grant.id },
        auth,
      );
      expect(done.data?.completeUpload.state).toBe("AVAILABLE");

      const [first] = await receiver.waitFor(grant.key, 1);
      await child.kill();
      child = await startChildApp(env);
      const [, second] = await receiver.waitFor(grant.key, 2, { timeoutMs: 15_000 });

      expect(second.id).toBe(first.id);
      expect(second.body).toBe(first.body);
      expect(verifyWebhook(secret, second.headers, second.body)).toMatchObject({
        type: "object.available",
        data: { key: grant.key, state: "AVAILABLE", metadata: { postId: "p9" } },
      });
      const admin = { authorization: `Bearer ${await tokenFor("root", ["admin"])}` };
      type Listed = { webhookDeliveries: { nodes: Array<{ key: string; state: string; attempts: number }> } };
      await waitUntil(async () => {
        const { data } = await postGraphQL<Listed>(child!.url, WebhookDeliveriesDocument, { state: "DELIVERED" }, admin);
        return data!.webhookDeliveries.nodes.some((d) => d.key === grant.key && d.attempts === 2);
      });
      expect(receiver.forKey(grant.key).map((r: Received) => r.id)).toEqual([first.id, first.id]);
    } finally {
      await child?.kill();
      await receiver.close();
      await db.dispose();
    }
  });
});
