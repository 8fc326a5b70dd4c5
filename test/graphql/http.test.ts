import { print } from "graphql";
import { RequestUploadDocument, ServerTimeDocument } from "../../client/generated/graphql";
import { startInProcessApp, type InProcessApp } from "../support/in-process";
import { recordedGrants } from "../support/limits";
import { avatarInput } from "../support/operations";
import { tokenFor } from "../support/tokens";

// The API's own HTTP surface (its CORS, limits and CSRF guard); the bucket's CORS is proven on the RGW.
const SERVER_TIME = JSON.stringify({ query: print(ServerTimeDocument) });

describe("the HTTP surface", () => {
  let t: InProcessApp;
  beforeAll(async () => {
    t = await startInProcessApp();
  });
  afterAll(() => t.close());

  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(t.url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });

  it("marks GraphQL answers no-store and reports server time", async () => {
    const res = await post(SERVER_TIME);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("server-timing")).toMatch(/^app;dur=\d+\.\d\d$/);
  });

  it("allows a configured origin and answers its preflight", async () => {
    const origin = t.config.http.corsOrigins[0];
    const pre = await fetch(t.url, {
      method: "OPTIONS",
      headers: {
        origin,
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization,content-type",
      },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get("access-control-allow-origin")).toBe(origin);
    expect(pre.headers.get("access-control-allow-headers")).toBe("authorization,content-type");
  });

  it("gives another origin no CORS permission", async () => {
    const res = await post(SERVER_TIME, { origin: "https://evil.example" });
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("answers malformed JSON with 400 and an oversized body with 413", async () => {
    expect((await post("{not json")).status).toBe(400);
    expect((await post(JSON.stringify({ query: print(ServerTimeDocument), pad: "x".repeat(1024 * 1024) }))).status).toBe(413);
  });

  it("refuses a simple-content-type POST (CSRF prevention)", async () => {
    const res = await fetch(t.url, { method: "POST", headers: { "content-type": "text/plain" }, body: SERVER_TIME });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/CSRF/);
  });

  // A GET can be a link or an <img src>: it may read, never issue a grant.
  const get = (document: Parameters<typeof print>[0], variables: unknown, token: string) => {
    const search = new URLSearchParams({ query: print(document), variables: JSON.stringify(variables) });
    return fetch(`${t.url}?${search.toString()}`, {
      headers: { authorization: `Bearer ${token}`, "apollo-require-preflight": "true" },
    });
  };

  it("answers a query over GET", async () => {
    const res = await get(ServerTimeDocument, {}, await tokenFor("gina"));
    expect(res.status).toBe(200);
    expect(((await res.json()) as { data: { serverTime: string } }).data.serverTime).toMatch(/^\d{4}-/);
  });

  it("refuses a mutation over GET with 405 and records no grant", async () => {
    const res = await get(RequestUploadDocument, { input: avatarInput() }, await tokenFor("gina"));
    expect(res.status).toBe(405);
    expect(await res.text()).not.toContain("X-Amz-Signature");
    expect(await recordedGrants(t, "gina", "UPLOAD")).toBe(0);
  });

  it("serves /healthz and 404s elsewhere", async () => {
    const base = t.url.replace("/graphql", "");
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ ok: true });
    expect((await fetch(`${base}/nope`)).status).toBe(404);
  });
});
