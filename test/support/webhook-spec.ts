import http from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import {
  AbortUploadDocument,
  CompleteUploadDocument,
  DeleteObjectDocument,
  RedeliverWebhookDocument,
  RequestUploadDocument,
  RevokeShareDocument,
  ShareObjectDocument,
  WebhookDeliveriesDocument,
  type RequestUploadInput,
} from "../../client/generated/graphql";
import { verifyWebhook } from "../../client/server/verify-webhook";
import { reapAbandonedUploads } from "../../src/objects/reaper";
import { pruneDeliveredEvents } from "../../src/objects/reaper-retention";
import { dataOf } from "./harness";
import { startInProcessApp, type InProcessApp } from "./in-process";
import { avatarInput } from "./operations";
import { writeJsonFile } from "./profiles-file";
import { tokenFor } from "./tokens";
import { pngBytes } from "./uploads";
import { newWebhookSecret, startWebhookReceiver, type WebhookReceiver } from "./webhook-receiver";

/** Timing small enough for a test: the defaults are 5 s, 5 s doubling, 1 h, 24 h. */
export const FAST_WEBHOOKS = {
  WEBHOOK_TIMEOUT_MS: "500",
  WEBHOOK_BACKOFF_MS: "50",
  WEBHOOK_BACKOFF_MAX_MS: "200",
  WEBHOOK_RETRY_HOURS: "0.001", // 3.6 s
  WEBHOOK_POLL_MS: "50",
};

/** A loopback port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address() as AddressInfo;
  await new Promise((done) => server.close(done));
  return port;
}

/**
 * Webhooks delivered from the outbox to a real receiver (a node:http server here), by the app in
 * this process over an in-memory bucket, with its registry at the URL `database` gives: the same
 * promises on SQLite (in-process lane) and PostgreSQL (e2e lane).
 */
