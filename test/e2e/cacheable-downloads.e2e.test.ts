import { RequestDownloadDocument } from "../../client/generated/graphql";
import { dataOf, startTestApp, testConfig, type TestApp } from "../support/harness";
import { tokenFor } from "../support/tokens";
import { pngBytes, uploadPng } from "../support/uploads";

const WINDOW_MS = 600_000;

// Cacheable URLs on the RGW: one URL per object and window, which S3 serves with the signed Cache-Control.
describe("cacheable download URLs on Ceph", () => {
  let t: TestApp;
  let alice: string;
  let key: string;
  // The app's clock (deps.now): the real time while uploading, then set by each test.
  let clock: () => number = Date.now;

  beforeAll(async () => {
    t = await startTestApp(testConfig({ DOWNLOAD_URL_WINDOW: "600" }), { now: () => new Date(clock()) });
    alice = await tokenFor("alice");
    key = await uploadPng(t, alice);
  });
  afterAll(() => t.close());

  const cacheableUrl = async (at: number, extra: { expiresIn?: number } = {}) => {
    clock = () => at;
    const grant = dataOf(await t.gql(RequestDownloadDocument, { input: { key, cacheable: true, ...extra } }, alice));
    clock = Date.now;
    return grant.requestDownload;
  };

  it("gives byte-identical URLs within a window and a new one in the next; both download with Cache-Control", async () => {
    // The previous window, so that both windows' URLs are signed in the past (S3 refuses a date in its future).
    const current = Math.floor(Date.now() / WINDOW_MS) * WINDOW_MS;
    const previous = current - WINDOW_MS;
    const first = await cacheableUrl(previous + 1_000);
    const second = await cacheableUrl(previous + WINDOW_MS - 1);
    const next = await cacheableUrl(current);
    expect(second.url).toBe(first.url);
    expect(second.id).not.toBe(first.id);
    expect(first.issuedAt).toBe(new Date(previous).toISOString());
    expect(next.url).not.toBe(first.url);
    for (const url of [first.url, next.url]) {
      const res = await fetch(url);
      expect(res.status).toBe(200);
      expect(res.headers.get("cache-control")).toBe("private, max-age=600");
      expect(new Uint8Array(await res.arrayBuffer())).toEqual(pngBytes(64));
    }
  });

  it("signs no Cache-Control, and a new URL every second, unless asked", async () => {
    const at = Date.now();
    clock = () => at;
    const plain = dataOf(await t.gql(RequestDownloadDocument, { input: { key } }, alice)).requestDownload;
    clock = () => at + 1_000;
    const later = dataOf(await t.gql(RequestDownloadDocument, { input: { key } }, alice)).requestDownload;
    clock = Date.now;
    expect(later.url).not.toBe(plain.url);
    const res = await fetch(plain.url);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBeNull();
  });
});
