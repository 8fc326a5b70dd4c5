import { mkdtempSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  CompleteUploadDocument,
  ObjectDocument,
  RequestDownloadsDocument,
  RequestUploadDocument,
} from "../../client/generated/graphql";
import { openDatabase, type Database } from "../../src/store/database";
import { createStore } from "../../src/store/store";
import type { Store } from "../../src/store/types";
import { startInProcessApp, type InProcessApp } from "../support/in-process";
import { avatarInput } from "../support/operations";
import { tokenFor } from "../support/tokens";
import { pngBytes } from "../support/uploads";

/** The value of one sample in Prometheus text, or 0 when the series does not exist yet. */
function sample(text: string, series: string): number {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

const get = (url: string) =>
  fetch(url).then(async (res) => ({ status: res.status, type: res.headers.get("content-type"), text: await res.text() }));

describe("metrics", () => {
  let t: InProcessApp;
  let database: Database;
  let failFindObject = false;
  let alice: string;
  const scrape = async () => (await get(t.url.replace("/graphql", "/metrics"))).text;

  beforeAll(async () => {
    database = await openDatabase(join(mkdtempSync(join(tmpdir(), "valet-metrics-")), "registry.sqlite"));
    const store = createStore(database);
    const flaky: Store = {
      ...store,
      findObject: (key) => (failFindObject ? Promise.reject(new Error("disk I/O error")) : store.findObject(key)),
    };
    t = await startInProcessApp({}, { store: flaky });
    alice = await tokenFor("alice");
  });
  afterAll(async () => {
    await t.close();
    await database.close();
  });

  it("serves Prometheus text at /metrics, process metrics included", async () => {
    const res = await get(t.url.replace("/graphql", "/metrics"));
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(res.text).toContain("# TYPE valet_grants_total counter");
    expect(res.text).toContain("process_cpu_user_seconds_total");
  });

  it("counts grants issued and refused by kind, profile and outcome", async () => {
    const before = await scrape();
    const g = (await t.gql(RequestUploadDocument, { input: avatarInput() }, alice)).data!.requestUpload;
    await t.gql(RequestUploadDocument, { input: avatarInput({ contentType: "text/html" }) }, alice);
    await t.gql(RequestUploadDocument, { input: avatarInput({ profile: "made-up-profile" }) }, alice);
    await t.gql(RequestUploadDocument, { input: avatarInput() });
    t.upload(g, pngBytes(64));
    await t.gql(CompleteUploadDocument, { grantId: g.id }, alice);
    await t.gql(RequestDownloadsDocument, { keys: [g.key, "users/alice/avatar/none.png", "users/bob/avatar/x.png"] }, alice);
    const after = await scrape();
    const moved = (series: string) => sample(after, series) - sample(before, series);
    expect(moved('valet_grants_total{kind="upload",profile="avatar",outcome="issued"}')).toBe(1);
    expect(moved('valet_grants_total{kind="upload",profile="avatar",outcome="BAD_USER_INPUT"}')).toBe(1);
    expect(moved('valet_grants_total{kind="upload",profile="unknown",outcome="BAD_USER_INPUT"}')).toBe(1);
    expect(moved('valet_grants_total{kind="upload",profile="avatar",outcome="UNAUTHENTICATED"}')).toBe(1);
    expect(moved('valet_grants_total{kind="download",profile="",outcome="issued"}')).toBe(1);
    expect(moved('valet_grants_total{kind="download",profile="",outcome="NOT_FOUND"}')).toBe(2);
    expect(after).not.toContain("made-up-profile");
  });

  it("times requests by operation and outcome, and group-commit writes by batch", async () => {
    const before = await scrape();
    await Promise.all(Array.from({ length: 5 }, () => t.gql(RequestUploadDocument, { input: avatarInput() }, alice)));
    const after = await scrape();
    const moved = (series: string) => sample(after, series) - sample(before, series);
    expect(moved('valet_http_request_duration_seconds_count{operation="requestUpload",outcome="ok"}')).toBe(5);
    expect(moved('valet_group_commit_batch_items_sum{commit="uploads"}')).toBe(5);
    expect(moved('valet_group_commit_batch_items_count{commit="uploads"}')).toBeGreaterThanOrEqual(1);
    expect(moved('valet_group_commit_wait_seconds_count{commit="uploads"}')).toBe(
      moved('valet_group_commit_batch_items_count{commit="uploads"}'),
    );
  });

  it("times S3 calls by operation and counts their failures by code", async () => {
    const g = (await t.gql(RequestUploadDocument, { input: avatarInput() }, alice)).data!.requestUpload;
    t.upload(g, pngBytes(64));
    const before = await scrape();
    const head = t.storage.objects.head;
    t.storage.objects.head = async () => Promise.reject(Object.assign(new Error("denied"), { name: "AccessDenied" }));
    await t.gql(CompleteUploadDocument, { grantId: g.id }, alice);
    t.storage.objects.head = head;
    await t.gql(CompleteUploadDocument, { grantId: g.id }, alice);
    const after = await scrape();
    const moved = (series: string) => sample(after, series) - sample(before, series);
    expect(moved('valet_s3_request_duration_seconds_count{operation="head"}')).toBe(2);
    expect(moved('valet_s3_request_duration_seconds_count{operation="readStart"}')).toBe(1);
    expect(moved('valet_s3_errors_total{operation="head",code="AccessDenied"}')).toBe(1);
  });

  it("counts failed registry calls by operation", async () => {
    const before = await scrape();
    failFindObject = true;
    const res = await t.gql(ObjectDocument, { key: "users/alice/avatar/any.png" }, alice);
    failFindObject = false;
    expect(res.errors?.[0]?.extensions?.code).toBe("INTERNAL_SERVER_ERROR");
    expect(
      sample(await scrape(), 'valet_registry_errors_total{operation="findObject"}') -
        sample(before, 'valet_registry_errors_total{operation="findObject"}'),
    ).toBe(1);
  });
});

describe("metrics on their own port (METRICS_PORT)", () => {
  let t: InProcessApp;
  beforeAll(async () => {
    t = await startInProcessApp({ METRICS_PORT: "0" });
    await new Promise<void>((ok) => t.app.metricsServer!.listen(0, "127.0.0.1", ok));
  });
  afterAll(() => t.close());

  it("serves /metrics there and not on the API's port", async () => {
    const { port } = t.app.metricsServer!.address() as AddressInfo;
    expect((await get(`http://127.0.0.1:${port}/metrics`)).text).toContain("valet_grants_total");
    expect((await get(`http://127.0.0.1:${port}/graphql`)).status).toBe(404);
    expect((await get(t.url.replace("/graphql", "/metrics"))).status).toBe(404);
  });
});