export function describeWebhookDelivery(label: string, database: () => Promise<{ url: string; dispose(): Promise<void> }>) {
  describe(`webhook delivery (${label})`, () => {
    const secret = newWebhookSecret();
    let db: Awaited<ReturnType<typeof database>>;
    let receiver: WebhookReceiver;
    let hooks: { path: string; remove(): void };
    let t: InProcessApp;
    let alice: string;
    let admin: string;

    beforeAll(async () => {
      [db, receiver] = await Promise.all([database(), startWebhookReceiver()]);
      const down = `http://127.0.0.1:${await closedPort()}/hooks`;
      hooks = writeJsonFile([
        { url: receiver.url, secret },
        { id: "down", url: down, secret, profiles: ["document"] },
      ]);
      t = await startInProcessApp({ DATABASE_URL: db.url, WEBHOOKS_FILE: hooks.path, REAP_GRACE_SECONDS: "0", ...FAST_WEBHOOKS });
      [alice, admin] = await Promise.all([tokenFor("alice"), tokenFor("root", ["admin"])]);
    });
    afterAll(async () => {
      await t?.close();
      await receiver?.close();
      await db?.dispose();
      hooks?.remove();
    });

    const grant = async (input: Partial<RequestUploadInput> = {}) =>
      dataOf(await t.gql(RequestUploadDocument, { input: avatarInput(input) }, alice)).requestUpload;
    /** An upload whose PNG landed and was completed: AVAILABLE. */
    async function available(input: Partial<RequestUploadInput> = {}) {
      const g = await grant(input);
      t.upload(g, pngBytes(64));
      expect(dataOf(await t.gql(CompleteUploadDocument, { grantId: g.id }, alice)).completeUpload.state).toBe("AVAILABLE");
      return g;
    }
    const deliveries = async (state?: "PENDING" | "DELIVERED" | "FAILED") =>
      dataOf(await t.gql(WebhookDeliveriesDocument, { state, first: 100 }, admin)).webhookDeliveries.nodes;

    it("signs each delivery per Standard Webhooks: the reference implementation and verifyWebhook accept it", async () => {
      const g = await available({ metadata: { postId: "p7" } });
      const [got] = await receiver.waitFor(g.key, 1, { type: "object.available" });
      const verified = new Webhook(secret).verify(got.body, {
        "webhook-id": String(got.headers["webhook-id"]),
        "webhook-timestamp": String(got.headers["webhook-timestamp"]),
        "webhook-signature": String(got.headers["webhook-signature"]),
      });
      expect(verified).toMatchObject({
        type: "object.available",
        data: {
          id: g.id,
          key: g.key,
          state: "AVAILABLE",
          size: 64,
          profile: "avatar",
          ownerId: "alice",
          metadata: { postId: "p7" },
        },
      });
      expect(verifyWebhook(secret, got.headers, got.body)).toEqual(verified);
      expect(got.headers["content-type"]).toBe("application/json");
      expect(() => new Webhook(newWebhookSecret()).verify(got.body, got.headers as Record<string, string>)).toThrow();
    });

    it("gives a receiver that answers 500 twice the event on the third try, with the same webhook-id", async () => {
      const g = await grant();
      receiver.answer((r, attempt) => (r.event.data.key === g.key && attempt <= 2 ? 500 : 204));
      t.upload(g, pngBytes(64));
      await t.gql(CompleteUploadDocument, { grantId: g.id }, alice);
      const tries = await receiver.waitFor(g.key, 3);
      expect(new Set(tries.map((r) => r.id)).size).toBe(1);
      expect(new Set(tries.map((r) => r.body)).size).toBe(1);
      await waitUntil(async () => (await deliveries("DELIVERED")).some((d) => d.key === g.key && d.attempts === 3));
      expect(receiver.forKey(g.key)).toHaveLength(3);
    });

    it("retries a receiver that hangs after its timeout, and answers requests meanwhile", async () => {
      const g = await grant();
      receiver.answer((r, attempt) => (r.event.data.key === g.key && attempt === 1 ? "hang" : 204));
      t.upload(g, pngBytes(64));
      await t.gql(CompleteUploadDocument, { grantId: g.id }, alice);
      await receiver.waitFor(g.key, 1);
      // A request made while the attempt hangs is answered before that attempt times out and is
      // retried: the dispatcher never holds requests. An ordering, not a wall-clock bound.
      await grant();
      const answeredAt = Date.now();
      const [hung, retried] = await receiver.waitFor(g.key, 2);
      expect(answeredAt).toBeLessThan(retried.at);
      expect(retried.id).toBe(hung.id);
      expect(retried.at - hung.at).toBeGreaterThanOrEqual(500);
    });

    it("gives up on an endpoint down for longer than the retry window: FAILED, listed, and redeliverable", async () => {
      receiver.answer(() => 204);
      const g = await grant({ profile: "document", contentType: "text/plain", filename: "a.txt" });
      t.upload(g, "plain text".padEnd(64, "."));
      await t.gql(CompleteUploadDocument, { grantId: g.id }, alice);
      type Listed = Awaited<ReturnType<typeof deliveries>>[number];
      let failed: Listed | undefined;
      await waitUntil(async () => {
        failed = (await deliveries("FAILED")).find((d) => d.key === g.key && d.endpoint === "down");
        return failed !== undefined;
      }, 15_000);
      expect(failed).toMatchObject({
        eventType: "object.available",
        lastStatus: null,
        lastError: "ECONNREFUSED",
        nextAttemptAt: null,
      });
      expect(failed!.attempts).toBeGreaterThanOrEqual(3);
      expect(await receiver.waitFor(g.key, 1)).toHaveLength(1); // the endpoint that was up got it once

      const again = await t.gql(RedeliverWebhookDocument, { id: failed!.id }, admin);
      expect(dataOf(again).redeliverWebhook).toMatchObject({ id: failed!.id, state: "PENDING", attempts: failed!.attempts });
      expect((await t.gql(RedeliverWebhookDocument, { id: failed!.id }, alice)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
      expect((await t.gql(WebhookDeliveriesDocument, {}, alice)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
      expect((await t.gql(RedeliverWebhookDocument, { id: "nope" }, admin)).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    });

    it("sends an event for every state change: rejected, aborted, deleted, expired", async () => {
      receiver.answer(() => 204);
      const rejected = await grant();
      t.upload(rejected, "not a png at all".padEnd(64, "!"));
      await t.gql(CompleteUploadDocument, { grantId: rejected.id }, alice);
      const aborted = await grant();
      await t.gql(AbortUploadDocument, { grantId: aborted.id }, alice);
      const deleted = await available();
      await t.gql(DeleteObjectDocument, { key: deleted.key }, alice);
      const expired = await grant({ expiresIn: 1 });
      await new Promise((r) => setTimeout(r, 1100)); // REAP_GRACE_SECONDS is 0 here
      await reapAbandonedUploads(t.app.services);
      expect((await receiver.waitFor(rejected.key, 1, { type: "object.rejected" }))[0].event.data).toMatchObject({
        state: "REJECTED",
        rejectReason: expect.stringMatching(/not image\/png/),
      });
      await receiver.waitFor(aborted.key, 1, { type: "object.aborted" });
      expect((await receiver.waitFor(deleted.key, 1, { type: "object.deleted" }))[0].event.data).toMatchObject({
        state: "AVAILABLE",
      });
      await receiver.waitFor(expired.key, 1, { type: "object.expired" });
    });

    it("sends share.created and share.revoked for a share of an object", async () => {
      receiver.answer(() => 204);
      const g = await available();
      const share = dataOf(await t.gql(ShareObjectDocument, { input: { key: g.key, viewer: "bob" } }, alice)).shareObject;
      await t.gql(RevokeShareDocument, { id: share.id }, alice);
      const [created] = await receiver.waitFor(g.key, 1, { type: "share.created" });
      const [revoked] = await receiver.waitFor(g.key, 1, { type: "share.revoked" });
      expect(created.event.data).toMatchObject({
        id: share.id,
        objectId: g.id,
        viewerId: "bob",
        profile: "avatar",
        revokedAt: null,
      });
      expect(revoked.event.data).toMatchObject({ id: share.id, revokedAt: expect.any(String) });
      expect(verifyWebhook(secret, revoked.headers, revoked.body)).toMatchObject({ type: "share.revoked" });
    });

    it("prunes events past their retention once delivered, and keeps those with a FAILED delivery", async () => {
      await waitUntil(async () => (await deliveries("PENDING")).length === 0, 15_000);
      const listed = await deliveries();
      expect(listed.some((d) => d.state === "DELIVERED")).toBe(true);
      const reaper = { ...t.app.services.config.reaper, eventRetentionSeconds: 0 };
      const pruned = await pruneDeliveredEvents({ ...t.app.services, config: { ...t.app.services.config, reaper } });
      expect(pruned).toBe(
        new Set(
          listed.filter((d) => !listed.some((o) => o.eventId === d.eventId && o.state !== "DELIVERED")).map((d) => d.eventId),
        ).size,
      );
      const left = await deliveries();
      expect(
        left
          .filter((d) => d.state === "DELIVERED")
          .every((d) => left.some((o) => o.eventId === d.eventId && o.state === "FAILED")),
      ).toBe(true);
      expect(left.filter((d) => d.state === "FAILED")).toEqual(listed.filter((d) => d.state === "FAILED"));
    });

    it("counts attempts by result, and shows how long the oldest waiting event has waited", async () => {
      const scrape = async () => (await fetch(t.url.replace("/graphql", "/metrics"))).text();
      const g = await grant();
      let up = false;
      receiver.answer((r) => (r.event.data.key === g.key && !up ? 500 : 204));
      t.upload(g, pngBytes(64));
      await t.gql(CompleteUploadDocument, { grantId: g.id }, alice);
      await receiver.waitFor(g.key, 2);
      const waiting = await scrape();
      expect(Number(/^valet_webhook_oldest_pending_seconds (\S+)$/m.exec(waiting)?.[1])).toBeGreaterThan(0);
      expect(waiting).toMatch(/valet_webhook_deliveries_total\{result="retried"\} [1-9]/);
      up = true;
      await waitUntil(async () => (await deliveries("DELIVERED")).some((d) => d.key === g.key));
      const done = await scrape();
      expect(done).toMatch(/valet_webhook_deliveries_total\{result="delivered"\} [1-9]/);
      expect(done).toMatch(/valet_webhook_delivery_duration_seconds_count\{result="delivered"\} [1-9]/);
    });
  });
}

/** Polls `check` until it holds (or throws after `timeoutMs`). */
export async function waitUntil(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
