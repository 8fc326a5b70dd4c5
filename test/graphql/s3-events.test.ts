import { ObjectDocument, RequestMultipartUploadDocument, RequestUploadDocument } from "../../client/generated/graphql";
import { dataOf } from "../support/harness";
import { startInProcessApp, type InProcessApp } from "../support/in-process";
import { avatarInput } from "../support/operations";
import { tokenFor } from "../support/tokens";
import { pngBytes } from "../support/uploads";

const TOKEN = "s3-events-test-token-0123456789abcdef";

/** An S3 event message as the RGW pushes it (eventSource ceph:s3), for these keys. */
const notification = (bucket: string, keys: string[], eventName = "ObjectCreated:Post") =>
  JSON.stringify({
    Records: keys.map((key) => ({
      eventVersion: "2.2",
      eventSource: "ceph:s3",
      eventName,
      s3: { s3SchemaVersion: "1.0", bucket: { name: bucket }, object: { key, size: 64, eTag: "e", versionId: "v" } },
    })),
  });

// The /s3-events route in process: who may post, what it accepts, and what it settles (with
// completeUpload's own verification). The RGW's real pushes are tested on the RGW (test/e2e/s3-events).
describe("S3 event notifications", () => {
  let t: InProcessApp;
  let alice: string;
  const events = (body: string, token: string | null = TOKEN, method = "POST") =>
    fetch(`${t.url.replace("/graphql", "/s3-events")}${token === null ? "" : `?token=${encodeURIComponent(token)}`}`, {
      method,
      headers: { "content-type": "application/json" },
      ...(method === "POST" ? { body } : {}),
    });
  const grant = async () => dataOf(await t.gql(RequestUploadDocument, { input: avatarInput() }, alice)).requestUpload;
  const stateOf = async (key: string) => dataOf(await t.gql(ObjectDocument, { key }, alice)).object?.state;

  beforeAll(async () => {
    t = await startInProcessApp({ S3_EVENTS: "true", S3_EVENTS_TOKEN: TOKEN, MULTIPART_MIN_PART_SIZE: "1024" });
    alice = await tokenFor("alice");
  });
  afterAll(() => t.close());

  it("points the store's pushes at /s3-events with the token once listening", () => {
    const url = new URL(t.storage.eventPushUrl!);
    expect(`${url.origin}${url.pathname}`).toBe(t.url.replace("/graphql", "/s3-events"));
    expect(url.searchParams.get("token")).toBe(TOKEN);
  });

  it("settles a PENDING upload whose bytes landed, without completeUpload: AVAILABLE", async () => {
    const g = await grant();
    t.upload(g, pngBytes(64));
    const res = await events(notification(t.storage.bucket, [g.key]));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ settled: 1, ignored: 0 });
    expect(await stateOf(g.key)).toBe("AVAILABLE");
  });

  it("settles bytes that are not what was granted: REJECTED", async () => {
    const g = await grant();
    t.upload(g, "#!/bin/sh\necho not a png".padEnd(64, " "));
    expect(await (await events(notification(t.storage.bucket, [g.key]))).json()).toEqual({ settled: 1, ignored: 0 });
    expect(await stateOf(g.key)).toBe("REJECTED");
  });

  it("finds a key the notification URL-encoded (AWS does; the RGW does not)", async () => {
    const g = await grant();
    t.upload(g, pngBytes(64));
    const encoded = g.key.split("/").map(encodeURIComponent).join("/").replace("avatar", "%61vatar");
    expect(await (await events(notification(t.storage.bucket, [encoded]))).json()).toEqual({ settled: 1, ignored: 0 });
    expect(await stateOf(g.key)).toBe("AVAILABLE");
  });

  it("ignores what it cannot settle: another bucket, an unknown key, no bytes yet, a settled object, a multipart upload", async () => {
    const [elsewhere, empty, done] = [await grant(), await grant(), await grant()];
    t.upload(elsewhere, pngBytes(64));
    t.upload(done, pngBytes(64));
    await events(notification(t.storage.bucket, [done.key]));
    const multipart = dataOf(
      await t.gql(RequestMultipartUploadDocument, { input: avatarInput({ method: "MULTIPART", size: 2500 }), first: 1 }, alice),
    ).requestUpload;
    const res = await events(notification(t.storage.bucket, ["users/nobody/x.png", empty.key, done.key, multipart.key]));
    expect(await res.json()).toEqual({ settled: 0, ignored: 4 });
    expect(await (await events(notification("another-bucket", [elsewhere.key]))).json()).toEqual({ settled: 0, ignored: 1 });
    expect([await stateOf(elsewhere.key), await stateOf(empty.key), await stateOf(multipart.key)]).toEqual([
      "PENDING",
      "PENDING",
      "PENDING",
    ]);
  });

  it("ignores records that are not ObjectCreated", async () => {
    const g = await grant();
    t.upload(g, pngBytes(64));
    expect(await (await events(notification(t.storage.bucket, [g.key], "ObjectRemoved:Delete"))).json()).toEqual({
      settled: 0,
      ignored: 0,
    });
    expect(await stateOf(g.key)).toBe("PENDING");
  });

  test.each<[string, string | null, string]>([
    ["no token", null, "POST"],
    ["a wrong token", `${TOKEN}x`, "POST"],
    ["an empty token", "", "POST"],
    ["a GET, even with the token", TOKEN, "GET"],
  ])("answers 401 to %s and changes nothing", async (_label, token, method) => {
    const g = await grant();
    t.upload(g, pngBytes(64));
    const res = await events(notification(t.storage.bucket, [g.key]), token, method);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: "unauthenticated" });
    expect(await stateOf(g.key)).toBe("PENDING");
  });

  test.each([
    ["not JSON", "Records: yes"],
    ["JSON that is not an S3 event", JSON.stringify({ hello: "world" })],
    [
      "a record without a key",
      JSON.stringify({ Records: [{ eventName: "ObjectCreated:Put", s3: { bucket: { name: "b" }, object: {} } }] }),
    ],
    ["more than 1 MiB", JSON.stringify({ Records: [], pad: "x".repeat(1024 * 1024) })],
  ])("answers 400 to %s and changes nothing", async (_label, body) => {
    const res = await events(body);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: "not an S3 event notification" });
  });

  it("answers 400 to a malformed record naming a real upload, and leaves that upload PENDING", async () => {
    const g = await grant();
    t.upload(g, pngBytes(64));
    const body = JSON.stringify({ Records: [{ eventName: "ObjectCreated:Post", s3: { object: { key: g.key } } }] });
    expect((await events(body)).status).toBe(400);
    expect(await stateOf(g.key)).toBe("PENDING");
  });

  it("counts records and refusals", async () => {
    const text = await (await fetch(t.url.replace("/graphql", "/metrics"))).text();
    for (const result of ["settled", "ignored", "unauthenticated", "malformed"])
      expect(text).toMatch(new RegExp(`valet_s3_events_total\\{result="${result}"\\} [1-9]`));
  });
});

describe("S3 event notifications, off", () => {
  it("has no /s3-events route unless S3_EVENTS is on", async () => {
    const t = await startInProcessApp();
    try {
      const res = await fetch(t.url.replace("/graphql", "/s3-events?token=x"), { method: "POST", body: "{}" });
      expect(res.status).toBe(404);
      expect(t.storage.eventPushUrl).toBeUndefined();
    } finally {
      await t.close();
    }
  });
});
